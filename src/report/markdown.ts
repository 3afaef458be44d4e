// A short Markdown summary for CI job summaries (GitHub's GITHUB_STEP_SUMMARY); report.html has the details.
import escapeHtml from 'escape-html';
import {
  BASELINE_ROWS,
  SUMMARY_ROWS,
  byCause,
  checksWith,
  counted,
  coverageText,
  displayOf,
  formatMs,
  listWithMore,
  summaryCount,
  oneLine,
  reasonLine,
  truncate,
  reportTitle,
} from './derive.ts';
import type { CheckResult, Report } from './model.ts';
import { taskResultsMarkdown } from './task-results.ts';

// Job summaries are capped (1 MiB per step), and a wall of rows helps nobody: the rest is in report.html.
const MAX_ROWS = 20;
const MAX_MESSAGE = 300;
const MAX_IDS = 20;

const VERDICT_MARK: Record<Report['verdict'], string> = {
  conformant: '✅',
  'non-conformant': '❌',
  inconclusive: '⚠️',
};

/** Text for a table cell: HTML escaped (so data cannot inject markup), `|` escaped, newlines as <br>. */
export function mdCell(text: string): string {
  return escapeHtml(text).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** Inline code; a backtick inside would end the span early, so it is replaced. */
function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

/** Inline code inside a table, where even a code span's `|` ends the cell. */
function codeCell(text: string): string {
  return code(text).replace(/\|/g, '\\|');
}

function table(header: readonly string[], align: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(align), ...rows.map(line)].join('\n');
}

function headline(report: Report): string {
  const { target } = report;
  const where = target.embedded ? 'embedded emulator' : 'target';
  return [
    `## ${VERDICT_MARK[report.verdict]} ${reportTitle(report)}: **${report.verdict}**`,
    '',
    `${where} ${code(target.address)}${target.organization === undefined ? '' : ` · organization ${code(target.organization)}`} · seed ${report.seed} · ` +
      `run ${code(report.runId)} · ${formatMs(report.durationMs)} · exit code ${report.exitCode}`,
  ].join('\n');
}

/** Why the exit code is what it is, above everything else: a red run never reads as green. */
function gate(report: Report): string | null {
  const { reasons } = report.gate;
  if (reasons.length === 0) return null;
  const lines = reasons.map((r) => `- ${mdCell(reasonLine(r, 5))}`);
  return `### Why the exit code is ${report.exitCode}\n\n${lines.join('\n')}`;
}

/** "357 checks: 300 passed · 2 failed · …" on one line: the tables below say which. */
function totals(report: Report): string {
  const counts = SUMMARY_ROWS.filter((row) => row.key !== 'total').map((row) => summaryCount(row, report.summary[row.key]));
  return `**${counted(report.summary.total, 'check')}:** ${counts.join(' · ')}`;
}

function baseline(report: Report): string | null {
  const b = report.baseline;
  if (!b) return null;
  const lines = BASELINE_ROWS.filter((row) => b[row.key].length > 0).map((row) => {
    const label = row.key === 'regressions' ? `**${row.label}**` : row.label;
    return `- ${label} (${b[row.key].length}): ${listWithMore(b[row.key], MAX_IDS, code)}`;
  });
  const body = lines.length > 0 ? lines.join('\n') : '- no change';
  return `### Compared with baseline ${code(b.path)}\n\n${body}`;
}

function messageText(check: CheckResult): string {
  const flaky = check.flaky ? ' (flaky)' : '';
  const why = check.expectedFailure && displayOf(check) === 'expected-failure' ? `${check.expectedFailure.reason} — ` : '';
  return truncate(oneLine(`${why}${check.message}${flaky}`), MAX_MESSAGE);
}

