// The integration command's configuration: safe defaults with nothing set, the environment for secrets,
// flags winning over it, and the gating settings shared with the API side.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config.ts';
import { resolveIntegrationConfig } from '../../src/config/integration.ts';

describe('resolveIntegrationConfig', () => {
  it('has safe defaults with nothing set: the embedded reference service, a free loopback port, short windows', () => {
    expect(resolveIntegrationConfig({}, {})).toMatchObject({
      url: null,
      hmacKey: null,
      callbackBaseUrl: null,
      callbackPort: null,
      callbackHost: '127.0.0.1',
      tls: false,
      requestTimeoutMs: 10_000,
      callbackTimeoutMs: 30_000,
      waitForSeconds: null,
      suites: [],
      failOn: 'failures',
      strict: false,
      reportDir: 'reports',
    });
  });

  it('takes the URL, the key and the tunnel from the environment; flags win', () => {
    const env = { RUN_TASK_SERVICE_URL: 'http://127.0.0.1:3000/run-task', RUN_TASK_HMAC_KEY: 'from-env', RUN_TASK_CALLBACK_BASE_URL: 'https://t.example.com/', RUN_TASK_CALLBACK_PORT: '8787' };
    expect(resolveIntegrationConfig({}, env)).toMatchObject({ url: 'http://127.0.0.1:3000/run-task', hmacKey: 'from-env', callbackBaseUrl: 'https://t.example.com', callbackPort: 8787 });
    expect(resolveIntegrationConfig({ hmacKey: 'from-flag', url: 'http://svc.test/' }, env)).toMatchObject({ hmacKey: 'from-flag', url: 'http://svc.test/' });
  });

  it('reads the windows in seconds, --suite lists and --strict', () => {
    const c = resolveIntegrationConfig({ requestTimeout: '2', callbackTimeout: '600', waitFor: '30', suite: ['stages,signatures'], strict: true }, {});
    expect(c).toMatchObject({ requestTimeoutMs: 2000, callbackTimeoutMs: 600_000, waitForSeconds: 30, suites: ['stages', 'signatures'], strict: true });
  });

  it.each([
    [{ url: 'ftp://svc.test/' }, /http or https/],
    [{ url: 'http://user:pw@svc.test/' }, /must not carry credentials/],
    [{ callbackBaseUrl: 'https://t.example.com' }, /needs --callback-port/],
    [{ callbackPort: '0' }, /at least 1/],
    [{ requestTimeout: '0' }, /at least 1/],
    [{ failOn: 'regressions' }, /needs --baseline/],
    [{ grep: '(' }, /not a valid regular expression/],
  ])('refuses %o', (flags, message) => {
    expect(() => resolveIntegrationConfig(flags, {})).toThrow(ConfigError);
    expect(() => resolveIntegrationConfig(flags, {})).toThrow(message);
  });
});
