// Every kind of bad input ends with exit 2 and one clear line on stderr: no stack trace, no hang.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/api/emulator/index.ts';
import { main } from '../../src/cli/main.ts';
import { cleanEnv, closedPort, runCli, startFakeServer, tempDir } from './helpers.ts';

let target: RunningEmulator;
let garbage: Awaited<ReturnType<typeof startFakeServer>>;
let hanging: Awaited<ReturnType<typeof startFakeServer>>;
let deadPort: number;
let notHttp: NetServer;
let notHttpPort: number;
const dir = tempDir();

beforeAll(async () => {
  target = await startEmulator();
  garbage = await startFakeServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>hello</html>'));
  hanging = await startFakeServer(() => undefined); // accepts, never answers
  deadPort = await closedPort();
  notHttp = createNetServer((socket) => socket.on('error', () => undefined).end('SSH-2.0-OpenSSH_9.6\r\n', () => socket.destroy()));
  await new Promise<void>((r) => notHttp.listen(0, '127.0.0.1', r));
  notHttpPort = (notHttp.address() as AddressInfo).port;
  writeFileSync(join(dir, 'not-json.json'), '{ nope');
  writeFileSync(join(dir, 'bad-entry.yaml'), '- check: no.such.requirement\n  reason: x\n');
  writeFileSync(join(dir, 'not-a-report.json'), '{"hello": 1}');
  writeFileSync(join(dir, 'a-file'), ''); // a directory below a file cannot be made, even by root
});

afterAll(async () => {
  await Promise.all([target.close(), garbage.close(), hanging.close(), new Promise((r) => notHttp.close(r))]);
});

const at = (url: () => string, ...more: string[]) => () => ['--address', url(), '--token', 'rtc-owner-token', '--organization', 'rtc-org', ...more];