/** A capped table of checks, one row each, with the count of the rest: a job summary stays a summary. */
function checkTable(title: string, checks: readonly CheckResult[]): string | null {
  if (checks.length === 0) return null;
  const rows = checks.slice(0, MAX_ROWS).map((c) => [codeCell(c.id), `${c.appliedLevel} (${c.evidence})`, mdCell(messageText(c))]);
  const more = checks.length > MAX_ROWS ? `\n\n…and ${checks.length - MAX_ROWS} more in report.html` : '';
  return `### ${title} (${checks.length})\n\n${table(['check', 'level', 'reason'], ['---', '---', '---'], rows)}${more}`;
}

/** Checks that end alike for one cause, one row per cause. */
function causeTable(title: string, checks: readonly CheckResult[]): string | null {
  if (checks.length === 0) return null;
  const groups = byCause(checks);
  const rows = groups.slice(0, MAX_ROWS).map((g) => [String(g.checks.length), mdCell(truncate(oneLine(g.cause), MAX_MESSAGE)), listWithMore(g.checks.map((c) => c.id), 3, codeCell)]);
  const more = groups.length > MAX_ROWS ? `\n\n…and ${counted(groups.length - MAX_ROWS, 'more cause')} in report.html` : '';
  return `### ${title} (${counted(checks.length, 'check')}, ${counted(groups.length, 'cause')})\n\n${table(['checks', 'cause', 'among them'], ['---:', '---', '---'], rows)}${more}`;
}

/**
 * Nothing to list: green only when the gate agrees. A stale expected-failure entry, an interruption or a
 * suite error fails a run whose checks all passed, and the summary must not read as green then.
 */
function nothingToList(report: Report): string {
  const notApplicable = checksWith(report, 'not-applicable').length;
  // Not-applicable checks were not judged: "every check passed" would claim more than the run did.
  if (report.gate.reasons.length === 0) return notApplicable ? `### Every check that applies passed (${counted(notApplicable, 'check')} not applicable, listed below)` : '### Every check passed';
  return `### No check failed\n\nNo check failed, warned or was inconclusive, but the run is not green: exit code ${report.exitCode} comes from the reasons above.`;
}

/** What did not pass, most urgent first: failures, then what could not be judged, then warnings. */
function findings(report: Report): string {
  const sections = [
    checkTable('Failures', checksWith(report, 'fail')),
    causeTable('Inconclusive', checksWith(report, 'inconclusive')),
    checkTable('Warnings', checksWith(report, 'warn')),
    checkTable('Expected failures', checksWith(report, 'expected-failure')),
  ].filter((s): s is string => s !== null);
  return sections.length > 0 ? sections.join('\n\n') : nothingToList(report);
}

/** Not applicable, grouped by reason, folded: it explains what the configuration left out. */
function notApplicable(report: Report): string | null {
  const table = causeTable('Not applicable', checksWith(report, 'not-applicable'));
  return table && `<details><summary>${counted(checksWith(report, 'not-applicable').length, 'check')} not applicable</summary>\n\n${table}\n\n</details>`;
}

function leftovers(report: Report): string | null {
  const items = report.leftovers ?? [];
  if (items.length === 0) return null;
  const ids = items.map((l) => `${l.kind}/${l.id}${l.name ? ` (${l.name})` : ''}`);
  return `### Left on the target (${items.length})\n\n${listWithMore(ids, MAX_IDS, code)}`;
}

function coverage(report: Report): string {
  const uncovered = report.coverage.uncovered;
  const list = uncovered.length > 0 ? `; no check ran for ${listWithMore(uncovered, MAX_IDS, code)}` : '';
  return `**Coverage:** ${coverageText(report)}${list}`;
}

export function renderMarkdown(report: Report): string {
  const sections = [
    headline(report),
    gate(report),
    findings(report),
    totals(report),
    taskResultsMarkdown(report),
    baseline(report),
    notApplicable(report),
    leftovers(report),
    coverage(report),
  ];
  return `${sections.filter((s): s is string => s !== null).join('\n\n')}\n`;
}
