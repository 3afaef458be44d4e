// What the runs of both sides do alike around their suites: progress lines as checks finish, the part of
// report.json they share, and the end of a run (write the reports, print the summary, exit when interrupted).
import type pc from 'picocolors';
import type { ClientStats } from '../client/index.ts';
import { formatConsoleSummary, renderAnnotations, writeReports, type Report } from '../report/index.ts';
import { causeOf } from './gate.ts';
import type { Interruption } from './interrupt.ts';
import type { Judgement } from './judgement.ts';
import { verdictFor } from './results.ts';
import { TOOL_VERSION } from './version.ts';
import type { RawResult } from './vitest-run.ts';

type Colors = ReturnType<typeof pc.createColors>;

export interface RunIO {
  log(line: string): void;
  color: boolean;
  /** Ends the process after an interrupted run's reports (default process.exit). */
  exit?(code: 130 | 143): void;
  /** On a terminal: one line rewritten in place as checks finish (cleared before the next log line). */
  status?(text: string): void;
  /** Under GitHub Actions: print ::error workflow commands for what fails the gate. */
  annotations?: boolean;
}

export interface RunOutcome {
  /** 130/143 when SIGINT/SIGTERM interrupted the run. */
  exitCode: 0 | 1 | 3 | 130 | 143;
  report: Report;
  paths: { json: string; junit: string; markdown: string; html: string };
}

const SYMBOL: Record<string, string> = { pass: '✓', fail: '✗', warn: '!', 'not-applicable': '-', inconclusive: '?' };

/**
 * A line for each check that did not pass, as it finishes; inconclusive and not-applicable checks once per
 * cause (the first, then a note): 117 checks stopped by one broken set-up call are one line here and one
 * group in the summary.
 */
export function progressLines(colors: Colors): (raw: RawResult) => string | undefined {
  const causes = new Map<string, number>();
  return (raw) => {
    const outcome = raw.meta?.outcome ?? (raw.state === 'failed' ? 'inconclusive' : undefined);
    if (!outcome || outcome === 'pass') return undefined;
    const paint = outcome === 'fail' ? colors.red : outcome === 'warn' || outcome === 'inconclusive' ? colors.yellow : colors.dim;
    const message = (raw.meta?.message ?? raw.error ?? '').split('\n')[0]!.slice(0, 160);
    if (outcome === 'inconclusive' || outcome === 'not-applicable') {
      const cause = `${outcome}: ${causeOf(message)}`;
      const seen = (causes.get(cause) ?? 0) + 1;
      causes.set(cause, seen);
      if (seen === 2) return colors.dim(`  ${SYMBOL[outcome]} more checks ${outcome === 'inconclusive' ? 'inconclusive' : 'not applicable'} for the same reason: counted in the summary and the reports`);
      if (seen > 2) return undefined;
    }
    return paint(`  ${SYMBOL[outcome]} ${raw.id}  ${message}`);
  };
}

export function suiteLine(suite: string, results: readonly RawResult[], colors: Colors): string {
  const counts = new Map<string, number>();
  for (const r of results) {
    const o = r.meta?.outcome ?? (r.state === 'failed' ? 'inconclusive' : 'not run');
    counts.set(o, (counts.get(o) ?? 0) + 1);
  }
  const parts = [...counts].map(([o, n]) => `${n} ${o}`).join(', ');
  const bad = counts.has('fail') || counts.has('inconclusive');
  return `${bad ? colors.red('●') : colors.green('●')} ${suite.padEnd(26)} ${parts}`;
}

/** What a run hands vitest's reporter as checks finish: a line per non-pass, the `N/total` status, a line per suite. */
export function checkProgress(io: RunIO, colors: Colors) {
  const collected: RawResult[] = [];
  const line = progressLines(colors);
  let done = 0;
  let total: number | undefined;
  return {
    /** Every raw result so far: what the reports hold when an interruption cuts the run short. */
    collected,
    onResult(raw: RawResult): void {
      collected.push(raw);
      const text = line(raw);
      if (text) io.log(text);
      if (raw.meta || raw.state === 'failed') done += 1;
      io.status?.(`${done}/${total ?? '?'} checks · ${raw.suite} · ${raw.id}`);
    },
    onSuiteEnd: (name: string, results: readonly RawResult[]) => io.log(suiteLine(name, results, colors)),
    /** The number of checks the run will judge, once known (the status shows `?` until then). */
    setTotal(count: number): void {
      total = count;
    },
  };
}

export interface ReportParts {
  runId: string;
  startedAt: Date;
  seed: number;
  numRuns: number;
  strict: boolean;
  judgement: Judgement;
  coverage: Report['coverage'];
  stats: ClientStats;
}

/** report.json as both sides build it; `own` adds what only one side has (its target, side, extras). */
export function reportOf({ runId, startedAt, seed, numRuns, strict, judgement, coverage, stats }: ReportParts, own: Pick<Report, 'target'> & Partial<Report>): Report {
  const finishedAt = new Date();
  const { checks, summary, baseline, gate, reportExitCode } = judgement;
  const { target, ...extra } = own;
  return {
    reportVersion: 1,
    tool: { name: 'run-tasks-conformance', version: TOOL_VERSION },
    runId,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    target,
    seed,
    numRuns,
    strict,
    exitCode: reportExitCode,
    verdict: verdictFor(reportExitCode),
    gate,
    summary,
    coverage,
    stats: { ...stats, waitedMs: Math.round(stats.waitedMs) },
    checks,
    ...(baseline ? { baseline } : {}),
    ...extra,
  };
}

/**
 * The end of a run: the reports written, the summary printed; an interrupted run then says `lastLine` and
 * exits at once (vitest or a request on the wire may still hold the event loop, and the deadline is the promise).
 */
export async function publish(report: Report, reportDir: string, io: RunIO, colors: Colors, interrupt: Interruption, lastLine: () => string): Promise<RunOutcome['paths']> {
  const paths = await writeReports(report, reportDir);
  io.log('');
  io.log(formatConsoleSummary(report, { color: io.color }));
  if (io.annotations) for (const line of renderAnnotations(report)) io.log(line);
  io.log(`reports: ${paths.json}, ${paths.junit}, ${paths.markdown}, ${paths.html}`);
  if (interrupt.interrupted) {
    io.log(colors.yellow(lastLine()));
    interrupt.dispose();
    (io.exit ?? process.exit)(interrupt.code);
  }
  return paths;
}
