// The main job: prepare the target, run the suites, judge, compare, write the reports, pick the exit code.
import pc from 'picocolors';
import { ApiClient, redact } from '../client/index.ts';
import { SUITE_NAMES, type RunConfig } from '../config/config.ts';
import { formatConsoleSummary, renderAnnotations, reportProblems, writeReports, type Report } from '../report/index.ts';
import { loadBaseline } from './baseline.ts';
import { loadExpectedFailures } from './expected.ts';
import { judgeRun } from './judgement.ts';
import { cleanupRun, journalOutstanding, type Leftover } from './cleanup.ts';
import { removeJournal } from './journal.ts';
import { JOURNAL_DIR, prepareRun, type PrepareOptions } from './prepare.ts';
import { earlierLeftovers } from './leftovers.ts';
import { definedChecks, requirementsWithChecks, selectedChecks, type DefinedCheck } from './definitions.ts';
import { causeOf } from './gate.ts';
import { coverage, verdictFor } from './results.ts';
import { Interruption } from './interrupt.ts';
import { runSuites, statsOf, type RawResult } from './vitest-run.ts';
import { TOOL_VERSION } from './version.ts';

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
export function progressLines(colors: ReturnType<typeof pc.createColors>): (raw: RawResult) => string | undefined {
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

export function suiteLine(suite: string, results: readonly RawResult[], colors: ReturnType<typeof pc.createColors>): string {
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
  const colors = pc.createColors(io.color);
  // Installed before anything can be created: every SIGINT/SIGTERM from here on is handled as one piece.
  let journalPath: string | null = null;
  const interrupt = new Interruption(config.cleanupTimeoutMs, {
    log: (line) => io.log(colors.yellow(line)),
    left: () => (journalPath ? journalOutstanding(journalPath).map(describeLeftover) : []),
    exit: io.exit ?? ((code) => process.exit(code)),
  }).install();
  // The report schema is compiled now, while the target is being prepared: an interrupted run has little time.
  void reportProblems({}).catch(() => undefined);
  try {
    const context = { expected, previous, selection, chosen, startedAt, colors, interrupt, setJournal: (path: string) => (journalPath = path) };
    return await interruptible(config, io, options, context);
  } finally {
    interrupt.dispose();
  }
}

interface RunContext {
  expected: ReturnType<typeof loadExpectedFailures>;
  previous: ReturnType<typeof loadBaseline> | null;
  selection: { suites: RunConfig['suites']; grep: RunConfig['grep'] };
  chosen: DefinedCheck[] | undefined;
  startedAt: Date;
  colors: ReturnType<typeof pc.createColors>;
  interrupt: Interruption;
  setJournal(path: string): void;
}

/** Resolves when `signal` aborts (never rejects). */
const aborted = (signal: AbortSignal) => new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));

const describeLeftover = (l: Leftover) => `${l.kind} ${l.id}${l.name ? ` (${l.name})` : ''}`;

