// The main job: prepare the target, run the suites, judge, compare, write the reports, pick the exit code.
import pc from 'picocolors';
import { SUITE_NAMES, type RunConfig } from '../config/config.ts';
import { formatConsoleSummary, writeReports, type Report } from '../report/index.ts';
import { compareWithBaseline, isFailure, loadBaseline } from './baseline.ts';
import { applyExpectedFailures, loadExpectedFailures } from './expected.ts';
import { prepareRun, type PrepareOptions } from './prepare.ts';
import { coverage, exitCodeFor, summarize, toCheckResults, verdictFor } from './results.ts';
import { runSuites, type RawResult } from './vitest-run.ts';
import { TOOL_VERSION } from './version.ts';

export interface RunIO {
  log(line: string): void;
  color: boolean;
}

export interface RunOutcome {
  exitCode: 0 | 1 | 3;
  report: Report;
  paths: { json: string; junit: string; markdown: string; html: string };
}

const SYMBOL: Record<string, string> = { pass: '✓', fail: '✗', warn: '!', 'not-applicable': '-', inconclusive: '?' };

function progressLine(raw: RawResult, colors: ReturnType<typeof pc.createColors>): string | undefined {
  const outcome = raw.meta?.outcome ?? (raw.state === 'failed' ? 'inconclusive' : undefined);
  if (!outcome || outcome === 'pass') return undefined;
  const paint = outcome === 'fail' ? colors.red : outcome === 'warn' || outcome === 'inconclusive' ? colors.yellow : colors.dim;
  const message = (raw.meta?.message ?? raw.error ?? '').split('\n')[0]!.slice(0, 160);
  return paint(`  ${SYMBOL[outcome]} ${raw.id}  ${message}`);
}

function suiteLine(suite: string, results: readonly RawResult[], colors: ReturnType<typeof pc.createColors>): string {
  const counts = new Map<string, number>();
  for (const r of results) {
    const o = r.meta?.outcome ?? (r.state === 'failed' ? 'inconclusive' : 'not run');
    counts.set(o, (counts.get(o) ?? 0) + 1);
  }
  const parts = [...counts].map(([o, n]) => `${n} ${o}`).join(', ');
  const bad = counts.has('fail') || counts.has('inconclusive');
  return `${bad ? colors.red('●') : colors.green('●')} ${suite.padEnd(26)} ${parts}`;
}

export async function runConformance(config: RunConfig, io: RunIO, options: PrepareOptions = {}): Promise<RunOutcome> {
  // Read the inputs that can be wrong before touching the target.
  const expected = config.expectedFailures ? loadExpectedFailures(config.expectedFailures) : [];
  const previous = config.baseline ? loadBaseline(config.baseline) : null;
  const startedAt = new Date();
  const prepared = await prepareRun(config, options);
  const colors = pc.createColors(io.color);
  const { suite } = prepared;
  io.log(`run-tasks-conformance ${TOOL_VERSION}: run ${suite.runId} against ${suite.embedded ? `the embedded target at ${suite.address}` : suite.address} (organization ${suite.organization}), seed ${suite.seed}`);

  let run;
  try {
    run = await runSuites(suite, {
      suites: config.suites.length ? config.suites : SUITE_NAMES,
      grep: config.grep,
      retries: config.retries,
      onResult: (raw) => {
        const line = progressLine(raw, colors);
        if (line) io.log(line);
      },
      onSuiteEnd: (name, results) => io.log(suiteLine(name, results, colors)),
    });
  } finally {
    await prepared.close();
  }

  const today = startedAt.toISOString().slice(0, 10);
  const { checks, problems } = applyExpectedFailures(toCheckResults(run.results), expected, today);
  for (const problem of [...problems, ...run.unhandled.map((u) => `unhandled error in a suite: ${u}`)]) io.log(colors.red(`  ✗ ${problem}`));
  const summary = summarize(checks);
  const baseline = previous ? compareWithBaseline(previous, checks, config.baseline!) : undefined;
  const failing = problems.length > 0 || (config.failOn === 'regressions' ? (baseline?.regressions.length ?? 0) > 0 : checks.some(isFailure));
  const exitCode = exitCodeFor(summary, failing);
  const finishedAt = new Date();
  const report: Report = {
    reportVersion: 1,
    tool: { name: 'run-tasks-conformance', version: TOOL_VERSION },
    runId: suite.runId,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    target: { address: suite.address, embedded: suite.embedded, organization: suite.organization, plan: suite.embedded ? config.embeddedPlan : null },
    seed: suite.seed,
    numRuns: suite.numRuns,
    exitCode,
    verdict: verdictFor(exitCode),
    summary,
    coverage: coverage(checks),
    stats: { ...run.stats, waitedMs: Math.round(run.stats.waitedMs) },
    checks,
    ...(baseline ? { baseline } : {}),
  };
  const paths = await writeReports(report, config.reportDir);
  io.log('');
  io.log(formatConsoleSummary(report, { color: io.color }));
  io.log(`reports: ${paths.json}, ${paths.junit}, ${paths.markdown}, ${paths.html}`);
  return { exitCode, report, paths };
}
