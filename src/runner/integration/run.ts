// The integration run: prepare (the reference service or the service's URL, the stand-in's certificate),
// run the integration suites through vitest, judge, compare, write the same four reports, pick the exit
// code. Everything after the suites is the API side's machinery, called as it is.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pc from 'picocolors';
import { redact } from '../../client/index.ts';
import type { IntegrationRunConfig } from '../../config/integration.ts';
import { INTEGRATION_SUITE_NAMES } from '../../config/integration.ts';
import { formatConsoleSummary, writeReports, type Report } from '../../report/index.ts';
import { compareWithBaseline, isFailure, loadBaseline } from '../baseline.ts';
import { applyExpectedFailures, loadExpectedFailures } from '../expected.ts';
import { coverage, exitCodeFor, summarize, toCheckResults, verdictFor } from '../results.ts';
import { interruptions, progressLine, suiteLine, type RunIO, type RunOutcome } from '../run.ts';
import { TOOL_VERSION } from '../version.ts';
import { runVitest } from '../vitest-run.ts';
import { prepareIntegrationRun, type PrepareIntegrationOptions } from './prepare.ts';

/** Where --tls leaves the stand-in's certificate, for a service that has to be told to trust it. */
export const CERTIFICATE_FILE = 'stand-in-certificate.pem';

export async function runIntegration(config: IntegrationRunConfig, io: RunIO, options: PrepareIntegrationOptions = {}): Promise<RunOutcome> {
  // Read the inputs that can be wrong before touching the service.
  const expected = config.expectedFailures ? loadExpectedFailures(config.expectedFailures) : [];
  const previous = config.baseline ? loadBaseline(config.baseline) : null;
  const startedAt = new Date();
  const prepared = await prepareIntegrationRun(config, options);
  const colors = pc.createColors(io.color);
  const { suite } = prepared;
  io.log(
    `run-tasks-conformance ${TOOL_VERSION}: integration run ${suite.runId} against ${suite.embedded ? `the embedded reference service at ${suite.url}` : suite.url}, seed ${suite.seed}` +
      `${suite.hmacKey ? ', requests signed' : ', requests unsigned (no --hmac-key)'}`,
  );
  const standIn = suite.standIn;
  const standInUrl = standIn.publicUrl ?? `${standIn.tls ? 'https' : 'http'}://${standIn.host.includes(':') ? `[${standIn.host}]` : standIn.host}:${standIn.port}`;
  io.log(`  HCP Terraform stand-in: ${standInUrl}${standIn.publicUrl ? ` (listening on ${standIn.host}:${standIn.port})` : ''}`);
  if (standIn.tls) {
    const path = join(config.reportDir, CERTIFICATE_FILE);
    writeFileSync(path, standIn.tls.cert);
    io.log(`  its self-signed certificate: ${path} (the service must trust it, e.g. NODE_EXTRA_CA_CERTS=${path})`);
  }

  const interrupt = interruptions(io, colors, () => []);
  const suites = config.suites.length ? INTEGRATION_SUITE_NAMES.filter((s) => config.suites.includes(s)) : INTEGRATION_SUITE_NAMES;
  let done = 0;
  let run;
  try {
    run = await runVitest({ rtcIntegration: suite }, suites.map((s) => `suites/integration/${s}.test.ts`), {
      grep: config.grep,
      // A re-run would judge the same recorded requests again: nothing to learn, so none.
      retries: 0,
      signal: interrupt.signal,
      onResult: (raw) => {
        const line = progressLine(raw, colors);
        if (line) io.log(line);
        io.status?.(`${++done} checks done · ${raw.suite} · ${raw.id}`);
      },
      onSuiteEnd: (name, results) => io.log(suiteLine(name, results, colors)),
    });
  } finally {
    interrupt.dispose();
    await prepared.close();
  }

  const today = startedAt.toISOString().slice(0, 10);
  const { checks, problems } = applyExpectedFailures(toCheckResults(run.results, config.strict), expected, today);
  for (const problem of [...problems, ...run.unhandled.map((u) => `unhandled error in a suite: ${redact(u, suite.hmacKey ? [suite.hmacKey] : [])}`)]) io.log(colors.red(`  ✗ ${problem}`));
  const summary = summarize(checks);
  const baseline = previous ? compareWithBaseline(previous, checks, config.baseline!) : undefined;
  const failing = problems.length > 0 || (config.failOn === 'regressions' ? (baseline?.regressions.length ?? 0) > 0 : checks.some(isFailure));
  const exitCode = interrupt.signal.aborted ? interrupt.exitCode() : exitCodeFor(summary, failing);
  const finishedAt = new Date();
  const report: Report = {
    reportVersion: 1,
    tool: { name: 'run-tasks-conformance', version: TOOL_VERSION },
    runId: suite.runId,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    side: 'integration',
    target: { address: suite.url, embedded: suite.embedded },
    seed: suite.seed,
    // One generated run per request: the seed replays each of them.
    numRuns: 1,
    strict: config.strict,
    exitCode: exitCode > 3 ? 2 : (exitCode as 0 | 1 | 3),
    verdict: interrupt.signal.aborted ? 'inconclusive' : verdictFor(exitCode),
    summary,
    coverage: coverage(checks, 'integration'),
    stats: { ...run.stats, waitedMs: Math.round(run.stats.waitedMs) },
    integration: {
      standInUrl,
      tls: standIn.tls !== null,
      signed: suite.hmacKey !== null,
      requestTimeoutMs: suite.requestTimeoutMs,
      callbackTimeoutMs: suite.callbackTimeoutMs,
      callbackTotalMs: suite.callbackTotalMs,
      documentedCallbackTimeoutMs: suite.documentedCallbackTimeoutMs,
    },
    checks,
    ...(baseline ? { baseline } : {}),
  };
  const paths = await writeReports(report, config.reportDir);
  io.log('');
  io.log(formatConsoleSummary(report, { color: io.color }));
  io.log(`reports: ${paths.json}, ${paths.junit}, ${paths.markdown}, ${paths.html}`);
  return { exitCode, report, paths };
}