async function interruptible(config: RunConfig, io: RunIO, options: PrepareOptions, { expected, previous, selection, chosen, startedAt, colors, interrupt, setJournal }: RunContext): Promise<RunOutcome> {
  if (config.address && config.waitForSeconds) io.log(`waiting up to ${config.waitForSeconds}s for ${config.address} to answer (--wait-for)`);
  const prepared = await prepareRun(config, options);
  const { suite } = prepared;
  if (suite.journalPath) setJournal(suite.journalPath);
  io.log(`run-tasks-conformance ${TOOL_VERSION}: run ${suite.runId} against ${suite.embedded ? `the embedded emulator at ${suite.address}` : suite.address} (organization ${suite.organization}${prepared.plan ? `: ${prepared.plan}` : ''}), seed ${suite.seed}`);

  const journalDir = options.journalDir ?? JOURNAL_DIR;
  const earlier = suite.journalPath ? earlierLeftovers(journalDir, suite) : [];
  if (earlier.length) io.log(colors.yellow(`! ${earlier.length} resource(s) left by earlier runs in ${suite.organization}: run \`run-tasks-conformance sweep\` to list and remove them`));

  const collected: RawResult[] = [];
  let run: Awaited<ReturnType<typeof runSuites>> | undefined;
  const progressLine = progressLines(colors);
  let done = 0;
  let total: number | undefined;
  const countChecks = () => void (chosen ? Promise.resolve(chosen) : definedChecks(selection)).then((list: DefinedCheck[]) => (total = list.length), () => undefined);
  // Interrupted while preparing: nothing was started, nothing is run.
  const suites = interrupt.interrupted
    ? Promise.resolve(undefined)
    : runSuites(suite, {
        suites: config.suites.length ? config.suites : SUITE_NAMES,
        grep: config.grep,
        retries: config.retries,
        signal: interrupt.signal,
        onResult: (raw) => {
          collected.push(raw);
          const line = progressLine(raw);
          if (line) io.log(line);
          if (raw.meta || raw.state === 'failed') done += 1;
          io.status?.(`${done}/${total ?? '?'} checks · ${raw.suite} · ${raw.id}`);
        },
        onSuiteEnd: (name, results) => io.log(suiteLine(name, results, colors)),
        onStart: countChecks,
      }).then((r) => (run = r));
  // An interruption does not wait for the suites: the cleanup starts at once, and waits for them only as long as it may.
  let failure: { error: unknown } | undefined;
  await Promise.race([suites, aborted(interrupt.signal)]).catch((error: unknown) => (failure = { error }));

  // Whatever happened, delete what the journal says this run still owns: deletions in parallel, paced to
  // what the target announces; after an interruption within its share of --cleanup-timeout.
  let leftovers: Leftover[] = [];
  if (suite.journalPath) {
    const cleanupMs = interrupt.cleanupLeftMs();
    const client = new ApiClient({ baseUrl: suite.address, token: suite.token, timeoutMs: Math.max(1, Math.min(suite.timeoutMs, cleanupMs)), maxRps: suite.maxRps, signal: interrupt.stopWaiting });
    const resources = { journalPath: suite.journalPath, prefix: suite.prefix, organization: suite.organization, address: suite.address, runId: suite.runId };
    await Promise.race([cleanupRun(resources, client, interrupt.interrupted ? { settled: suites } : {}), aborted(interrupt.stopWaiting)]);
    leftovers = journalOutstanding(suite.journalPath); // the journal is the truth, also when time ran out
    if (leftovers.length === 0) removeJournal(suite.journalPath); // it has done its job; one naming a leftover stays, for sweep
  }
  interrupt.reporting();
  if (interrupt.interrupted) void prepared.close().catch(() => undefined); // the process ends with the reports
  else await prepared.close();
  if (failure && !interrupt.interrupted) throw failure.error;
  // The reports say what ran: all of it, or what finished before the interruption.
  run ??= { results: collected, unhandled: [], stats: statsOf(collected) };
  if (!interrupt.interrupted) for (const l of leftovers) io.log(colors.red(`  ✗ could not delete ${describeLeftover(l)}: \`run-tasks-conformance sweep\` will find it`));

  // An unhandled error's text comes from anywhere in a suite: it is redacted like every exchange.
  const secrets = [suite.token, suite.restrictedToken].filter((x): x is string => Boolean(x));
  for (const problem of run.unhandled) io.log(colors.red(`  ✗ unhandled error in a suite: ${redact(problem, secrets)}`));
  const interrupted = interrupt.signalName ?? null;
  const { checks, summary, baseline, gate, reportExitCode } = judgeRun({ raws: run.results, config, expected, previous, startedAt, interrupted });
  const exitCode = interrupted ? interrupt.code : (reportExitCode as 0 | 1 | 3);
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
  if (interrupt.interrupted) {
    io.log(colors.yellow(interruptedLine(interrupt, suite.journalPath, leftovers)));
    // Exit now: vitest or a request on the wire may still hold the event loop, and the deadline is the promise.
    interrupt.dispose();
    (io.exit ?? process.exit)(interrupt.code);
  }
  return { exitCode, report, paths };
}

/** The last line of an interrupted run: what became of what it created. */
export function interruptedLine(interrupt: Pick<Interruption, 'signalName' | 'code'>, journalPath: string | null, leftovers: readonly Leftover[]): string {
  const head = `interrupted by ${interrupt.signalName}, exit ${interrupt.code}`;
  if (!journalPath) return `${head}: the embedded emulator's state ends with the run`;
  if (leftovers.length === 0) return `${head}: everything this run created was deleted`;
  return `${head}: ${leftovers.length} resource(s) could not be deleted in time and stay in ${journalPath} (${leftovers.map(describeLeftover).join(', ')}): run \`run-tasks-conformance sweep --yes\` to remove them`;
}
