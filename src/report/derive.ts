// Small pure helpers shared by the renderers, so each renderer only decides layout.
import type { CheckResult, Exchange, GateReason, Outcome, Report, Summary } from './model.ts';

/** What a renderer shows: the outcome, except that a covered fail/warn is shown as an expected failure. */
export type Display = Outcome | 'expected-failure';

/** What the report is about, as its title says it: the API, or a run-task integration service. */
export function reportTitle(report: Pick<Report, 'side'>): string {
  return report.side === 'integration' ? 'Run task integration conformance' : 'Run Tasks API conformance';
}

export function displayOf(check: CheckResult): Display {
  const covered = check.expectedFailure !== undefined;
  return covered && (check.outcome === 'fail' || check.outcome === 'warn') ? 'expected-failure' : check.outcome;
}

export function isNonPass(check: CheckResult): boolean {
  return displayOf(check) !== 'pass';
}

export const DISPLAY_LABEL: Record<Display, string> = {
  pass: 'pass',
  fail: 'fail',
  warn: 'warn',
  'not-applicable': 'not applicable',
  inconclusive: 'inconclusive',
  'expected-failure': 'expected failure',
};

/** One row per summary count, in the order every renderer lists them; `one` is the label for a count of 1. */
export const SUMMARY_ROWS: readonly { key: keyof Summary; label: string; one?: string; display: Display | null }[] = [
  { key: 'total', label: 'total', display: null },
  { key: 'passed', label: 'passed', display: 'pass' },
  { key: 'failed', label: 'failed', display: 'fail' },
  { key: 'warned', label: 'warned', display: 'warn' },
  { key: 'notApplicable', label: 'not applicable', display: 'not-applicable' },
  { key: 'inconclusive', label: 'inconclusive', display: 'inconclusive' },
  { key: 'expectedFailures', label: 'expected failures', one: 'expected failure', display: 'expected-failure' },
];

/** "1 expected failure", "2 passed": a summary count with its row's label. */
export function summaryCount(row: (typeof SUMMARY_ROWS)[number], n: number): string {
  return counted(n, row.one ?? row.label, row.label);
}

/** Baseline lists, regressions first because they are what a reader acts on. */
export const BASELINE_ROWS = [
  { key: 'regressions', label: 'Regressions' },
  { key: 'fixed', label: 'Fixed' },
  { key: 'stillFailing', label: 'Still failing' },
  { key: 'passToInconclusive', label: 'Pass → inconclusive' },
  { key: 'inconclusiveToPass', label: 'Inconclusive → pass' },
  { key: 'new', label: 'New' },
  { key: 'removed', label: 'Removed' },
] as const;

/** Checks whose failure counts against the verdict (expected failures excluded). */
export function failingIds(report: Report): string[] {
  return report.checks.filter((c) => displayOf(c) === 'fail').map((c) => c.id);
}

export function idsWith(report: Report, display: Display): string[] {
  return report.checks.filter((c) => displayOf(c) === display).map((c) => c.id);
}

