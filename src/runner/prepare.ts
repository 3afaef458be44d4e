// Turns a RunConfig into what the suites need: starts the embedded emulator when no address is given,
// then asks the target the questions that decide whether a run can be done at all (preflight).
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ApiClient, TransportError } from '../client/index.ts';
import { ConfigError, type RunConfig } from '../config/config.ts';
import { startEmulator, type RunningEmulator, type EmulatorHooks, type EmulatorOptions } from '../api/emulator/index.ts';
import { capabilitiesOf, isLoopback, type SuiteConfig } from './suite-config.ts';

/** Defaults that keep a remote organization safe: paced under its ~30 req/s, few property runs. */
export const REMOTE_MAX_RPS = 20;
export const REMOTE_NUM_RUNS = 10;
export const LOCAL_NUM_RUNS = 25;
export const JOURNAL_DIR = '.rtc';

/** The run cannot be done (unreachable target, refused credentials, garbage answers): exit 2. */
export class PreflightError extends Error {
  override name = 'PreflightError';
}

export interface PreparedRun {
  suite: SuiteConfig;
  target: RunningEmulator | null;
  /** What the organization's entitlements allow, in words (null when the entitlement set is not readable). */
  plan: string | null;
  close(): Promise<void>;
}

export const newRunId = (): string => randomBytes(4).toString('hex');

export interface LoadSettings {
  numRuns: number;
  maxRps: number;
}

/**
 * How hard a run may push the target: unpaced with full property runs on loopback; paced under HCP
 * Terraform's ~30 req/s with modest property runs elsewhere. A remote target verifies task URLs from its
 * own network, where the suite's loopback receiver cannot be reached: it needs --run-task-url.
 */
export function loadSettings(config: Pick<RunConfig, 'numRuns' | 'maxRps' | 'runTaskUrl'>, address: string): LoadSettings {
  const loopback = isLoopback(address);
  if (!loopback && !config.runTaskUrl) {
    throw new ConfigError('the target verifies task URLs from its own network: set --run-task-url (TFE_RUN_TASK_URL) to a URL that answers 200 to a POST');
  }
  return {
    numRuns: config.numRuns ?? (loopback ? LOCAL_NUM_RUNS : REMOTE_NUM_RUNS),
    maxRps: config.maxRps ?? (loopback ? 0 : REMOTE_MAX_RPS),
  };
}

export interface PrepareOptions {
  runId?: string;
  /** For the project's own tests: a deliberately broken embedded emulator. */
  hooks?: EmulatorHooks;
  /** For the project's own tests: other embedded-target settings (e.g. URL verification off). */
  target?: Omit<EmulatorOptions, 'hooks'>;
  journalDir?: string;
}

export async function prepareRun(config: RunConfig, options: PrepareOptions = {}): Promise<PreparedRun> {
  const runId = options.runId ?? newRunId();
  const target = config.address ? null : await startEmulator({ plan: config.embeddedPlan, ...options.target, ...(options.hooks ? { hooks: options.hooks } : {}) });
  const address = target?.url ?? config.address!;
  const probe: Probe = { address, token: target?.options.token ?? config.token!, organization: target?.options.organization ?? config.organization!, timeoutMs: config.timeoutMs };
  let load: LoadSettings;
  let entitlements: Record<string, unknown> | undefined;
  try {
    // Whether the address answers, and as the API, is settled before any other setting is asked for.
    if (!target && config.waitForSeconds) await waitForTarget(probe, config.waitForSeconds);
    const client = probeClient(probe);
    await preflight(probe, client);
    load = loadSettings(config, address);
    entitlements = await readEntitlements(client, probe.organization);
  } catch (err) {
    await target?.close();
    throw err;
  }
  const journalDir = options.journalDir ?? JOURNAL_DIR;
  if (!target) mkdirSync(journalDir, { recursive: true });
  const base: Omit<SuiteConfig, 'capabilities'> = {
    runId,
    prefix: `rtc-${runId}-`,
    address,
    embedded: target !== null,
    organization: probe.organization,
    token: probe.token,
    restrictedToken: target?.options.restrictedToken ?? config.restrictedToken,
    foreignOrganization: target?.options.foreignOrganization ?? config.foreignOrganization,
    foreignTaskId: target?.seeds.foreignTaskId ?? config.foreignTaskId,
    foreignWorkspaceId: target?.seeds.foreignWorkspaceId ?? config.foreignWorkspaceId,
    runTaskUrl: config.runTaskUrl,
    seed: config.seed,
    numRuns: load.numRuns,
    timeoutMs: config.timeoutMs,
    maxRps: load.maxRps,
    strict: config.strict,
    // The emulator's state dies with the run: only a real target needs a journal.
    journalPath: target ? null : join(journalDir, `journal-${runId}.jsonl`),
  };
  const suite: SuiteConfig = { ...base, capabilities: capabilitiesOf(entitlements) };
  const plan = entitlements ? planSummary(entitlements) : null;
  return { suite, target, plan, close: async () => void (await target?.close()) };
}

/** The entitlements that decide which checks apply, for the report's reader: "run-task-limit 1, no global run tasks". */
export function planSummary(attributes: Record<string, unknown>): string {
  const { runTaskLimit, globalRunTasks } = capabilitiesOf(attributes);
  return [
    runTaskLimit === null ? 'no run-task limit' : `run-task-limit ${runTaskLimit}`,
    globalRunTasks === true ? 'global run tasks' : globalRunTasks === false ? 'no global run tasks' : 'global run tasks unknown',
  ].join(', ');
}

