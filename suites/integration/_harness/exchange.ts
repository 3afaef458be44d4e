// One request to the service, as HCP Terraform would send it, and everything the service did about it:
// its answer, then the callbacks (and downloads) the stand-in received with the request's token.
import { TransportError, type ApiClient, type ApiResponse, type Exchange } from '../../../src/client/index.ts';
import {
  callbackAnswer,
  encode,
  runContext,
  sign,
  stageRequest,
  USER_AGENT,
  verificationRequest,
  VERIFICATION_TOKEN,
  type RunContext,
  type Stage,
  type VcsReading,
  type VerificationReading,
  type WireRequest,
} from '../../../src/integration/payloads/index.ts';
import type { CallbackAnswer, CallbackMode, RecordedRequest, SettleOutcome, StandIn, TaskResult } from '../../../src/integration/stand-in/index.ts';
import type { RunTaskRequest } from '../../../src/types/contract.ts';
import type { IntegrationSuiteConfig } from '../../../src/runner/integration/suite-config.ts';

export interface SendSpec {
  /** Names the request: its run is generated from (seed, key), and checks share it by key. */
  key: string;
  /** A stage request, or the verification request in one reading of its stage. */
  stage: Stage | { verification: VerificationReading };
  /** How the stand-in answers this request's callbacks. */
  mode?: CallbackMode;
  /** The form of the stand-in's 200 to its callbacks; default a seeded choice for the key. */
  answer?: CallbackAnswer;
  /** How the run's VCS is sent (present, members null, members left out); default drawn with the run. */
  vcs?: VcsReading;
  /** Changes what is sent (a wrong signature, none). */
  spoil?: (wire: WireRequest) => WireRequest;
  /** Send these bytes instead of the payload (signed as they are). */
  rawBody?: string;
  /**
   * final: wait for a final status (after a successful answer); first: for the first callback (one the
   * stand-in refuses on purpose); quiet: listen `settleMs` for callbacks that should not come.
   */
  wait: 'final' | 'first' | 'quiet';
}

export interface ServiceExchange {
  spec: SendSpec;
  run: RunContext;
  result: TaskResult;
  payload: RunTaskRequest | null;
  wire: WireRequest;
  response: ApiResponse | null;
  error: TransportError | null;
  /** How waiting for callbacks ended; not-waited when the service did not accept the request. */
  ended: SettleOutcome | 'quiet' | 'not-waited';
  standIn: StandIn;
  /** Stage requests: whether the service answered a probe just before, and just after (see probe()). */
  aliveBefore?: boolean;
  aliveAfter?: boolean;
}

/**
 * Does the service still answer at all? A GET to its URL, as the preflight sends: any HTTP answer (404 and
 * 405 included) is alive; a refused or reset connection, or a reply that is not HTTP, is not. Not recorded.
 */
export async function probe(client: ApiClient, url: string): Promise<boolean> {
  try {
    await client.request('GET', url, { headers: { accept: '*/*', 'user-agent': USER_AGENT }, token: null });
    return true;
  } catch (err) {
    if (!(err instanceof TransportError)) throw err;
    return err.kind === 'timeout';
  }
}

export const isSuccess = (status: number): boolean => status >= 200 && status < 300;