/** Groups preserving first-seen order, so output follows execution order. */
export function groupBy<T, K extends string>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… [${counted(text.length - max, 'more character')} truncated]`;
}

/** The first sentence of a requirement, on one line, short enough for a test name. */
export function shortRequirement(requirement: string, max = 80): string {
  const flat = oneLine(requirement).replace(/^["“]|["”]$/g, '');
  // The first sentence, unless that leaves a stub ("Associate:"): statements often lead with a label.
  const first = /^(.+?[.;])(\s|$)/.exec(flat)?.[1];
  const sentence = first && first.length >= 20 ? first : flat;
  return sentence.length <= max ? sentence : `${sentence.slice(0, max - 1).trimEnd()}…`;
}

/** JSON bodies re-indented for reading; anything else unchanged. */
export function prettyBody(body: string): string {
  const trimmed = body.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return body;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return body;
  }
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** "Has a check" is what the suites can judge; "judged" is what this run did (pass, fail or warn). */
export function coverageText(report: Report): string {
  const { requirements, withChecks, judged } = report.coverage;
  return `${withChecks} of ${counted(requirements, 'requirement')} ${withChecks === 1 ? 'has' : 'have'} a check; ${judged} ${judged === 1 ? 'was' : 'were'} judged in this run (pass, fail or warn)`;
}

function exchangeLine(exchange: Exchange): string {
  const status = exchange.status === null ? 'no response' : String(exchange.status);
  const error = exchange.error ? ` (${exchange.error})` : '';
  const from = exchange.direction === 'from-target' ? 'from the target: ' : '';
  return `${from}${exchange.method} ${exchange.url} -> ${status}${error} in ${formatMs(exchange.durationMs)}`;
}

/** One line per exchange: enough to see what was asked and answered without the bodies. */
export function transcriptSummary(transcript: readonly Exchange[] | undefined): string {
  return (transcript ?? []).map(exchangeLine).join('\n');
}

/** "a, b, c and N more" for lists that would otherwise flood a terminal or a summary. */
export function listWithMore(ids: readonly string[], max: number, quote: (id: string) => string = (id) => id): string {
  const shown = ids.slice(0, max).map(quote).join(', ');
  return ids.length > max ? `${shown} and ${ids.length - max} more` : shown;
}

/** The reasons whose checks are worth listing beside the message (an expected-failure entry names its own). */
const LISTS_CHECKS: ReadonlySet<GateReason['kind']> = new Set(['failure', 'regression', 'inconclusive']);

/** A gate reason on one line: its message, and for failures, regressions and inconclusive groups the first ids. */
export function reasonLine(reason: GateReason, maxIds: number, quote?: (id: string) => string): string {
  return LISTS_CHECKS.has(reason.kind) && reason.checks.length > 0 ? `${reason.message}: ${listWithMore(reason.checks, maxIds, quote)}` : reason.message;
}

/** Why the exit code is what it is, in a few words: the headline of every report. */
export function exitCodeText(report: Pick<Report, 'exitCode' | 'gate'>): string {
  if (report.gate.reasons.length === 0) return 'exit code 0: every MUST check passed';
  const shown = report.gate.reasons.slice(0, 3).map((r) => r.message);
  const more = report.gate.reasons.length - shown.length;
  return `exit code ${report.exitCode}: ${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}

/** The inconclusive checks grouped by cause, as the gate recorded them. */
export function inconclusiveGroups(report: Pick<Report, 'gate'>): GateReason[] {
  return report.gate.reasons.filter((r) => r.kind === 'inconclusive');
}

const TRANSPORT = /^the target could not be reached \([a-z]+\)/;

/**
 * What checks that end alike for one reason have in common: the message without run-specific names
 * (rtc-<run id>-…), resource ids and attempt counts; for a transport error, only its kind.
 */
export function causeOf(message: string): string {
  const transport = TRANSPORT.exec(message);
  if (transport) return transport[0];
  return message
    .replace(/ \(consistent: on all \d+ attempts\)$/, '')
    .replace(/\brtc-[0-9a-f]{8}-[\w.-]*/g, '<name>')
    .replace(/\b(?:task|ws|wstask|org|run|user|team)-[A-Za-z0-9]{6,}\b/g, '<id>');
}

/** Checks grouped by the cause of their message, the largest group first (not-applicable reasons, say). */
export function byCause(checks: readonly CheckResult[]): { cause: string; checks: CheckResult[] }[] {
  return [...groupBy(checks, (c) => causeOf(c.message))].map(([cause, list]) => ({ cause, checks: list })).sort((a, b) => b.checks.length - a.checks.length);
}

/** The checks a renderer shows under one display, in report order. */
export function checksWith(report: Pick<Report, 'checks'>, display: Display): CheckResult[] {
  return report.checks.filter((c) => displayOf(c) === display);
}

/** "1 check", "2 checks": every count in the reports and on the console goes through it. */
export function counted(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : nouns}`;
}
