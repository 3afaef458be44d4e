// `serve` as a user starts it: the flags reach the target, it prints what is needed to use it (first
// the environment go-tfe reads, and the foreign ids it seeded), and Ctrl-C stops it cleanly with exit 0.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, ROOT, runCli, tempDir } from './helpers.ts';

interface Served {
  child: ChildProcess;
  out: () => string;
  exited: Promise<number | null>;
}

/** Starts `serve` with `args` and waits for its banner. */
async function startServe(args: string[]): Promise<Served> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/run-tasks-conformance.js'), 'serve', '--port', '0', ...args], {
    cwd: tempDir(),
    env: cleanEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.on('close', r));
  for (let i = 0; i < 200 && !/Press Ctrl\+C/.test(out); i++) await new Promise((r) => setTimeout(r, 50));
  return { child, out: () => out, exited };
}

async function stop(served: Served): Promise<void> {
  served.child.kill('SIGINT');
  expect(await served.exited).toBe(0);
  expect(served.out()).toMatch(/target stopped/);
}

describe('serve', () => {
  it('starts with the given plan and settings, answers, and stops on SIGINT with exit 0', async () => {
    const served = await startServe(['--plan', 'free', '--no-verify-urls', '--organization', 'acme', '--token', 'serve-token']);
    const out = served.out();
    const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
    expect(url, out).toBeDefined();
    expect(out).toMatch(/plan:\s+free/);
    expect(out).toMatch(/URL verification:\s+off/);

    const entitlements = await fetch(`${url}/api/v2/organizations/acme/entitlement-set`, { headers: { authorization: 'Bearer serve-token' } });
    expect(((await entitlements.json()) as { data: { attributes: Record<string, unknown> } }).data.attributes['run-task-limit']).toBe(1);
    await stop(served);
  });

  it('the first line is the go-tfe environment; its admin token sets plans; the seeded workspace is there', async () => {
    const served = await startServe(['--no-verify-urls', '--plan', 'trial']);
    const [first] = served.out().split('\n');
    const env = Object.fromEntries([...(first ?? '').matchAll(/(TFE_[A-Z_]+)=(\S+)/g)].map((m) => [m[1], m[2]]));
    expect(Object.keys(env)).toEqual(['TFE_ADDRESS', 'TFE_TOKEN', 'TFE_ADMIN_PROVISION_LICENSES_TOKEN']);
    const api = `${env.TFE_ADDRESS}/api/v2`;
    const as = (token: string | undefined) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/vnd.api+json' });

    const workspace = await fetch(`${api}/organizations/rtc-org/workspaces/rtc-workspace`, { headers: as(env.TFE_TOKEN) });
    expect(workspace.status).toBe(200);
    expect(served.out()).toContain(`rtc-workspace (${((await workspace.json()) as { data: { id: string } }).data.id})`);

    const created = await fetch(`${api}/organizations`, {
      method: 'POST',
      headers: as(env.TFE_TOKEN),
      body: JSON.stringify({ data: { type: 'organizations', attributes: { name: 'tst-cli', email: 'a@tfe.local' } } }),
    });
    expect(created.status).toBe(201);
    const sets = (await (await fetch(`${api}/admin/feature-sets?q=Business`, { headers: as(env.TFE_ADMIN_PROVISION_LICENSES_TOKEN) })).json()) as { data: { id: string }[] };
    const subscription = await fetch(`${api}/admin/organizations/tst-cli/subscription`, {
      method: 'POST',
      headers: as(env.TFE_ADMIN_PROVISION_LICENSES_TOKEN),
      body: JSON.stringify({ data: { type: 'subscription', relationships: { 'feature-set': { data: { type: 'feature-sets', id: sets.data[0]?.id } } } } }),
    });
    expect(subscription.status).toBe(201);
    const read = async (org: string) =>
      ((await (await fetch(`${api}/organizations/${org}/entitlement-set`, { headers: as(env.TFE_TOKEN) })).json()) as { data: { attributes: Record<string, unknown> } }).data.attributes;
    expect(await read('tst-cli')).toMatchObject({ 'global-run-tasks': true });
    expect(await read('rtc-org')).toMatchObject({ 'global-run-tasks': false });
    await stop(served);
  });

  // The foreign ids exist to prove isolation: the banner's must be real, the foreign organization's token must
  // see them, and the default organization's owner must not.
  it('prints the foreign task and workspace it seeded: the foreign token sees them, the owner gets 404', async () => {
    const served = await startServe(['--no-verify-urls']);
    const out = served.out();
    const api = `${/listening on (http:\/\/\S+)/.exec(out)?.[1]}/api/v2`;
    const ownerToken = /owner token: +(\S+)/.exec(out)?.[1];
    const foreignToken = /foreign organization: +\S+ \(token (\S+)\)/.exec(out)?.[1];
    expect([ownerToken, foreignToken], out).not.toContain(undefined);
    const get = async (path: string, token: string | undefined) => {
      const reply = await fetch(`${api}/${path}`, { headers: { authorization: `Bearer ${token}` } });
      return { status: reply.status, id: reply.ok ? ((await reply.json()) as { data: { id: string } }).data.id : null };
    };
    for (const [line, collection] of [
      [/foreign task: +(task-\w+) \(--foreign-task-id\)/, 'tasks'],
      [/foreign workspace: +(ws-\w+) \(--foreign-workspace-id\)/, 'workspaces'],
    ] as const) {
      const id = line.exec(out)?.[1];
      expect(id, out).toBeDefined();
      expect(await get(`${collection}/${id}`, foreignToken)).toEqual({ status: 200, id });
      expect(await get(`${collection}/${id}`, ownerToken)).toEqual({ status: 404, id: null });
    }
    await stop(served);
  });

  it.each([
    [['serve', '--port', 'eighty'], /--port must be a port number/],
    [['serve', '--plan', 'gold'], /argument 'gold' is invalid/],
    [['serve', '--workspace', 'a b'], /--workspace may only hold letters/],
  ])('%j: exit 2 and one line', async (argv, message) => {
    const result = await runCli(argv);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
  });
});