// [what, argv, a fragment of the expected line]
const CASES: [string, () => string[], RegExp][] = [
  ['an address that is not a URL', () => ['--address', 'not a url', '--token', 't', '--organization', 'o'], /must be a URL/],
  ['an address with another scheme', () => ['--address', 'ftp://example.com', '--token', 't', '--organization', 'o'], /http or https/],
  ['an unreachable address', at(() => `http://127.0.0.1:${deadPort}`), /unreachable \(refused\)/],
  ['a target that hangs', at(() => hanging.url, '--timeout', '1'), /did not answer within 1s/],
  ['a target answering garbage', at(() => garbage.url), /does not speak the HCP Terraform API/],
  ['a target that does not answer HTTP', at(() => `http://127.0.0.1:${notHttpPort}`), /does not answer HTTP \(/],
  ['a refused token', () => ['--address', target.url, '--token', 'wrong-token', '--organization', 'rtc-org'], /refused the token \(401/],
  ['an unknown organization', () => ['--address', target.url, '--token', 'rtc-owner-token', '--organization', 'no-such-org'], /organization "no-such-org" was not found/],
  ['a missing token', () => ['--address', target.url, '--organization', 'rtc-org'], /a token is required/],
  ['an unknown suite', () => ['--suite', 'nope'], /unknown suite "nope"/],
  ['a negative --num-runs', () => ['--num-runs', '-3'], /--num-runs must be a whole number of at least 1/],
  ['a non-numeric --timeout', () => ['--timeout', 'soon'], /--timeout must be a whole number/],
  ['an unknown flag', () => ['--frobnicate'], /unknown option '--frobnicate'/],
  ['--fail-on regressions without a baseline', () => ['--fail-on', 'regressions'], /needs --baseline/],
  ['an unreadable expected-failures file', () => ['--expected-failures', join(dir, 'missing.json')], /cannot be read/],
  ['an expected-failures file that is not JSON', () => ['--expected-failures', join(dir, 'not-json.json')], /is not valid JSON/],
  ['an expected failure naming no requirement', () => ['--expected-failures', join(dir, 'bad-entry.yaml')], /names no requirement/],
  ['a baseline that is not a report', () => ['--baseline', join(dir, 'not-a-report.json')], /is not a report.json/],
  ['an invalid --fail-on value', () => ['--fail-on', 'sometimes'], /argument 'sometimes' is invalid/],
  ['sweep without a target', () => ['sweep'], /sweep needs a target/],
  ['sweep of an unreachable target', () => ['sweep', '--address', `http://127.0.0.1:${deadPort}`, '--token', 't', '--organization', 'o'], /unreachable \(refused\)/],
  ['integration: an unreachable service', () => ['integration', '--url', `http://127.0.0.1:${deadPort}/`], /the service at .* is unreachable \(refused\)/],
  ['integration: a service that hangs', () => ['integration', '--url', hanging.url, '--request-timeout', '1'], /did not answer within 1 s/],
  ['integration: a service that does not answer HTTP', () => ['integration', '--url', `http://127.0.0.1:${notHttpPort}/`], /does not answer HTTP/],
  ['integration: a URL that is not one', () => ['integration', '--url', 'run-task'], /--url must be the service's run-task URL/],
  ['integration: a callback base URL without its port', () => ['integration', '--callback-base-url', 'https://tunnel.example.com'], /needs --callback-port/],
  ['integration: a callback port in use', () => ['integration', '--callback-port', String(new URL(hanging.url).port)], /cannot listen on 127\.0\.0\.1:\d+/],
  ['integration: --tls with a tunnel', () => ['integration', '--tls', '--callback-base-url', 'https://t.example.com', '--callback-port', '8787'], /do not go together/],
  ['integration: an unknown suite', () => ['integration', '--suite', 'stagez'], /unknown suite "stagez"; known suites: verification, stages, signatures, resilience/],
  ['integration: a --grep that selects no check', () => ['integration', '--grep', '^integration\.nothing'], /selects no check/],
  ['integration: a non-numeric --callback-timeout', () => ['integration', '--callback-timeout', 'later'], /--callback-timeout must be a whole number/],
  ['sweep with a refused token', () => ['sweep', '--address', target.url, '--token', 'wrong-token', '--organization', 'rtc-org'], /refused the token/],
];

/** The CLI in-process: the same main() the binary calls, with its output captured. */
async function mainCaptured(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env: cleanEnv(), color: false });
  return { code, out, err };
}

describe.concurrent('bad input', () => {
  it.each(CASES)('%s: exit 2 and one line', async (_, argv, expected) => {
    const result = await mainCaptured(argv());
    expect(result.code).toBe(2);
    expect(result.err, result.err.join('\n')).toHaveLength(1);
    expect(result.err[0]).toMatch(/^run-tasks-conformance: /);
    expect(result.err[0]).toMatch(expected);
    expect(result.err[0]).not.toMatch(/\n/); // one line, no stack trace
  });
});

describe.concurrent('a bad report directory: exit 2 and one line, before any request', () => {
  // Node 20's mkdirSync(…, { recursive: true }) never returns for a path under /proc; these used to hang.
  const readOnly = join(dir, 'read-only');
  beforeAll(() => {
    mkdirSync(readOnly);
    chmodSync(readOnly, 0o555);
  });
  // [command, argv that points it at the fake server]
  const COMMANDS: [string, (url: string) => string[]][] = [
    ['run', (url) => ['--address', url, '--token', 't', '--organization', 'o']],
    ['integration', (url) => ['integration', '--url', url]],
  ];
  const PATHS: [string, () => string, RegExp][] = [
    ['under /proc', () => '/proc/no/such/dir', /\/proc\/no cannot be made \(ENOENT\)/],
    ['under /proc/self', () => '/proc/self/no/such', /cannot be made/],
    ['below a regular file', () => join(dir, 'a-file', 'sub', 'deeper'), /a-file is a file, not a directory/],
    ['a regular file', () => join(dir, 'a-file'), /a-file is a file, not a directory/],
    // An existing directory that passes access(W_OK) as root but takes no file: only a probe file tells.
    ['an existing directory no file can be made in (/proc/driver)', () => '/proc/driver', /it is not writable \(ENOENT\)/],
  ];
  describe.each(COMMANDS)('%s', (_command, argvFor) => {
    it.each(PATHS)('%s', async (_, path, expected) => {
      const seen = { requests: 0 };
      const server = await startFakeServer((_req, res) => (seen.requests++, res.end()));
      try {
        const result = await mainCaptured([...argvFor(server.url), '--report-dir', path()]);
        expect(result.code).toBe(2);
        expect(result.err).toEqual([expect.stringMatching(new RegExp(`^run-tasks-conformance: the report directory .* cannot be used: .*${expected.source}`))]);
        expect(seen.requests).toBe(0);
      } finally {
        await server.close();
      }
    });
  });
  // root writes anywhere but on a read-only filesystem, which a test cannot make: only as another user.
  it.skipIf(process.getuid?.() === 0)('a read-only directory', async () => {
    const result = await mainCaptured(['--report-dir', join(readOnly, 'reports')]);
    expect(result.code).toBe(2);
    expect(result.err).toEqual([expect.stringMatching(/report directory .* cannot be used: .* cannot be made \(EACCES\)/)]);
  });
});

describe('the binary', () => {
  it('prints one line on stderr and exits 2, as a process', async () => {
    const result = await runCli(['--suite', 'nope']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^run-tasks-conformance: unknown suite "nope"/)]);
  });
});

describe('help and version', () => {
  it.each([['--help'], ['--version'], ['serve', '--help'], ['sweep', '--help']])('%s exits 0 on stdout', async (...flags) => {
    const result = await mainCaptured(flags);
    expect(result.code).toBe(0);
    expect(result.out.join('\n').length).toBeGreaterThan(0);
    expect(result.err).toEqual([]);
  });
});
