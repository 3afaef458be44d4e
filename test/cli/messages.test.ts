// Messages that point at the fix, through the binary as a user meets them: the environment of a Terraform
// user, a mistyped command or address, the wrong scheme, a server that is not the API, a server that is late.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:https';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/api/emulator/index.ts';
import { closedPort, runCli, startFakeServer, tempDir } from './helpers.ts';

let target: RunningEmulator;
let notTheApi: Awaited<ReturnType<typeof startFakeServer>>;
let deadPort: number;
let tls: TlsServer; // HTTPS with a self-signed certificate (made by openssl for this run)
let tlsPort: string;

beforeAll(async () => {
  const dir = tempDir();
  await promisify(execFile)('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=localhost']);
  tls = createTlsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_, res) => res.end('{}'));
  await new Promise<void>((r) => tls.listen(0, '127.0.0.1', r));
  tlsPort = String((tls.address() as { port: number }).port);
  target = await startEmulator();
  notTheApi = await startFakeServer((_, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not Found</h1>'));
  deadPort = await closedPort();
});
afterAll(() => Promise.all([target.close(), notTheApi.close(), new Promise((r) => tls.close(r))]));

const port = (url: string) => new URL(url).port;
const owner = ['--token', 'rtc-owner-token', '--organization', 'rtc-org'];

// [what, argv, the one line on stderr]
const CASES: [string, () => string[], RegExp][] = [
  ['a mistyped command', () => ['sreve'], /^run-tasks-conformance: unknown command 'sreve' \(Did you mean serve\?\)$/],
  ['a mistyped flag', () => ['--adress', 'x'], /^run-tasks-conformance: unknown option '--adress' \(Did you mean --address\?\)$/],
  ['an address without its scheme', () => ['--address', 'localhost:8080', ...owner], /--address needs a scheme: did you mean http:\/\/localhost:8080\?$/],
  ['a host name without its scheme', () => ['--address', 'tfe.example.com', ...owner], /did you mean https:\/\/tfe\.example\.com\?$/],
  ['https:// against a plain-HTTP port', () => ['--address', `https://127.0.0.1:${port(target.url)}`, ...owner], /the target https:\/\/127\.0\.0\.1:\d+ failed the TLS handshake: is it http:\/\/127\.0\.0\.1:\d+\?$/],
  ['http:// against an HTTPS port', () => ['--address', `http://127.0.0.1:${tlsPort}`, ...owner], /closed the connection without an answer \(reset\): is it https:\/\/127\.0\.0\.1:\d+\?$/],
  ['an HTTPS target whose certificate is not trusted', () => ['--address', `https://127.0.0.1:${tlsPort}`, ...owner], /failed the TLS handshake \(DEPTH_ZERO_SELF_SIGNED_CERT\); a private CA can be trusted with NODE_EXTRA_CA_CERTS$/],
  ['a server answering 404 in HTML', () => ['--address', notTheApi.url, ...owner], /answered 404 without a JSON:API error document: this does not look like the HCP Terraform API/],
  // A remote target needs --run-task-url, but whether it answers at all is said first.
  ['an unreachable remote target without --run-task-url', () => ['--address', `http://0.0.0.0:${deadPort}`, ...owner], /the target http:\/\/0\.0\.0\.0:\d+ is unreachable \(refused\)$/],
  ['a host name that does not resolve', () => ['--address', 'https://no-such-host.invalid', ...owner], /has a host name that does not resolve$/],
  ['a reachable remote target without --run-task-url', () => ['--address', `http://0.0.0.0:${port(target.url)}`, ...owner], /set --run-task-url/],
  ['a --token flag without an address', () => ['--token', 'x'], /--token given without --address/],
  ['a --grep that selects no check', () => ['--grep', '^no\\.such\\.check$'], /--grep "\^no\\\.such\\\.check\$" selects no check; `run-tasks-conformance list` shows the check ids/],
  ['a --suite and --grep that select no check', () => ['--suite', 'plans', '--grep', 'task\\.create'], /selects no check in suite plans/],
  ['an invalid --grep regular expression', () => ['--grep', 'task.(create'], /--grep "task\.\(create" is not a valid regular expression/],
  ['list with a --grep that selects no check', () => ['list', '--grep', 'zzz'], /--grep "zzz" selects no check/],
  ['--regressions-include-inconclusive without --fail-on regressions', () => ['--regressions-include-inconclusive'], /applies to --fail-on regressions only/],
  ['--wait-for a target that never comes', () => ['--address', `http://127.0.0.1:${deadPort}`, ...owner, '--wait-for', '1'], /did not answer within --wait-for 1s \(last: is unreachable \(refused\)\)$/],
];

describe.concurrent('messages that point at the fix', () => {
  it.each(CASES)('%s: exit 2 and one line', async (_, argv, expected) => {
    const result = await runCli(argv());
    expect(result.code, result.stdout + result.stderr).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(expected);
  });
});

describe('the environment of a Terraform user', () => {
  it('TFE_TOKEN and TFE_ORGANIZATION without TFE_ADDRESS: ignored with a note, the embedded run goes on', async () => {
    const result = await runCli(['--grep', '^task\\.show\\.status$', '--report-dir', tempDir()], { env: { TFE_TOKEN: 'terraform-cli-token', TFE_ORGANIZATION: 'my-org' } });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stderr.trim().split('\n')).toEqual(['run-tasks-conformance: note: TFE_TOKEN, TFE_ORGANIZATION are set but TFE_ADDRESS is not: ignored, the run checks the embedded emulator']);
    expect(result.stdout).toMatch(/against the embedded emulator/);
    expect(result.stdout + result.stderr).not.toContain('terraform-cli-token');
  });
});

describe('--wait-for', () => {
  it('waits for a server that starts late, then judges it', async () => {
    const late = await closedPort();
    const proxy = createServer(); // becomes the target's front door after a while
    const started = setTimeout(() => {
      proxy.on('request', (req, res) => {
        const upstream = new URL(req.url ?? '/', target.url);
        void fetch(upstream, { method: req.method, headers: req.headers as Record<string, string> }).then(async (r) => {
          res.writeHead(r.status, Object.fromEntries(r.headers));
          res.end(Buffer.from(await r.arrayBuffer()));
        });
      });
      proxy.listen(late, '127.0.0.1');
    }, 1500);
    try {
      const result = await runCli(['--address', `http://127.0.0.1:${late}`, ...owner, '--wait-for', '30', '--grep', '^task\\.list\\.status$', '--report-dir', tempDir()]);
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(result.stdout).toMatch(/waiting up to 30s for http:\/\/127\.0\.0\.1:\d+ to answer/);
    } finally {
      clearTimeout(started);
      proxy.closeAllConnections();
      proxy.close();
    }
  });
});
