// The main job: prepare the target, run the suites, judge, compare, write the reports, pick the exit code.
import pc from 'picocolors';
import { ApiClient, redact } from '../client/index.ts';
import { SUITE_NAMES, type RunConfig } from '../config/config.ts';
import { reportProblems } from '../report/index.ts';
import { counted } from '../report/derive.ts';
import { loadBaseline } from './baseline.ts';
import { loadExpectedFailures, namingNoCheckWarning } from './expected.ts';
import { judgeRun } from './judgement.ts';
import { cleanupRun, journalOutstanding, type Leftover } from './cleanup.ts';
import { removeJournal } from './journal.ts';
import { JOURNAL_DIR, prepareRun, type PrepareOptions } from './prepare.ts';
import { earlierLeftovers } from './leftovers.ts';
import { definedChecks, everyDefinedCheck, requirementsWithChecks, selectedChecks, type DefinedCheck } from './definitions.ts';
import { coverage } from './results.ts';
import { checkProgress, publish, reportOf, type RunIO, type RunOutcome } from './publish.ts';
import { Interruption } from './interrupt.ts';
import { runSuites, statsOf } from './vitest-run.ts';
import { TOOL_VERSION } from './version.ts';

export type { RunIO, RunOutcome } from './publish.ts';

export async function runConformance(config: RunConfig, io: RunIO, options: PrepareOptions = {}): Promise<RunOutcome> {
  // Read the inputs that can be wrong before touching the target.
  const expected = config.expectedFailures ? loadExpectedFailures(config.expectedFailures) : [];
  const previous = config.baseline ? loadBaseline(config.baseline) : null;
  // What --grep selects is known before the target is touched; without it the list only feeds the progress total.
  const selection = { suites: config.suites, grep: config.grep };
  const chosen = config.grep ? await selectedChecks(selection) : undefined;
  const expectedWarning = expected.length ? namingNoCheckWarning(config.expectedFailures!, expected, await everyDefinedCheck()) : null;
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
    const context = { expected, expectedWarning, previous, selection, chosen, startedAt, colors, interrupt, setJournal: (path: string) => (journalPath = path) };
    return await interruptible(config, io, options, context);
  } finally {
    interrupt.dispose();
  }
}

interface RunContext {
  expected: ReturnType<typeof loadExpectedFailures>;
  /** Entries that name no check of the suite (printed, not gated). */
  expectedWarning: string | null;
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

async function interruptible(config: RunConfig, io: RunIO, options: PrepareOptions, { expected, expectedWarning, previous, selection, chosen, startedAt, colors, interrupt, setJournal }: RunContext): Promise<RunOutcome> {
  if (config.address && config.waitForSeconds) io.log(`waiting up to ${config.waitForSeconds}s for ${config.address} to answer (--wait-for)`);
  const prepared = await prepareRun(config, options);
  const { suite } = prepared;
  if (suite.journalPath) setJournal(suite.journalPath);
  io.log(`run-tasks-conformance ${TOOL_VERSION}: run ${suite.runId} against ${suite.embedded ? `the embedded emulator at ${suite.address}` : suite.address} (organization ${suite.organization}${prepared.plan ? `: ${prepared.plan}` : ''}), seed ${suite.seed}`);

  if (expectedWarning) io.log(colors.yellow(expectedWarning));
  const journalDir = options.journalDir ?? JOURNAL_DIR;
  const earlier = suite.journalPath ? earlierLeftovers(journalDir, suite) : [];
  if (earlier.length) io.log(colors.yellow(`! ${counted(earlier.length, 'resource')} left by earlier runs in ${suite.organization}: run \`run-tasks-conformance sweep\` to list and remove ${earlier.length === 1 ? 'it' : 'them'}`));

  let run: Awaited<ReturnType<typeof runSuites>> | undefined;
  const progress = checkProgress(io, colors);
  const countChecks = () => void (chosen ? Promise.resolve(chosen) : definedChecks(selection)).then((list: DefinedCheck[]) => progress.setTotal(list.length), () => undefined);
  // Interrupted while preparing: nothing was started, nothing is run.
  const suites = interrupt.interrupted
    ? Promise.resolve(undefined)
    : runSuites(suite, {
        suites: config.suites.length ? config.suites : SUITE_NAMES,
        grep: config.grep,
        retries: config.retries,
        signal: interrupt.signal,
        onResult: progress.onResult,
        onSuiteEnd: progress.onSuiteEnd,
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
  run ??= { results: progress.collected, unhandled: [], stats: statsOf(progress.collected) };
  if (!interrupt.interrupted) for (const l of leftovers) io.log(colors.red(`  ✗ could not delete ${describeLeftover(l)}: \`run-tasks-conformance sweep\` will find it`));

  // An unhandled error's text comes from anywhere in a suite: it is redacted like every exchange.
  const secrets = [suite.token, suite.restrictedToken].filter((x): x is string => Boolean(x));
  const suiteErrors = run.unhandled.map((problem) => redact(problem, secrets));
  for (const problem of suiteErrors) io.log(colors.red(`  ✗ unhandled error in a suite: ${problem}`));
  const interrupted = interrupt.signalName ?? null;
  const judgement = judgeRun({ raws: run.results, config, expected, previous, startedAt, interrupted, suiteErrors });
  const exitCode = interrupted ? interrupt.code : (judgement.reportExitCode as 0 | 1 | 3);
  const parts = { runId: suite.runId, startedAt, seed: suite.seed, numRuns: suite.numRuns, strict: config.strict, judgement, stats: run.stats };
  const report = reportOf(
    { ...parts, coverage: coverage(judgement.checks, await requirementsWithChecks()) },
    {
      target: { address: suite.address, embedded: suite.embedded, organization: suite.organization, plan: prepared.plan },
      ...(leftovers.length ? { leftovers: leftovers.map(({ kind, id, name }) => ({ kind, id, ...(name ? { name } : {}) })) } : {}),
    },
  );
  const paths = await publish(report, config.reportDir, io, colors, interrupt, () => interruptedLine(interrupt, suite.journalPath, leftovers));
  return { exitCode, report, paths };
}

/** The last line of an interrupted run: what became of what it created. */
export function interruptedLine(interrupt: Pick<Interruption, 'signalName' | 'code'>, journalPath: string | null, leftovers: readonly Leftover[]): string {
  const head = `interrupted by ${interrupt.signalName}, exit ${interrupt.code}`;
  if (!journalPath) return `${head}: the embedded emulator's state ends with the run`;
  if (leftovers.length === 0) return `${head}: everything this run created was deleted`;
  return `${head}: ${leftovers.length === 1 ? '1 resource could not be deleted in time and stays' : `${leftovers.length} resources could not be deleted in time and stay`} in ${journalPath} (${leftovers.map(describeLeftover).join(', ')}): run \`run-tasks-conformance sweep --yes\` to remove ${leftovers.length === 1 ? 'it' : 'them'}`;
}
