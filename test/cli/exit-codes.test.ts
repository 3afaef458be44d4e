// The exit codes of a run, as a process: 0 conformant, 1 a MUST failed, 3 something inconclusive; and no
// secret (token, HMAC key) in any output or report, even when the target echoes them back.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator, type EmulatorHooks } from '../../src/api/emulator/index.ts';
import { runCli, tempDir } from './helpers.ts';

const TOKEN = 'sekret-owner-token-4f1c9';
const started: RunningEmulator[] = [];
afterAll(() => Promise.all(started.map((t) => t.close())));

async function targetWith(hooks?: EmulatorHooks): Promise<RunningEmulator> {
  const target = await startEmulator({ token: TOKEN, ...(hooks ? { hooks } : {}) });
  started.push(target);
  return target;
}

const run = (target: RunningEmulator, reportDir: string, ...more: string[]) =>
  runCli(['--address', target.url, '--token', TOKEN, '--organization', 'rtc-org', '--suite', 'task-lifecycle', '--report-dir', reportDir, '--retries', '0', ...more], { timeoutMs: 120_000 });

/** Every response leaks what it can: the request's hmac-key and the Authorization header, into the body. */
const leaky: EmulatorHooks = {
  onResponse: (req, res) => {
    const attrs = (req.body as { data?: { attributes?: Record<string, unknown> } } | undefined)?.data?.attributes;
    const data = (res.body as { data?: { attributes?: Record<string, unknown> } } | undefined)?.data;
    if (data?.attributes && attrs && 'hmac-key' in attrs) data.attributes['hmac-key'] = attrs['hmac-key'];
    if (data?.attributes && req.method === 'POST') data.attributes.description = `echo ${req.headers.authorization ?? ''}`; // quoted by a failure message
    return { ...res, headers: { ...res.headers, 'x-echo-authorization': req.headers.authorization ?? '' } };
  },
};

