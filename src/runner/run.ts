// The main job: prepare the target, run the suites, judge, compare, write the reports, pick the exit code.
import pc from 'picocolors';
import { ApiClient, redact } from '../client/index.ts';
import { SUITE_NAMES, type RunConfig } from '../config/config.ts';
import { formatConsoleSummary, renderAnnotations, writeReports, type Report } from '../report/index.ts';
import { compareWithBaseline, loadBaseline } from './baseline.ts';
import { applyExpectedFailures, loadExpectedFailures } from './expected.ts';
import { cleanupRun, journalOutstanding, type Leftover } from './cleanup.ts';
import { removeJournal } from './journal.ts';
import { JOURNAL_DIR, prepareRun, type PrepareOptions } from './prepare.ts';
import { earlierLeftovers } from './leftovers.ts';
import { definedChecks, requirementsWithChecks, selectedChecks, type DefinedCheck } from './definitions.ts';
import { causeOf, exitCodeOf, gateFor } from './gate.ts';
import { coverage, summarize, toCheckResults, verdictFor } from './results.ts';
import { runSuites, type RawResult } from './vitest-run.ts';
import { TOOL_VERSION } from './version.ts';

export interface RunIO {
  log(line: string): void;
  color: boolean;
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
function progressLines(colors: ReturnType<typeof pc.createColors>): (raw: RawResult) => string | undefined {
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
  // What --grep selects is known before the target is touched; without it the list only feeds the progress total.
  const selection = { suites: config.suites, grep: config.grep };
  const chosen = config.grep ? await selectedChecks(selection) : undefined;
  const startedAt = new Date();
  if (config.address && config.waitForSeconds) io.log(`waiting up to ${config.waitForSeconds}s for ${config.address} to answer (--wait-for)`);
  const prepared = await prepareRun(config, options);
  const colors = pc.createColors(io.color);
  const { suite } = prepared;
  io.log(`run-tasks-conformance ${TOOL_VERSION}: run ${suite.runId} against ${suite.embedded ? `the embedded emulator at ${suite.address}` : suite.address} (organization ${suite.organization}${prepared.plan ? `: ${prepared.plan}` : ''}), seed ${suite.seed}`);

  const journalDir = options.journalDir ?? JOURNAL_DIR;
  const earlier = suite.journalPath ? earlierLeftovers(journalDir, suite) : [];
  if (earlier.length) io.log(colors.yellow(`! ${earlier.length} resource(s) left by earlier runs in ${suite.organization}: run \`run-tasks-conformance sweep\` to list and remove them`));

  const client = new ApiClient({ baseUrl: suite.address, token: suite.token, timeoutMs: suite.timeoutMs, maxRps: suite.maxRps });
  const interrupt = interruptions(io, colors, () => (suite.journalPath ? journalOutstanding(suite.journalPath) : []));
  let run;
  const progressLine = progressLines(colors);
  let done = 0;
  let total: number | undefined;
  const countChecks = () => void (chosen ? Promise.resolve(chosen) : definedChecks(selection)).then((list: DefinedCheck[]) => (total = list.length), () => undefined);
  let leftovers: Leftover[] = [];
  try {
    run = await runSuites(suite, {
      suites: config.suites.length ? config.suites : SUITE_NAMES,
      grep: config.grep,
      retries: config.retries,
      signal: interrupt.signal,
      onResult: (raw) => {
        const line = progressLine(raw);
        if (line) io.log(line);
        if (raw.meta || raw.state === 'failed') done += 1;
        io.status?.(`${done}/${total ?? '?'} checks · ${raw.suite} · ${raw.id}`);
      },
      onSuiteEnd: (name, results) => io.log(suiteLine(name, results, colors)),
      onStart: countChecks,
    });
  } finally {
    // Whatever happened, delete what the journal says this run still owns.
    if (suite.journalPath) {
      leftovers = await cleanupRun(suite.journalPath, suite.prefix, suite.organization, client);
      if (leftovers.length === 0) removeJournal(suite.journalPath);
    }
    interrupt.dispose();
    await prepared.close();
  }
  for (const l of leftovers) io.log(colors.red(`  ✗ could not delete ${l.kind} ${l.id}${l.name ? ` (${l.name})` : ''}: \`run-tasks-conformance sweep\` will find it`));

  const today = startedAt.toISOString().slice(0, 10);
  const { checks, stale } = applyExpectedFailures(toCheckResults(run.results, config.strict), expected, today);
  // An unhandled error's text comes from anywhere in a suite: it is redacted like every exchange.
  const secrets = [suite.token, suite.restrictedToken].filter((x): x is string => Boolean(x));
  for (const problem of run.unhandled) io.log(colors.red(`  ✗ unhandled error in a suite: ${redact(problem, secrets)}`));
  const summary = summarize(checks);
  const baseline = previous ? compareWithBaseline(previous, checks, config.baseline!) : undefined;
  const interrupted = interrupt.signal.aborted ? (interrupt.exitCode() === 143 ? 'SIGTERM' : 'SIGINT') : null;
  const gate = gateFor({ checks, failOn: config.failOn, inconclusiveRegressions: config.inconclusiveRegressions, baseline, stale, interrupted });
  const reportExitCode = exitCodeOf(gate);
  const exitCode = interrupted ? interrupt.exitCode() : (reportExitCode as 0 | 1 | 3);
  const finishedAt = new Date();
  const report: Report = {
    reportVersion: 1,
    tool: { name: 'run-tasks-conformance', version: TOOL_VERSION },
    runId: suite.runId,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    target: { address: suite.address, embedded: suite.embedded, organization: suite.organization, plan: prepared.plan },
    seed: suite.seed,
    numRuns: suite.numRuns,
    strict: config.strict,
    exitCode: reportExitCode,
    verdict: verdictFor(reportExitCode),
    gate,
    summary,
    coverage: coverage(checks, await requirementsWithChecks()),
    stats: { ...run.stats, waitedMs: Math.round(run.stats.waitedMs) },
    checks,
    ...(baseline ? { baseline } : {}),
    ...(leftovers.length ? { leftovers: leftovers.map(({ kind, id, name }) => ({ kind, id, ...(name ? { name } : {}) })) } : {}),
  };
  const paths = await writeReports(report, config.reportDir);
  io.log('');
  io.log(formatConsoleSummary(report, { color: io.color }));
  if (io.annotations) for (const line of renderAnnotations(report)) io.log(line);
  io.log(`reports: ${paths.json}, ${paths.junit}, ${paths.markdown}, ${paths.html}`);
  return { exitCode, report, paths };
}

/**
 * SIGINT/SIGTERM: the first one cancels the run (running checks finish and clean up, then the journal
 * cleanup runs); a second one stops waiting and says what is left behind.
 */
function interruptions(io: RunIO, colors: ReturnType<typeof pc.createColors>, left: () => Leftover[]) {
  const controller = new AbortController();
  let code: 130 | 143 = 130;
  const onSignal = (signal: NodeJS.Signals) => {
    if (!controller.signal.aborted) {
      code = signal === 'SIGTERM' ? 143 : 130;
      io.log(colors.yellow(`${signal}: stopping; removing what this run created (send it again to stop waiting)`));
      controller.abort(signal);
      return;
    }
    const remaining = left();
    io.log(colors.red(`${signal} again: stopped without waiting; ${remaining.length} resource(s) may be left behind${remaining.length ? `: ${remaining.map((l) => `${l.kind} ${l.id}`).join(', ')}` : ''}; \`run-tasks-conformance sweep\` finds them`));
    process.exit(code);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    exitCode: () => code,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