type Probe = Pick<SuiteConfig, 'address' | 'token' | 'organization' | 'timeoutMs'>;

const probeClient = (suite: Probe) => new ApiClient({ baseUrl: suite.address, token: suite.token, timeoutMs: suite.timeoutMs, max429Retries: 3 });

/** The organization's entitlement set, once for the whole run; undefined when it is not readable. */
async function readEntitlements(client: ApiClient, organization: string): Promise<Record<string, unknown> | undefined> {
  try {
    const res = await client.request('GET', `/api/v2/organizations/${encodeURIComponent(organization)}/entitlement-set`);
    const attributes = (res.json as { data?: { attributes?: Record<string, unknown> } } | undefined)?.data?.attributes;
    return res.status === 200 && attributes ? attributes : undefined;
  } catch {
    return undefined; // the checks that need it say so themselves
  }
}

/** What a transport error at the first request says about the address, with the likely fix. */
export function unreachableWhy(err: TransportError, suite: Pick<Probe, 'address' | 'timeoutMs'>): string {
  const https = suite.address.startsWith('https:');
  if (err.kind === 'timeout') return `did not answer within ${suite.timeoutMs / 1000}s`;
  if (err.kind === 'dns') return 'has a host name that does not resolve';
  if (err.kind === 'tls' && https && /WRONG_VERSION_NUMBER|wrong version number/i.test(err.message)) return `failed the TLS handshake: is it ${suite.address.replace(/^https:/, 'http:')}?`;
  if (err.kind === 'tls') return `failed the TLS handshake (${err.message.replace(/^\S+ \S+: /, '').split(':')[0]}); a private CA can be trusted with NODE_EXTRA_CA_CERTS`;
  if (err.kind === 'reset' && !https) return `closed the connection without an answer (reset): is it ${suite.address.replace(/^http:/, 'https:')}?`;
  // What undici cannot classify at the first request is, in practice, an answer that is not HTTP (an SSH port, a raw socket).
  if (err.kind === 'other') return `does not answer HTTP (${err.message.replace(/^[A-Z]+ \S+: /, '')})`;
  return `is unreachable (${err.kind})`;
}

const isJsonApiErrors = (json: unknown) => Array.isArray((json as { errors?: unknown } | undefined)?.errors);

/** One request that tells "cannot run" apart from "runs and judges": reachability, token, organization. */
export async function preflight(suite: Probe, client = probeClient(suite)): Promise<void> {
  const where = `${suite.address}/api/v2/organizations/${suite.organization}`;
  let res;
  try {
    res = await client.request('GET', `/api/v2/organizations/${encodeURIComponent(suite.organization)}`);
  } catch (err) {
    if (err instanceof TransportError) throw new PreflightError(`the target ${suite.address} ${unreachableWhy(err, suite)}`);
    throw err;
  }
  if (res.status === 401) throw new PreflightError(`the target refused the token (401 at ${where})`);
  // The API answers an unknown organization with a JSON:API error document; anything else at 404 is some other server.
  if (res.status === 404 && !isJsonApiErrors(res.json)) throw new PreflightError(`GET ${where} answered 404 without a JSON:API error document: this does not look like the HCP Terraform API (the address is the part before /api/v2)`);
  if (res.status === 404) throw new PreflightError(`organization "${suite.organization}" was not found or is not visible to the token (404 at ${where})`);
  if (res.status === 429) throw new PreflightError(`the target kept answering 429 Too Many Requests at ${where}; try again later`);
  if (res.status >= 500) throw new PreflightError(`the target answered ${res.status} at ${where}: it is failing, not judged`);
  const data = (res.json as { data?: { type?: unknown } } | undefined)?.data;
  if (res.status !== 200 || !data || typeof data !== 'object') {
    const shown = res.text.slice(0, 60).replace(/\s+/g, ' ');
    throw new PreflightError(`the target does not speak the HCP Terraform API: GET ${where} answered ${res.status} ${shown ? `"${shown}"` : 'with no body'}`);
  }
}

const WAIT_STEP_MS = 500;
/** Answers that mean "not up yet": nothing listening, or a proxy in front of a server still starting. */
const NOT_YET = new Set([502, 503, 504]);

/** --wait-for: polls the preflight's request until the target answers anything, or the time is up (exit 2). */
export async function waitForTarget(suite: Probe, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  let last = 'no answer';
  while (Date.now() < deadline) {
    const client = probeClient({ ...suite, timeoutMs: Math.max(1000, Math.min(suite.timeoutMs, deadline - Date.now())) });
    try {
      const res = await client.request('GET', `/api/v2/organizations/${encodeURIComponent(suite.organization)}`);
      if (!NOT_YET.has(res.status)) return;
      last = `answered ${res.status}`;
    } catch (err) {
      if (!(err instanceof TransportError)) throw err;
      last = unreachableWhy(err, suite);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(WAIT_STEP_MS, Math.max(0, deadline - Date.now()))));
  }
  throw new PreflightError(`the target ${suite.address} did not answer within --wait-for ${seconds}s (last: ${last})`);
}