describe('exit codes', () => {
  it('0 when every MUST check passes', async () => {
    const result = await run(await targetWith(), tempDir());
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/CONFORMANT/);
  });

  it('1 when a MUST check fails, and no secret reaches any output or report', async () => {
    const dir = tempDir();
    const result = await run(await targetWith(leaky), dir);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    const artifacts = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8'));
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { checks: { id: string; outcome: string; transcript?: unknown[] }[] };
    expect(report.checks.find((c) => c.id === 'task.hmac-key.write-only')?.outcome).toBe('fail');
    expect(report.checks.find((c) => c.id === 'task.create.echo')).toMatchObject({ outcome: 'fail', message: expect.stringContaining('[REDACTED]') });
    expect(report.checks.some((c) => c.transcript?.length)).toBe(true);
    for (const text of [result.stdout, result.stderr, ...artifacts]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain('rtc-write-only-secret'); // the HMAC key the suite sends
    }
  });

  it('gives each failure a curl reproduction that runs, with the token taken from $TFE_TOKEN', async () => {
    const dir = tempDir();
    const target = await targetWith(leaky);
    expect((await run(target, dir, '--grep', '^task\\.create\\.echo$')).code).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { checks: { id: string; reproduction?: string }[] };
    const curl = report.checks.find((c) => c.id === 'task.create.echo')?.reproduction ?? '';
    expect(curl).toMatch(/^curl -sS -i -X POST -H "Authorization: Bearer \$TFE_TOKEN" .* --data-raw '\{.*\}' 'http:\/\/127\.0\.0\.1:\d+\/api\/v2\/organizations\/rtc-org\/tasks'$/);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('curl -sS -i -X POST');
    // Asynchronously: the target answers from this very process.
    const pasted = await promisify(execFile)('bash', ['-c', curl], { env: { ...process.env, TFE_TOKEN: TOKEN }, encoding: 'utf8' }).then((r) => ({ status: 0, ...r }));
    expect(pasted.status, pasted.stderr).toBe(0);
    const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(pasted.stdout)?.[1]);
    expect(status, pasted.stdout).toBeGreaterThanOrEqual(200);
    expect(status, 'the pasted command authenticates with $TFE_TOKEN').not.toBe(401);
    expect(pasted.stdout).toMatch(/content-type: application\/vnd\.api\+json/i);
  });

  it('0 with a warning when only a documented-only MUST is missed; 1 for the same target under --strict', async () => {
    // Lets any category through: the page says "Must be \"task\"", nothing shows the service enforcing it.
    const lax: EmulatorHooks = {
      onRequest: (req) => {
        const attributes = (req.body as { data?: { attributes?: Record<string, unknown> } } | undefined)?.data?.attributes;
        if (req.method === 'POST' && attributes && 'category' in attributes) attributes.category = 'task';
        return req;
      },
    };
    const target = await targetWith(lax);
    const lenient = tempDir();
    const args = ['--suite', 'task-validation', '--grep', '^task\\.validate\\.category\\[other\\]$'];
    const byDefault = await run(target, lenient, ...args);
    expect(byDefault.code, byDefault.stdout + byDefault.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(lenient, 'report.json'), 'utf8')) as { strict: boolean; checks: Record<string, unknown>[] };
    expect(report.strict).toBe(false);
    expect(report.checks[0]).toMatchObject({ outcome: 'warn', level: 'MUST', appliedLevel: 'SHOULD', evidence: 'documented', levelReason: 'documented only: warns unless --strict' });
    const strict = await run(target, tempDir(), ...args, '--strict');
    expect(strict.code, strict.stdout + strict.stderr).toBe(1);
  });

  it('3 when nothing failed but the target hung on some requests', async () => {
    const hang: EmulatorHooks = { onRequest: (req) => (req.method === 'GET' && /^\/api\/v2\/tasks\//.test(req.path) ? new Promise(() => undefined) : req) };
    const result = await run(await targetWith(hang), tempDir(), '--timeout', '1', '--grep', '^task\\.show\\.status$');
    expect(result.code, result.stdout + result.stderr).toBe(3);
    expect(result.stdout).toMatch(/inconclusive/i);
  });

  it('0 with the check labelled flaky when it fails once and passes on its re-run', async () => {
    let failedOnce = false;
    const flaky: EmulatorHooks = {
      onRequest: (req) => {
        if (failedOnce || req.method !== 'GET' || !/^\/api\/v2\/tasks\//.test(req.path)) return req;
        failedOnce = true;
        return { status: 500, headers: { 'content-type': 'application/vnd.api+json' }, body: { errors: [{ status: '500', title: 'internal server error' }] } };
      },
    };
    const dir = tempDir();
    const result = await run(await targetWith(flaky), dir, '--grep', '^task\\.show\\.status$', '--retries', '1');
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { checks: { id: string; outcome: string; flaky?: boolean }[] };
    expect(report.checks).toEqual([expect.objectContaining({ id: 'task.show.status', outcome: 'pass', flaky: true })]);
  });

  it('3, quickly, when the target stops answering after the preflight: the rest is not waited for', async () => {
    let answered = 0;
    const dies: EmulatorHooks = { onRequest: (req) => (++answered <= 1 ? req : new Promise(() => undefined)) };
    const dir = tempDir();
    // "Quickly" is the shortcut's message below, not a clock: a run that waited out every timeout would hit runCli's.
    const result = await runCli(['--address', (await targetWith(dies)).url, '--token', TOKEN, '--organization', 'rtc-org', '--timeout', '1', '--report-dir', dir], { timeoutMs: 120_000 });
    expect(result.code, result.stdout + result.stderr).toBe(3);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { summary: { inconclusive: number; total: number; failed: number } };
    expect(report.summary.failed).toBe(0);
    expect(report.summary.inconclusive).toBeGreaterThan(report.summary.total / 2);
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toContain('the target stopped answering');
  });
});

describe('set-up calls outside the Run Tasks API', () => {
  const workspaceCreate = (req: { method: string; path: string }) => req.method === 'POST' && /^\/api\/v2\/organizations\/[^/]+\/workspaces$/.test(req.path);

  it('a workspace created with 200 and its document is as good as 201', async () => {
    const answers200: EmulatorHooks = { onResponse: (req, res) => (workspaceCreate(req) ? { ...res, status: 200 } : res) };
    const result = await runCli(['--address', (await targetWith(answers200)).url, '--token', TOKEN, '--organization', 'rtc-org', '--suite', 'workspace-tasks', '--report-dir', tempDir(), '--retries', '0'], { timeoutMs: 120_000 });
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });

  it('checks stopped by one failing set-up call are one group, in the console and in every report', async () => {
    const refuses: EmulatorHooks = { onRequest: (req) => (workspaceCreate(req) ? { status: 500, headers: { 'content-type': 'text/plain' }, body: 'down' } : req) };
    const dir = tempDir();
    const result = await runCli(['--address', (await targetWith(refuses)).url, '--token', TOKEN, '--organization', 'rtc-org', '--suite', 'workspace-tasks', '--report-dir', dir, '--retries', '0'], { timeoutMs: 120_000 });
    expect(result.code, result.stdout + result.stderr).toBe(3);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { summary: { inconclusive: number }; gate: { reasons: { kind: string; message: string; checks: string[] }[] } };
    expect(report.summary.inconclusive).toBeGreaterThan(10);
    const groups = report.gate.reasons.filter((r) => r.kind === 'inconclusive');
    expect(groups).toEqual([expect.objectContaining({ message: `${report.summary.inconclusive} checks inconclusive: precondition: creating a workspace answered 500` })]);
    expect(groups[0]!.checks).toHaveLength(report.summary.inconclusive);
    const mentions = (text: string) => text.split('\n').filter((l) => l.includes('creating a workspace answered 500')).length;
    expect(mentions(result.stdout)).toBe(2); // the first such check as it ends, and the group in the summary
    // summary.md: the gate's reason and the group's row; report.html: the reason and one folded line for the group.
    expect(mentions(readFileSync(join(dir, 'summary.md'), 'utf8'))).toBe(2);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html.split(`<details class="cause"><summary><strong>${report.summary.inconclusive} checks</strong>: precondition: creating a workspace answered 500</summary>`)).toHaveLength(2);
    const inconclusive = html.slice(html.indexOf('<h2>Inconclusive'), html.indexOf('<section class="group', html.indexOf('<h2>Inconclusive')));
    expect(inconclusive.match(/<details class="cause">/g)).toHaveLength(1);
  });
});
