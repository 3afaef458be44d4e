// Turns an IntegrationRunConfig into what the integration suites need: starts the embedded reference
// service when no --url is given, makes the stand-in's certificate for --tls, and asks the questions that
// decide whether a run can be done at all (preflight): is the callback port free, does the service answer HTTP.
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { ApiClient, TransportError } from '../../client/index.ts';
import { ConfigError } from '../../config/config.ts';
import type { IntegrationRunConfig } from '../../config/integration.ts';
import { USER_AGENT } from '../../integration/payloads/index.ts';
import { startReferenceService, type ReferenceHooks, type ReferenceService } from '../../integration/reference-service/index.ts';
import { selfSignedCertificate } from '../../integration/stand-in/index.ts';
import { newRunId, PreflightError } from '../prepare.ts';
import { DOCUMENTED_INACTIVITY_MS, TOTAL_PER_INACTIVITY, type IntegrationSuiteConfig } from './suite-config.ts';

/** After a final status (or a refusal), how long to listen for callbacks that should not come. */
export const SETTLE_MS = 1000;

export interface PreparedIntegrationRun {
  suite: IntegrationSuiteConfig;
  reference: ReferenceService | null;
  close(): Promise<void>;
}

export interface PrepareIntegrationOptions {
  runId?: string;
  /** For the project's own tests: a deliberately broken reference service. */
  hooks?: ReferenceHooks;
  /** For the project's own tests: the embedded reference gets no HMAC key either. */
  keyless?: boolean;
  /** For the project's own tests: faster windows (and the documented one shrunk with them). */
  timing?: Partial<Pick<IntegrationSuiteConfig, 'callbackTimeoutMs' | 'callbackTotalMs' | 'documentedCallbackTimeoutMs' | 'settleMs' | 'requestTimeoutMs'>>;
}

export async function prepareIntegrationRun(config: IntegrationRunConfig, options: PrepareIntegrationOptions = {}): Promise<PreparedIntegrationRun> {
  // One port for the whole run (every suite file's stand-in listens there), so its address is known up front.
  const port = config.callbackPort === null ? await freePort(config.callbackHost) : (await assertPortFree(config.callbackHost, config.callbackPort), config.callbackPort);
  const tls = config.tls ? await selfSignedCertificate(config.callbackHost) : null;
  // The embedded reference gets a key of its own unless one is given, so the signature checks run too.
  const hmacKey = config.hmacKey ?? (config.url || options.keyless ? null : `rtc-${randomBytes(12).toString('hex')}`);
  const reference = config.url ? null : await startReferenceService({ hmacKey, ca: tls?.cert ?? null, ...(options.hooks ? { hooks: options.hooks } : {}) });
  const url = reference?.url ?? config.url!;
  const callbackTimeoutMs = options.timing?.callbackTimeoutMs ?? config.callbackTimeoutMs;
  const suite: IntegrationSuiteConfig = {
    runId: options.runId ?? newRunId(),
    url,
    embedded: reference !== null,
    hmacKey,
    seed: config.seed,
    strict: config.strict,
    requestTimeoutMs: options.timing?.requestTimeoutMs ?? config.requestTimeoutMs,
    callbackTimeoutMs,
    callbackTotalMs: options.timing?.callbackTotalMs ?? callbackTimeoutMs * TOTAL_PER_INACTIVITY,
    documentedCallbackTimeoutMs: options.timing?.documentedCallbackTimeoutMs ?? DOCUMENTED_INACTIVITY_MS,
    settleMs: options.timing?.settleMs ?? SETTLE_MS,
    standIn: { host: config.callbackHost, port, publicUrl: config.callbackBaseUrl, tls },
  };
  try {
    await preflight(suite, config.waitForSeconds === null ? 0 : config.waitForSeconds * 1000);
  } catch (err) {
    await reference?.close();
    throw err;
  }
  return { suite, reference, close: async () => void (await reference?.close()) };
}

/** Listens on host:port (0: any free port) for a moment; the port it got. */
function probePort(host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(port, host, () => {
      const { port: got } = probe.address() as AddressInfo;
      probe.close(() => resolve(got));
    });
  });
}

const freePort = (host: string) => probePort(host, 0).catch((err: NodeJS.ErrnoException) => {
  throw new ConfigError(`the stand-in cannot listen on ${host} (${err.code ?? err.message}): check --callback-host`);
});

/** --callback-port must be free now: the stand-in listens there while the suites run. */
const assertPortFree = (host: string, port: number) =>
  probePort(host, port).catch((err: NodeJS.ErrnoException) => {
    throw new ConfigError(`the stand-in cannot listen on ${host}:${port} (${err.code ?? err.message}): choose another --callback-port`);
  });

/**
 * One GET to the service's URL tells "cannot run" from "runs and judges": any HTTP answer (a 404 or 405 to a
 * GET included) means it is there, and every request after that is judged. No answer, a refused connection
 * or a reply that is not HTTP means nothing could be judged: exit 2, one line.
 */
export async function preflight(suite: Pick<IntegrationSuiteConfig, 'url' | 'requestTimeoutMs'>, waitForMs = 0): Promise<void> {
  const client = new ApiClient({ baseUrl: suite.url, timeoutMs: suite.requestTimeoutMs, max429Retries: 0 });
  const until = Date.now() + waitForMs;
  for (;;) {
    try {
      await client.request('GET', suite.url, { headers: { accept: '*/*', 'user-agent': USER_AGENT }, token: null });
      return;
    } catch (err) {
      if (!(err instanceof TransportError)) throw err;
      // --wait-for: a service started in the same job may not listen yet.
      if ((err.kind === 'refused' || err.kind === 'reset') && Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        continue;
      }
      throw notAnswering(err, suite, waitForMs);
    }
  }
}

function notAnswering(err: TransportError, suite: Pick<IntegrationSuiteConfig, 'url' | 'requestTimeoutMs'>, waitForMs: number): PreflightError {
  const why =
    err.kind === 'timeout'
      ? `did not answer within ${suite.requestTimeoutMs / 1000} s`
      : err.kind === 'dns'
        ? 'has a host name that does not resolve'
        : err.kind === 'other'
          ? `does not answer HTTP (${err.message.replace(/^GET \S+: /, '')})`
          : `is unreachable (${err.kind})`;
  return new PreflightError(`the service at ${suite.url} ${why}${waitForMs > 0 && err.kind === 'refused' ? ` after waiting ${waitForMs / 1000} s (--wait-for)` : ''}`);
}
