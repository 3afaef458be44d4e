// A few lines for the terminal at the end of a run.
import picocolors from 'picocolors';
import { SUMMARY_ROWS, coverageText, failingIds, formatMs, idsWith, listWithMore, type Display } from './derive.ts';
import type { Report } from './model.ts';

const MAX_IDS = 20;

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
      const text = `${n} ${n === 1 ? row.label.replace(/s$/, '') : row.label}`;
      return row.display && report.summary[row.key] > 0 ? colors[row.display](text) : text;
    })
    .join(', ');
  const { stats } = report;
  const lines = [
    `${verdict} ${c.dim(`— ${report.target.address} (run ${report.runId}, seed ${report.seed}, exit ${report.exitCode})`)}`,
    `  ${report.summary.total} ${report.summary.total === 1 ? 'check' : 'checks'}: ${counts}`,
    ...idLine(c.red(c.bold('regressions')), report.baseline?.regressions ?? []),
    ...idLine(c.red('failed'), failingIds(report)),
    ...idLine(c.magenta('inconclusive'), idsWith(report, 'inconclusive')),
    `  ${coverageText(report)}`,
    `  ${stats.requests} requests, ${stats.retries429} retried after 429, ${formatMs(stats.waitedMs)} waiting for rate limits; ran ${formatMs(report.durationMs)}`,
  ];
  const leftovers = report.leftovers?.length ?? 0;
  if (leftovers > 0) lines.push(c.yellow(`  resources left on the target: ${leftovers} (see report.json "leftovers")`));
  return lines.join('\n');
}