/** Sends one request and waits as the spec says; never throws for what the service does. */
export async function send(spec: SendSpec, standIn: StandIn, client: ApiClient, config: IntegrationSuiteConfig): Promise<ServiceExchange> {
  const run = runContext(config.seed, spec.key, spec.vcs);
  const verification = typeof spec.stage === 'object';
  const stageName = typeof spec.stage === 'object' ? spec.stage.verification : spec.stage;
  const result = standIn.issue({
    stage: stageName,
    planId: run.planId,
    configurationVersionId: run.configurationVersion.id,
    speculative: run.run.speculative,
    answer: spec.answer ?? callbackAnswer(config.seed, spec.key),
    // The verification token is never valid: every callback with it is refused (integration-facts §1.4).
    ...(verification ? { accessToken: VERIFICATION_TOKEN, mode: 'unauthorized' as const } : { mode: spec.mode ?? 'accept' }),
  });
  if (!verification) client.addSecret(result.accessToken);
  const issued = { taskResultId: result.id, accessToken: result.accessToken, callbackUrl: result.callbackUrl, planJsonUrl: result.planJsonUrl, configurationUrl: result.configurationUrl, baseUrl: standIn.url };
  const payload = spec.rawBody !== undefined ? null : typeof spec.stage === 'object' ? verificationRequest(spec.stage.verification, run, issued) : stageRequest(spec.stage, run, issued);
  const signed = payload ? encode(payload, config.hmacKey) : sign(spec.rawBody ?? '', config.hmacKey);
  const wire = spec.spoil ? spec.spoil(signed) : signed;
  const exchange: ServiceExchange = { spec, run, result, payload, wire, response: null, error: null, ended: 'not-waited', standIn };
  try {
    // No Accept of its own: HCP Terraform documents only these three headers.
    exchange.response = await client.request('POST', config.url, { rawBody: wire.body, headers: { accept: '*/*', ...wire.headers }, contentType: null, token: null });
  } catch (err) {
    if (!(err instanceof TransportError)) throw err;
    exchange.error = err;
  }
  const accepted = exchange.response !== null && isSuccess(exchange.response.status);
  if (spec.wait === 'final' && accepted) {
    exchange.ended = await standIn.settle(result, { inactivityMs: config.callbackTimeoutMs, totalMs: config.callbackTotalMs, settleMs: config.settleMs });
  } else if (spec.wait === 'first' && accepted) {
    if (result.attempts.length === 0) await standIn.nextAttempt(result, config.callbackTimeoutMs);
    await new Promise((resolve) => setTimeout(resolve, config.settleMs));
    exchange.ended = 'quiet';
  } else if (spec.wait === 'quiet' || accepted) {
    await new Promise((resolve) => setTimeout(resolve, config.settleMs));
    exchange.ended = 'quiet';
  }
  return exchange;
}

/** Requests that used the request's token other than as documented downloads: its callbacks, wherever they went. */
const DOWNLOADS: ReadonlySet<string> = new Set(['plan-json', 'configuration', 'temporary', 'ping']);

/** Every callback the service made for this request: to its callback URL, or elsewhere with its token. */
export function callbacksOf(ex: ServiceExchange): RecordedRequest[] {
  const token = ex.result.accessToken;
  const elsewhere = ex.standIn.requests.filter(
    (r) => r.taskResultId !== ex.result.id && !DOWNLOADS.has(r.kind) && bearerOf(r) === token && token !== VERIFICATION_TOKEN,
  );
  return [...ex.result.attempts, ...elsewhere].sort((a, b) => a.atMs - b.atMs);
}

/** Everything the service sent the stand-in about this request, downloads included, in order. */
export function activityOf(ex: ServiceExchange): RecordedRequest[] {
  const token = ex.result.accessToken;
  const mine = (r: RecordedRequest) => r.taskResultId === ex.result.id || (token !== VERIFICATION_TOKEN && bearerOf(r) === token);
  return ex.standIn.requests.filter(mine);
}

export function bearerOf(r: RecordedRequest): string | undefined {
  return /^bearer\s+(\S+)\s*$/i.exec(r.headers.authorization ?? '')?.[1];
}

/** The exchanges of a request for a transcript: the POST (to the target), then what it sent back (from the target). */
export function transcriptOf(ex: ServiceExchange, client: ApiClient): Exchange[] {
  const post = ex.response?.exchange ?? ex.error?.exchange;
  const back = activityOf(ex).map(
    (r): Exchange => ({
      method: r.method,
      url: client.redact(`${ex.standIn.url}${r.path}`),
      status: r.status,
      requestHeaders: client.redactHeaders(r.headers),
      ...(r.body ? { requestBody: client.redact(r.body) } : {}),
      responseHeaders: {},
      ...(r.answer ? { responseBody: client.redact(r.answer) } : {}),
      durationMs: 0,
      startedAt: r.receivedAt,
      direction: 'from-target',
    }),
  );
  return [...(post ? [{ ...post, direction: 'to-target' as const }] : []), ...back];
}
