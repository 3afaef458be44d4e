// Configuration precedence: flags win over the environment, which wins over .env.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { PLAN_NAMES } from '../../src/api/emulator/plans.ts';
import { ConfigError, EMBEDDED_PLANS, resolveConfig } from '../../src/config/config.ts';
import { loadSettings, planSummary } from '../../src/runner/prepare.ts';

describe('resolveConfig', () => {
  const env = { TFE_ADDRESS: 'https://env.example', TFE_TOKEN: 'env-token', TFE_ORGANIZATION: 'env-org' };

  it('takes the environment when no flag is given', () => {
    expect(resolveConfig({}, env)).toMatchObject({ address: 'https://env.example', token: 'env-token', organization: 'env-org' });
  });

  it('lets flags win over the environment', () => {
    const config = resolveConfig({ address: 'https://flag.example/', token: 'flag-token', organization: 'flag-org' }, env);
    expect(config).toMatchObject({ address: 'https://flag.example', token: 'flag-token', organization: 'flag-org' });
  });

  it.each([
    [{ TFE_HOSTNAME: 'tfe.example.com', TFE_TOKEN: 't', TFE_ORGANIZATION: 'o' }, 'https://tfe.example.com'],
    [{ TFE_ADDRESS: 'https://a.example', TFE_HOSTNAME: 'ignored.example', TFE_TOKEN: 't', TFE_ORGANIZATION: 'o' }, 'https://a.example'],
    [{ TFE_ADDRESS: 'https://a.example/api/v2/', TFE_TOKEN: 't', TFE_ORGANIZATION: 'o' }, 'https://a.example'],
  ])('derives the address from %o', (environment, address) => {
    expect(resolveConfig({}, environment).address).toBe(address);
  });

  it('has safe defaults with nothing set: the embedded emulator', () => {
    expect(resolveConfig({}, {})).toMatchObject({ address: null, reportDir: 'reports', suites: [], failOn: 'failures', retries: 1, numRuns: null, maxRps: null, timeoutMs: 15_000, cleanupTimeoutMs: 3000, strict: false });
    expect(resolveConfig({ cleanupTimeout: '10' }, {}).cleanupTimeoutMs).toBe(10_000);
  });

  it('applies the documentation\'s letter with --strict or CONFORMANCE_STRICT', () => {
    expect(resolveConfig({ strict: true }, {}).strict).toBe(true);
    expect(resolveConfig({}, { CONFORMANCE_STRICT: '1' }).strict).toBe(true);
    expect(resolveConfig({}, { CONFORMANCE_STRICT: '0' }).strict).toBe(false);
  });

  it('takes every plan of the emulator as --embedded-plan', () => {
    expect([...EMBEDDED_PLANS].sort()).toEqual([...PLAN_NAMES].sort());
    for (const plan of EMBEDDED_PLANS) expect(resolveConfig({ embeddedPlan: plan }, {}).embeddedPlan).toBe(plan);
  });

  it('reads repeatable and comma-separated suites', () => {
    expect(resolveConfig({ suite: ['pagination,include', 'errors'] }, {}).suites).toEqual(['pagination', 'include', 'errors']);
  });

  it.each([
    [{ address: 'https://x.example' }, /token is required/],
    [{ token: 't' }, /without --address/],
    [{ seed: '1.5' }, /--seed/],
    [{ maxRps: '-1' }, /--max-rps/],
    [{ cleanupTimeout: '0' }, /--cleanup-timeout must be a whole number of at least 1/],
    [{ embeddedPlan: 'gold' }, /--embedded-plan/],
  ])('refuses %o', (flags, message) => {
    expect(() => resolveConfig(flags, {})).toThrow(ConfigError);
    expect(() => resolveConfig(flags, {})).toThrow(message);
  });
});

describe('.env', () => {
  const cwd = process.cwd();
  afterEach(() => process.chdir(cwd));

  it('is read below the environment and the flags', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rtc-env-'));
    writeFileSync(join(dir, '.env'), 'TFE_ADDRESS=not a url from dotenv\nTFE_TOKEN=t\nTFE_ORGANIZATION=o\n');
    process.chdir(dir);
    const err: string[] = [];
    const io = { out: () => undefined, err: (l: string) => err.push(l), color: false };
    // .env alone: its (bad) address is used
    expect(await main([], { ...io, env: {} })).toBe(2);
    expect(err.pop()).toMatch(/"not a url from dotenv"/);
    // the environment wins over .env
    expect(await main([], { ...io, env: { TFE_ADDRESS: 'also bad env' } })).toBe(2);
    expect(err.pop()).toMatch(/"also bad env"/);
    // a flag wins over both
    expect(await main(['--address', 'bad flag'], { ...io, env: { TFE_ADDRESS: 'also bad env' } })).toBe(2);
    expect(err.pop()).toMatch(/"bad flag"/);
  });
});

describe('load settings by target', () => {
  const none = { numRuns: null, maxRps: null, runTaskUrl: null };
  it.each([
    ['http://127.0.0.1:8080', none, { numRuns: 25, maxRps: 0 }],
    ['http://localhost:8080', none, { numRuns: 25, maxRps: 0 }],
    ['https://app.terraform.io', { ...none, runTaskUrl: 'https://hook.example/ok' }, { numRuns: 10, maxRps: 20 }],
    ['https://tfe.example.com', { numRuns: 50, maxRps: 5, runTaskUrl: 'https://hook.example/ok' }, { numRuns: 50, maxRps: 5 }],
  ])('%s: %o -> %o', (address, config, expected) => {
    expect(loadSettings(config, address)).toEqual(expected);
  });

  it('refuses a remote target without --run-task-url (it could not reach the loopback receiver)', () => {
    expect(() => loadSettings(none, 'https://app.terraform.io')).toThrow(/--run-task-url/);
  });
});

describe('the plan, in words, for the report', () => {
  it.each([
    [{ 'run-task-limit': 1, 'global-run-tasks': false }, 'run-task-limit 1, no global run tasks'],
    [{ 'run-task-limit': null, 'global-run-tasks': true }, 'no run-task limit, global run tasks'],
    [{}, 'no run-task limit, global run tasks unknown'],
  ])('%o -> %s', (attributes, words) => {
    expect(planSummary(attributes)).toBe(words);
  });
});
