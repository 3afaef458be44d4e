// The `integration` command's configuration: flags, then the environment (and .env), validated into one
// IntegrationRunConfig. The gating settings (reports, --grep, --seed, baselines, expected failures,
// --strict) are the API side's (resolveGating).
import { ConfigError, integer, namesFrom, parseAddress, pick, resolveGating, str, type Gating, type RawOptions } from './config.ts';

/** The integration suites, in the order they run (resilience last: a service failing it may be down). */
export const INTEGRATION_SUITE_NAMES = ['verification', 'stages', 'signatures', 'resilience'] as const;
export type IntegrationSuiteName = (typeof INTEGRATION_SUITE_NAMES)[number];

/** Defaults: a test tool answers in seconds, not in HCP Terraform's ten minutes (integration-facts §3.6). */
export const DEFAULT_REQUEST_TIMEOUT_S = 10;
export const DEFAULT_CALLBACK_TIMEOUT_S = 30;

export interface IntegrationRunConfig extends Gating {
  /** The service's run-task URL; null: the embedded reference service. */
  url: string | null;
  hmacKey: string | null;
  /** Where the service reaches the stand-in (a tunnel), or null for its listening address. */
  callbackBaseUrl: string | null;
  /** null: any free port. */
  callbackPort: number | null;
  callbackHost: string;
  tls: boolean;
  requestTimeoutMs: number;
  callbackTimeoutMs: number;
  /** --wait-for: how long the preflight waits for the service to come up (a service started in the same job); null: not at all. */
  waitForSeconds: number | null;
  suites: IntegrationSuiteName[];
}

function serviceUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`--url must be the service's run-task URL, such as http://127.0.0.1:3000/run-task, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`--url must use http or https, got "${url.protocol}"`);
  if (url.username || url.password) throw new ConfigError('--url must not carry credentials');
  return url.toString();
}

export function resolveIntegrationConfig(flags: RawOptions, env: NodeJS.ProcessEnv = process.env): IntegrationRunConfig {
  const rawUrl = pick(flags, 'url', env, 'RUN_TASK_SERVICE_URL');
  const callbackBaseUrl = pick(flags, 'callbackBaseUrl', env, 'RUN_TASK_CALLBACK_BASE_URL');
  const callbackPort = integer(pick(flags, 'callbackPort', env, 'RUN_TASK_CALLBACK_PORT'), 'callback-port', 1, null);
  if (callbackPort !== null && callbackPort > 65535) throw new ConfigError(`--callback-port must be a port number, got "${callbackPort}"`);
  if (callbackBaseUrl && callbackPort === null) throw new ConfigError('--callback-base-url needs --callback-port: the local port your tunnel forwards to');
  const tls = flags.tls === true;
  if (callbackBaseUrl && tls) throw new ConfigError('--tls and --callback-base-url do not go together: a tunnel terminates TLS itself; give it an https:// base URL');
  return {
    ...resolveGating(flags, env),
    url: rawUrl ? serviceUrl(rawUrl) : null,
    hmacKey: pick(flags, 'hmacKey', env, 'RUN_TASK_HMAC_KEY'),
    callbackBaseUrl: callbackBaseUrl ? parseAddress(callbackBaseUrl, 'callback-base-url') : null,
    callbackPort,
    callbackHost: str(flags.callbackHost) ?? '127.0.0.1',
    tls,
    requestTimeoutMs: integer(pick(flags, 'requestTimeout', env), 'request-timeout', 1, DEFAULT_REQUEST_TIMEOUT_S) * 1000,
    callbackTimeoutMs: integer(pick(flags, 'callbackTimeout', env), 'callback-timeout', 1, DEFAULT_CALLBACK_TIMEOUT_S) * 1000,
    waitForSeconds: integer(pick(flags, 'waitFor', env), 'wait-for', 1, null),
    suites: namesFrom(flags.suite, INTEGRATION_SUITE_NAMES),
  };
}
