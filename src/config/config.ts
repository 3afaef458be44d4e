// Flags, environment and .env into one validated configuration. Flags win over the environment,
// which wins over .env (loaded by the CLI with dotenv, without overriding the real environment).
// Names follow go-tfe and the Terraform provider (TFE_ADDRESS, TFE_TOKEN, ...).
import type { Plan } from '../api/emulator/types.ts';

export const SUITE_NAMES = [
  'task-lifecycle',
  'task-validation',
  'global-configuration',
  'workspace-tasks',
  'workspace-task-validation',
  'pagination',
  'include',
  'errors',
  'permissions',
  'url-verification',
  'properties',
  'plans',
] as const;
export type SuiteName = (typeof SUITE_NAMES)[number];

/** The embedded emulator's plans (`run --embedded-plan`, `serve --plan`), in the order --help lists them. */
export const EMBEDDED_PLANS = ['business', 'trial', 'free'] as const satisfies readonly Plan[];
export type EmbeddedPlan = (typeof EMBEDDED_PLANS)[number];

export type FailOn = 'failures' | 'regressions';

export interface RunConfig extends Gating {
  /** null: start the embedded emulator in-process. */
  address: string | null;
  token: string | null;
  organization: string | null;
  restrictedToken: string | null;
  foreignOrganization: string | null;
  foreignTaskId: string | null;
  foreignWorkspaceId: string | null;
  runTaskUrl: string | null;
  suites: SuiteName[];
  /** null: the default for the target (modest for remote targets). */
  numRuns: number | null;
  timeoutMs: number;
  /** After SIGINT/SIGTERM: the time to delete what the run created and write the reports before exiting. */
  cleanupTimeoutMs: number;
  /** null: the default for the target (20 for remote targets, unpaced on loopback). */
  maxRps: number | null;
  retries: number;
  /** The emulator's plan, when no address is given. */
  embeddedPlan: EmbeddedPlan;
  /** --wait-for: how long to wait for the target to answer before judging it; null = not at all. */
  waitForSeconds: number | null;
  /** One-line notes for the user about settings that were ignored (printed before the run). */
  notes: string[];
}

/** A configuration problem: the CLI prints its message as one line and exits 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Raw option values as commander hands them over (strings, or string arrays for repeatable flags). */
export type RawOptions = Partial<Record<string, string | string[] | boolean | undefined>>;

export const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

const isEmbeddedPlan = (plan: string): plan is EmbeddedPlan => (EMBEDDED_PLANS as readonly string[]).includes(plan);

export function pick(flags: RawOptions, flag: string, env: NodeJS.ProcessEnv, ...names: string[]): string | null {
  return str(flags[flag]) ?? names.map((n) => str(env[n])).find((v) => v !== undefined) ?? null;
}

export function integer(value: string | null, flag: string, min: number, fallback: number): number;
export function integer(value: string | null, flag: string, min: number, fallback: null): number | null;
export function integer(value: string | null, flag: string, min: number, fallback: number | null): number | null {
  if (value === null) return fallback;
  if (!/^-?\d+$/.test(value) || Number(value) < min || !Number.isSafeInteger(Number(value))) {
    throw new ConfigError(`--${flag} must be a whole number of at least ${min}, got "${value}"`);
  }
  return Number(value);
}

/** "localhost:8080" -> "http://localhost:8080", "tfe.example.com" -> "https://tfe.example.com": an address without its scheme. */
export function withScheme(raw: string): string | undefined {
  const m = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?(\/\S*)?$/.exec(raw);
  const host = m?.[1];
  if (!host || (!m[2] && !host.includes('.') && host !== 'localhost')) return undefined;
  const local = /^(localhost|127(\.\d+){3}|\[::1\])$/.test(host);
  return `${local ? 'http' : 'https'}://${raw}`;
}

