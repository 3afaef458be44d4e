// The integration run: prepare (the reference service or the service's URL, the stand-in's certificate),
// run the integration suites through vitest, judge, compare, write the same four reports, pick the exit
// code. Everything after the suites is the API side's machinery, called as it is.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pc from 'picocolors';
import { redact } from '../../client/index.ts';
import type { IntegrationRunConfig } from '../../config/integration.ts';
import { INTEGRATION_SUITE_NAMES } from '../../config/integration.ts';
import { loadBaseline } from '../baseline.ts';
import { definedChecks, everyDefinedCheck, requirementsWithChecks, selectedChecks } from '../definitions.ts';
import { loadExpectedFailures, namingNoCheckWarning } from '../expected.ts';
import { judgeRun } from '../judgement.ts';
import { coverage } from '../results.ts';
import { DEFAULT_CLEANUP_TIMEOUT_MS, Interruption } from '../interrupt.ts';
import { checkProgress, publish, reportOf, type RunIO, type RunOutcome } from '../publish.ts';
import { TOOL_VERSION } from '../version.ts';
import { runVitest, statsOf, type SuiteRun } from '../vitest-run.ts';
import { prepareIntegrationRun, type PrepareIntegrationOptions } from './prepare.ts';

/** Where --tls leaves the stand-in's certificate, for a service that has to be told to trust it. */
export const CERTIFICATE_FILE = 'stand-in-certificate.pem';

export async function runIntegration(config: IntegrationRunConfig, io: RunIO, options: PrepareIntegrationOptions = {}): Promise<RunOutcome> {
  // Read the inputs that can be wrong before touching the service.
  const expected = config.expectedFailures ? loadExpectedFailures(config.expectedFailures) : [];
  const previous = config.baseline ? loadBaseline(config.baseline) : null;
  // A --grep that selects nothing is a usage error before anything starts.
  const selection = { suites: config.suites, grep: config.grep };
  if (config.grep) await selectedChecks(selection, 'integration');
  const expectedWarning = expected.length ? namingNoCheckWarning(config.expectedFailures!, expected, await everyDefinedCheck()) : null;
  const startedAt = new Date();
  if (config.url && config.waitForSeconds) io.log(`waiting up to ${config.waitForSeconds}s for ${config.url} to answer (--wait-for)`);
  const prepared = await prepareIntegrationRun(config, options);
  const colors = pc.createColors(io.color);
  const { suite } = prepared;
  io.log(
    `run-tasks-conformance ${TOOL_VERSION}: integration run ${suite.runId} against ${suite.embedded ? `the embedded reference service at ${suite.url}` : suite.url}, seed ${suite.seed}` +
      `${suite.hmacKey ? ', requests signed' : ', requests unsigned (no --hmac-key)'}`,
  );
  const { standIn } = suite;
  const standInUrl = standIn.publicUrl ?? `${standIn.tls ? 'https' : 'http'}://${standIn.host.includes(':') ? `[${standIn.host}]` : standIn.host}:${standIn.port}`;
  io.log(`  HCP Terraform stand-in: ${standInUrl}${standIn.publicUrl ? ` (listening on ${standIn.host}:${standIn.port})` : ''}`);
  if (standIn.tls) {
    const path = join(config.reportDir, CERTIFICATE_FILE);
    writeFileSync(path, standIn.tls.cert);
    io.log(`  its self-signed certificate: ${path} (the service must trust it, e.g. NODE_EXTRA_CA_CERTS=${path})`);
  }

  if (expectedWarning) io.log(colors.yellow(expectedWarning));
  // SIGINT/SIGTERM as on the API side (interrupt.ts): nothing to delete here, so the reports come at once.
  const interrupt = new Interruption(DEFAULT_CLEANUP_TIMEOUT_MS, { log: (line) => io.log(colors.yellow(line)), left: () => [], exit: io.exit ?? ((code) => process.exit(code)) }).install();
  try {
    return await judged(config, io, { prepared, expected, previous, selection, startedAt, colors, interrupt, standInUrl });
  } finally {
    interrupt.dispose();
  }
}

