// The integration command as a process: 0 against the embedded reference service, 1 against a service
// that breaks a MUST, and no secret (HMAC key, access token) in any output or report even when the
// service echoes them back, nor any request signature; --wait-for waits for a service that starts late and
// gives up on one that never comes; --help documents the command.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startReferenceService, type ReferenceService } from '../../src/integration/reference-service/index.ts';
import type { Report } from '../../src/report/model.ts';
import { closedPort, runCli, startCli, tempDir } from './helpers.ts';

const KEY = 'sekret-hmac-key-7c21e';
/** An access token as the stand-in issues them: caught anywhere it was not redacted. */
const TOKEN = /[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9]{64}/;
/** A signature as the harness sends them (lowercase hex HMAC-SHA512), or a wrong one of the same shape. */
const SIGNATURE_HEX = /[0-9a-f]{128}/i;

const started: ReferenceService[] = [];
afterAll(() => Promise.all(started.map((s) => s.close())));

const readReports = (dir: string) => readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');

describe('run-tasks-conformance integration', () => {
  it('exits 0 against the embedded reference service with no settings, and writes an integration report', async () => {
    const dir = tempDir();
    const result = await runCli(['integration', '--report-dir', dir], { timeoutMs: 120_000 });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/integration run \w+ against the embedded reference service/);
    expect(result.stdout).toMatch(/seed \d+/);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
    expect(report).toMatchObject({ side: 'integration', verdict: 'conformant', target: { embedded: true }, integration: { signed: true } });
    expect(report.coverage.uncovered).toEqual([]);
    expect(report.checks.every((c) => c.side === 'integration' && c.outcome === 'pass')).toBe(true);
    expect(report.checks.filter((c) => c.taskResult).map((c) => c.taskResult!.status)).toEqual(['passed', 'passed', 'passed', 'passed']);
  });

  it('exits 1 when the service breaks a MUST, and keeps the key, the tokens and the signatures out of every output', async () => {
    // Calls back with a token of its own and quotes the real one and the key in its message.
    const service = await startReferenceService({
      hmacKey: KEY,
      hooks: {
        callbacks: (steps, payload) =>
          steps.map((s) => {
            const doc = JSON.parse(s.body) as { data: { attributes: Record<string, unknown> } };
            doc.data.attributes.message = `token ${payload.access_token} key ${KEY}`;
            return { ...s, body: JSON.stringify(doc), headers: { ...s.headers, authorization: 'Bearer not-the-access-token' } };
          }),
      },
    });
    started.push(service);
    const dir = tempDir();
    const result = await runCli(['integration', '--url', service.url, '--suite', 'stages', '--report-dir', dir, '--callback-timeout', '2'], { env: { RUN_TASK_HMAC_KEY: KEY }, timeoutMs: 120_000 });
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(/✗ integration\.callback\.token\[pre_plan\]/);
    const everything = `${result.stdout}\n${result.stderr}\n${readReports(dir)}`;
    expect(everything).not.toContain(KEY);
    expect(everything).not.toMatch(TOKEN);
    // No signature either: beside the body it signs, it would let anyone test guesses at the key offline.
    expect(everything).not.toMatch(SIGNATURE_HEX);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
    const token = report.checks.find((c) => c.id === 'integration.callback.token[post_plan]')!;
    expect(token.transcript?.map((e) => e.direction)).toEqual(expect.arrayContaining(['to-target', 'from-target']));
    const post = token.transcript!.find((e) => e.direction === 'to-target')!;
    expect(post.requestHeaders['x-tfc-task-signature']).toBe('[redacted HMAC-SHA512]');
  });

  it('list --side integration names every integration check without a target', async () => {
    const result = await runCli(['list', '--side', 'integration']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/integration\.resilience\.keeps-serving\[post_apply\]/);
    expect(result.stdout.trim().split('\n').at(-1)).toMatch(/^\d+ checks of 25 requirements$/);
  });

  it('--help documents the command and its flags', async () => {
    const result = await runCli(['integration', '--help']);
    expect(result.code).toBe(0);
    for (const flag of ['--url', '--hmac-key', '--callback-base-url', '--callback-port', '--tls', '--request-timeout', '--callback-timeout', '--wait-for', '--seed', '--strict', '--baseline', '--fail-on', '--expected-failures', '--grep']) {
      expect(result.stdout).toContain(flag);
    }
    expect((await runCli(['--help'])).stdout).toMatch(/integration/);
  });
});

describe('integration --wait-for', () => {
  const args = (port: number, seconds: number) => ['integration', '--url', `http://127.0.0.1:${port}`, '--wait-for', String(seconds), '--suite', 'verification', '--report-dir', tempDir()];
  const waiting = (seconds: number) => new RegExp(`^waiting up to ${seconds}s for http://127\\.0\\.0\\.1:\\d+/ to answer \\(--wait-for\\)$`, 'm');

  it('waits for a service that starts late on its port, then judges it: exit 0', async () => {
    const port = await closedPort();
    const run = startCli(args(port, 30), { env: { RUN_TASK_HMAC_KEY: KEY } });
    try {
      await run.waitFor(waiting(30));
      // A second more, so the run's first GETs meet a closed port.
      await new Promise((r) => setTimeout(r, 1000));
      started.push(await startReferenceService({ hmacKey: KEY, port }));
      expect(await run.exited, run.output()).toBe(0);
    } finally {
      run.child.kill('SIGKILL');
    }
    expect(run.output()).toMatch(new RegExp(`integration run \\w+ against http://127\\.0\\.0\\.1:${port}/`));
  }, 120_000);

  it('a service that never comes: exit 2 and one line on stderr, no stack trace', async () => {
    const result = await runCli(args(await closedPort(), 2), { env: { RUN_TASK_HMAC_KEY: KEY } });
    expect(result.code, result.stdout + result.stderr).toBe(2);
    expect(result.stdout).toMatch(waiting(2));
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^run-tasks-conformance: the service at http:\/\/127\.0\.0\.1:\d+\/ is unreachable \(refused\) after waiting 2 s \(--wait-for\)$/)]);
  });
});