export function parseAddress(raw: string, flag = 'address'): string {
  const suggestion = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? undefined : withScheme(raw);
  if (suggestion) throw new ConfigError(`--${flag} needs a scheme: did you mean ${suggestion}?`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`--${flag} must be a URL such as https://app.terraform.io, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`--${flag} must use http or https, got "${url.protocol}"`);
  if (url.username || url.password) throw new ConfigError(`--${flag} must not carry credentials; use --token`);
  if (url.search || url.hash) throw new ConfigError(`--${flag} must not carry a query or fragment`);
  return url.toString().replace(/\/+$/, '').replace(/\/api\/v2$/, '');
}

function addressFrom(flags: RawOptions, env: NodeJS.ProcessEnv): string | null {
  const explicit = pick(flags, 'address', env, 'TFE_ADDRESS');
  if (explicit) return parseAddress(explicit);
  const hostname = str(env.TFE_HOSTNAME);
  return hostname ? parseAddress(`https://${hostname}`, 'address (from TFE_HOSTNAME)') : null;
}

/** A repeatable or comma-separated flag of known names (--suite). */
export function namesFrom<T extends string>(value: unknown, known: readonly T[], what = 'suite'): T[] {
  const list = (Array.isArray(value) ? value : typeof value === 'string' ? [value] : []).flatMap((v: string) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  for (const name of list) {
    if (!(known as readonly string[]).includes(name)) throw new ConfigError(`unknown ${what} "${name}"; known ${what}s: ${known.join(', ')}`);
  }
  return list as T[];
}

const suitesFrom = (value: unknown): SuiteName[] => namesFrom(value, SUITE_NAMES);

/** What the runs of both sides share: where reports go, which checks run, the seed, what fails the run. */
export interface Gating {
  reportDir: string;
  grep: string | null;
  seed: number;
  baseline: string | null;
  expectedFailures: string | null;
  failOn: FailOn;
  /** With --fail-on regressions: a check that passed in the baseline and is inconclusive now is a regression. */
  inconclusiveRegressions: boolean;
  /** Apply the documentation's letter: a MUST only the documentation states fails instead of warning. */
  strict: boolean;
}

export function resolveGating(flags: RawOptions, env: NodeJS.ProcessEnv): Gating {
  const failOn = pick(flags, 'failOn', env) ?? 'failures';
  if (failOn !== 'failures' && failOn !== 'regressions') throw new ConfigError(`--fail-on must be "failures" or "regressions", got "${failOn}"`);
  const baseline = pick(flags, 'baseline', env);
  if (failOn === 'regressions' && !baseline) throw new ConfigError('--fail-on regressions needs --baseline (an earlier report.json)');
  const inconclusiveRegressions = flags.regressionsIncludeInconclusive === true;
  if (inconclusiveRegressions && failOn !== 'regressions') throw new ConfigError('--regressions-include-inconclusive applies to --fail-on regressions only');
  const grep = pick(flags, 'grep', env);
  compileGrep(grep);
  const seedRaw = pick(flags, 'seed', env);
  return {
    reportDir: pick(flags, 'reportDir', env, 'CONFORMANCE_REPORT_DIR') ?? 'reports',
    grep,
    seed: seedRaw === null ? Math.floor(Math.random() * 2 ** 31) : integer(seedRaw, 'seed', 0, 0),
    baseline,
    expectedFailures: pick(flags, 'expectedFailures', env),
    failOn,
    inconclusiveRegressions,
    strict: flags.strict === true || /^(1|true|yes)$/i.test(str(env.CONFORMANCE_STRICT) ?? ''),
  };
}

/** --grep as vitest applies it to check ids; an invalid expression is a usage error, not an internal one. */
export function compileGrep(pattern: string | null): RegExp | null {
  if (pattern === null) return null;
  try {
    return new RegExp(pattern);
  } catch (err) {
    throw new ConfigError(`--grep "${pattern}" is not a valid regular expression: ${(err as Error).message.replace(/^Invalid regular expression: /, '')}`);
  }
}

/** The settings that describe a target: without an address they mean nothing (the embedded emulator has its own). */
const TARGET_SETTINGS = [
  ['token', 'TFE_TOKEN'],
  ['organization', 'TFE_ORGANIZATION'],
  ['restrictedToken', 'TFE_RESTRICTED_TOKEN'],
  ['foreignOrganization', 'TFE_FOREIGN_ORGANIZATION'],
  ['foreignTaskId', 'TFE_FOREIGN_TASK_ID'],
  ['foreignWorkspaceId', 'TFE_FOREIGN_WORKSPACE_ID'],
  ['runTaskUrl', 'TFE_RUN_TASK_URL'],
] as const;

/**
 * Without an address, target settings from the environment (TFE_TOKEN is common for Terraform users) are
 * ignored with a note, so the embedded run still starts; the same settings given as flags are an error.
 */
function targetEnvironment(flags: RawOptions, env: NodeJS.ProcessEnv, address: string | null): { env: NodeJS.ProcessEnv; notes: string[] } {
  if (address) return { env, notes: [] };
  const given = TARGET_SETTINGS.filter(([flag]) => str(flags[flag]) !== undefined).map(([flag]) => `--${flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
  if (given.length) throw new ConfigError(`${given.join(', ')} given without --address (TFE_ADDRESS); without an address the embedded emulator is used`);
  const ignored = TARGET_SETTINGS.map(([, name]) => name).filter((name) => str(env[name]) !== undefined);
  if (ignored.length === 0) return { env, notes: [] };
  const rest = Object.fromEntries(Object.entries(env).filter(([k]) => !(ignored as string[]).includes(k)));
  return { env: rest, notes: [`note: ${ignored.join(', ')} ${ignored.length === 1 ? 'is' : 'are'} set but TFE_ADDRESS is not: ignored, the run checks the embedded emulator`] };
}

export function resolveConfig(flags: RawOptions, environment: NodeJS.ProcessEnv = process.env): RunConfig {
  const address = addressFrom(flags, environment);
  const { env, notes } = targetEnvironment(flags, environment, address);
  const token = pick(flags, 'token', env, 'TFE_TOKEN');
  const organization = pick(flags, 'organization', env, 'TFE_ORGANIZATION');
  if (address && !token) throw new ConfigError('a token is required for --address: set --token or TFE_TOKEN (an owner of the organization)');
  if (address && !organization) throw new ConfigError('an organization is required for --address: set --organization or TFE_ORGANIZATION');

  const runTaskUrl = pick(flags, 'runTaskUrl', env, 'TFE_RUN_TASK_URL');
  if (runTaskUrl) parseAddress(runTaskUrl, 'run-task-url');

  const gating = resolveGating(flags, env);

  const plan = pick(flags, 'embeddedPlan', env) ?? 'business';
  if (!isEmbeddedPlan(plan)) throw new ConfigError(`--embedded-plan must be one of ${EMBEDDED_PLANS.join(', ')}, got "${plan}"`);
  if (address && str(flags.embeddedPlan)) throw new ConfigError('--embedded-plan applies to the embedded emulator only, not with --address');

  const timeoutSeconds = integer(pick(flags, 'timeout', env), 'timeout', 1, 15);
  return {
    ...gating,
    address,
    token,
    organization,
    restrictedToken: pick(flags, 'restrictedToken', env, 'TFE_RESTRICTED_TOKEN'),
    foreignOrganization: pick(flags, 'foreignOrganization', env, 'TFE_FOREIGN_ORGANIZATION'),
    foreignTaskId: pick(flags, 'foreignTaskId', env, 'TFE_FOREIGN_TASK_ID'),
    foreignWorkspaceId: pick(flags, 'foreignWorkspaceId', env, 'TFE_FOREIGN_WORKSPACE_ID'),
    runTaskUrl,
    suites: suitesFrom(flags.suite),
    numRuns: integer(pick(flags, 'numRuns', env), 'num-runs', 1, null),
    timeoutMs: timeoutSeconds * 1000,
    cleanupTimeoutMs: integer(pick(flags, 'cleanupTimeout', env), 'cleanup-timeout', 1, 3) * 1000,
    maxRps: integer(pick(flags, 'maxRps', env), 'max-rps', 0, null),
    retries: integer(pick(flags, 'retries', env), 'retries', 0, 1),
    embeddedPlan: plan,
    waitForSeconds: integer(pick(flags, 'waitFor', env), 'wait-for', 1, null),
    notes,
  };
}

/** What goes into a report or a log about the configuration: never a token. */
export function describeTarget(config: Pick<RunConfig, 'address' | 'organization'>): string {
  return config.address ? `${config.address} (organization ${config.organization})` : 'the embedded emulator';
}
