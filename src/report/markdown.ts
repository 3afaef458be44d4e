// A short Markdown summary for CI job summaries (GitHub's GITHUB_STEP_SUMMARY); report.html has the details.
import escapeHtml from 'escape-html';
import {
  BASELINE_ROWS,
  DISPLAY_LABEL,
  SUMMARY_ROWS,
  coverageText,
  displayOf,
  formatMs,
  isNonPass,
  listWithMore,
  reasonLine,
  truncate,
} from './derive.ts';
import type { CheckResult, Report } from './model.ts';

// Job summaries are capped (1 MiB per step), and a wall of rows helps nobody: the rest is in report.html.
const MAX_ROWS = 200;
const MAX_MESSAGE = 500;
const MAX_IDS = 50;

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
    `## ${VERDICT_MARK[report.verdict]} Run Tasks API conformance: **${report.verdict}**`,
    '',
    `${where} ${code(target.address)}${target.organization === undefined ? '' : ` · organization ${code(target.organization)}`} · seed ${report.seed} · ` +
      `run ${code(report.runId)} · ${formatMs(report.durationMs)} · exit code ${report.exitCode}`,
  ].join('\n');
}

/** Why the exit code is what it is, above everything else: a red run never reads as green. */
function gate(report: Report): string | null {
  const { reasons } = report.gate;
  if (reasons.length === 0) return null;
  const lines = reasons.map((r) => `- ${mdCell(reasonLine(r, MAX_IDS))}`);
  return `### Why the exit code is ${report.exitCode}\n\n${lines.join('\n')}`;
}

function totals(report: Report): string {
  const rows = SUMMARY_ROWS.map((row) => [row.label, String(report.summary[row.key])]);
  return table(['outcome', 'checks'], ['---', '---:'], rows);
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

function outcomeText(check: CheckResult): string {
  const flaky = check.flaky ? ' (flaky)' : '';
  return `${DISPLAY_LABEL[displayOf(check)]}${flaky}`;
}

function messageText(check: CheckResult): string {
  const why = check.expectedFailure && displayOf(check) === 'expected-failure' ? `${check.expectedFailure.reason} — ` : '';
  return truncate(`${why}${check.message}`, MAX_MESSAGE);
}

function nonPassing(report: Report): string {
  const checks = report.checks.filter(isNonPass);
  if (checks.length === 0) return '### Every check passed';
  const rows = checks
    .slice(0, MAX_ROWS)
    .map((c) => [codeCell(c.id), `${c.appliedLevel} (${c.evidence})`, outcomeText(c), mdCell(messageText(c))]);
  const more = checks.length > MAX_ROWS ? `\n\n…and ${checks.length - MAX_ROWS} more in report.html` : '';
  return `### Checks not passing (${checks.length})\n\n${table(['check', 'level', 'outcome', 'message'], ['---', '---', '---', '---'], rows)}${more}`;
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
    totals(report),
    baseline(report),
    nonPassing(report),
    leftovers(report),
    coverage(report),
  ];
  return `${sections.filter((s): s is string => s !== null).join('\n\n')}\n`;
}