interface Context {
  prepared: Awaited<ReturnType<typeof prepareIntegrationRun>>;
  expected: ReturnType<typeof loadExpectedFailures>;
  previous: ReturnType<typeof loadBaseline> | null;
  selection: { suites: readonly string[]; grep: string | null };
  startedAt: Date;
  colors: ReturnType<typeof pc.createColors>;
  interrupt: Interruption;
  standInUrl: string;
}

async function judged(config: IntegrationRunConfig, io: RunIO, { prepared, expected, previous, selection, startedAt, colors, interrupt, standInUrl }: Context): Promise<RunOutcome> {
  const { suite } = prepared;
  const { standIn } = suite;
  const suites = config.suites.length ? INTEGRATION_SUITE_NAMES.filter((s) => config.suites.includes(s)) : INTEGRATION_SUITE_NAMES;
  const progress = checkProgress(io, colors);
  let run: SuiteRun | undefined;
  let failure: { error: unknown } | undefined;
  const running = runVitest({ rtcIntegration: suite }, suites.map((s) => `suites/integration/${s}.test.ts`), {
    grep: config.grep,
    // A re-run would judge the same recorded requests again: nothing to learn, so none.
    retries: 0,
    signal: interrupt.signal,
    onResult: progress.onResult,
    onSuiteEnd: progress.onSuiteEnd,
    onStart: () => void definedChecks(selection, 'integration').then((list) => progress.setTotal(list.length), () => undefined),
  }).then((r) => (run = r));
  // An interruption does not wait for the suites: the reports say what finished.
  const stopped = new Promise<void>((resolve) => (interrupt.signal.aborted ? resolve() : interrupt.signal.addEventListener('abort', () => resolve(), { once: true })));
  await Promise.race([running, stopped]).catch((error: unknown) => (failure = { error }));
  interrupt.reporting();
  if (interrupt.interrupted) void prepared.close().catch(() => undefined);
  else await prepared.close();
  if (failure && !interrupt.interrupted) throw failure.error;
  run ??= { results: progress.collected, unhandled: [], stats: statsOf(progress.collected) };

  // An unhandled error's text comes from anywhere in a suite: it is redacted like every exchange.
  const suiteErrors = run.unhandled.map((problem) => redact(problem, suite.hmacKey ? [suite.hmacKey] : []));
  for (const problem of suiteErrors) io.log(colors.red(`  ✗ unhandled error in a suite: ${problem}`));
  const interrupted = interrupt.signalName ?? null;
  const judgement = judgeRun({ raws: run.results, config, expected, previous, startedAt, interrupted, suiteErrors });
  const exitCode = interrupted ? interrupt.code : (judgement.reportExitCode as 0 | 1 | 3);
  // One generated run per request: the seed replays each of them.
  const parts = { runId: suite.runId, startedAt, seed: suite.seed, numRuns: 1, strict: config.strict, judgement, stats: run.stats };
  const report = reportOf(
    { ...parts, coverage: coverage(judgement.checks, await requirementsWithChecks('integration'), 'integration') },
    {
      side: 'integration',
      target: { address: suite.url, embedded: suite.embedded },
      integration: {
        standInUrl,
        tls: standIn.tls !== null,
        signed: suite.hmacKey !== null,
        requestTimeoutMs: suite.requestTimeoutMs,
        callbackTimeoutMs: suite.callbackTimeoutMs,
        callbackTotalMs: suite.callbackTotalMs,
        documentedCallbackTimeoutMs: suite.documentedCallbackTimeoutMs,
      },
    },
  );
  const paths = await publish(report, config.reportDir, io, colors, interrupt, () => `interrupted by ${interrupt.signalName}, exit ${interrupt.code}: the reports hold the checks that finished`);
  return { exitCode, report, paths };
}
