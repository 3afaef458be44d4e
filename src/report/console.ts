// A few lines for the terminal at the end of a run.
import picocolors from 'picocolors';
import { SUMMARY_ROWS, counted, coverageText, failingIds, formatMs, listWithMore, reasonLine, summaryCount, type Display } from './derive.ts';
import type { Report } from './model.ts';

const MAX_IDS = 20;
/** The reasons' ids are a hint, the reports list them all: a reason stays about one terminal line. */
const MAX_GATE_IDS = 5;

type Colors = ReturnType<typeof picocolors.createColors>;

function paint(c: Colors): Record<Display, (text: string) => string> {
  return {
    pass: c.green,
    fail: c.red,
    warn: c.yellow,
    'not-applicable': c.dim,
    inconclusive: c.magenta,
    'expected-failure': c.cyan,
  };
}

function verdictColor(c: Colors, verdict: Report['verdict']): (text: string) => string {
  if (verdict === 'conformant') return c.green;
  return verdict === 'non-conformant' ? c.red : c.magenta;
}

/** One line per reason for the exit code: red for what fails the run, magenta for what could not be judged. */
function gateLines(report: Report, c: Colors): string[] {
  return report.gate.reasons.map((r) => (r.exitCode === 3 ? c.magenta : c.red)(`  ✗ ${reasonLine(r, MAX_GATE_IDS)}`));
}

/** With --fail-on regressions, failures that are not regressions do not gate the run: still worth a line. */
function nonGatingFailures(report: Report, c: Colors): string[] {
  return report.gate.failOn === 'regressions' ? idLine(c.red('failed (not gating: --fail-on regressions)'), failingIds(report)) : [];
}

/** "label: a, b and N more" on its own line, or nothing when the list is empty. */
function idLine(label: string, ids: readonly string[]): string[] {
  return ids.length > 0 ? [`  ${label} (${ids.length}): ${listWithMore(ids, MAX_IDS)}`] : [];
}

export function formatConsoleSummary(report: Report, options: { color: boolean }): string {
  const c = picocolors.createColors(options.color);
  const colors = paint(c);
  const verdict = verdictColor(c, report.verdict)(c.bold(report.verdict.toUpperCase()));
  const counts = SUMMARY_ROWS.filter((row) => row.display !== null)
    .map((row) => {
      const n = report.summary[row.key];
      const text = summaryCount(row, n);
      return row.display && n > 0 ? colors[row.display](text) : text;
    })
    .join(', ');
  const { stats } = report;
  const lines = [
    `${verdict} ${c.dim(`— ${report.target.address} (run ${report.runId}, seed ${report.seed}, exit ${report.exitCode})`)}`,
    `  ${counted(report.summary.total, 'check')}: ${counts}`,
    ...gateLines(report, c),
    ...nonGatingFailures(report, c),
    `  ${coverageText(report)}`,
    `  ${counted(stats.requests, 'request')}, ${stats.retries429} retried after 429, ${formatMs(stats.waitedMs)} waiting for rate limits; ran ${formatMs(report.durationMs)}`,
  ];
  const leftovers = report.leftovers?.length ?? 0;
  if (leftovers > 0) lines.push(c.yellow(`  resources left on the target: ${leftovers} (see report.json "leftovers")`));
  return lines.join('\n');
}
