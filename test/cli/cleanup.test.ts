// Leave nothing behind: Ctrl-C and SIGTERM at several points of a run leave zero resources on the target,
// and `sweep` finds and removes planted leftovers without touching anything else.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/api/emulator/index.ts';
import { cleanEnv, ROOT, runCli, tempDir } from './helpers.ts';

const TOKEN = 'rtc-owner-token';
const started: RunningEmulator[] = [];
afterAll(() => Promise.all(started.map((t) => t.close())));

async function api(target: RunningEmulator, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${target.url}/api/v2${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/vnd.api+json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return res.status === 204 ? null : res.json();
}

/** Names (or ids) of the tasks and workspaces the organization holds now. */
async function resources(target: RunningEmulator, by: 'name' | 'id' = 'name'): Promise<string[]> {
  const tasks = await api(target, 'GET', '/organizations/rtc-org/tasks?page[size]=100');
  const workspaces = await api(target, 'GET', '/organizations/rtc-org/workspaces?page[size]=100');
  return [...tasks.data, ...workspaces.data].map((r: { id: string; attributes: { name: string } }) => (by === 'id' ? r.id : r.attributes.name)).sort();
}

/** Slow answers keep a run going long enough to be interrupted mid-way. */
async function slowTarget(): Promise<RunningEmulator> {
  const target = await startEmulator({ hooks: { onRequest: async (req) => (await new Promise((r) => setTimeout(r, 15)), req) } });
  started.push(target);
  return target;
}

const until = async (pred: () => Promise<boolean>, ms: number) => {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 25))) if (await pred()) return true;
  return false;
};

/** Starts a run against `target` and resolves once `count` resources exist on it. */
async function runUntil(target: RunningEmulator, count: number, ...more: string[]) {
  const cwd = tempDir();
  const child = spawn(process.execPath, [join(ROOT, 'bin/run-tasks-conformance.js'), '--address', target.url, '--token', TOKEN, '--organization', 'rtc-org', '--suite', 'task-lifecycle', '--suite', 'workspace-tasks', ...more], { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.on('close', r));
  expect(await until(async () => (await resources(target)).length >= count, 60_000), 'the run never created anything').toBe(true);
  return { child, exited, cwd, output: () => out };
}

/** Ids the run's journal still lists (created, never deleted), tasks and workspaces only. */
function journalled(cwd: string): string[] {
  const dir = join(cwd, '.rtc');
  const entries = readdirSync(dir).flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { op: string; kind: string; id: string }));
  const deleted = new Set(entries.filter((e) => e.op === 'delete').map((e) => e.id));
  return entries.filter((e) => e.op === 'create' && e.kind !== 'workspace-task' && !deleted.has(e.id)).map((e) => e.id).sort();
}

describe('interrupting a run', () => {
  // [signal, how many resources must exist before it is sent]
  it.each([
    ['SIGINT', 1],
    ['SIGTERM', 1],
    ['SIGINT', 3],
  ] as const)('%s after %i resource(s) exist: exits 130/143 and leaves nothing', async (signal, count) => {
    const target = await slowTarget();
    const { child, exited, cwd, output } = await runUntil(target, count);
    child.kill(signal);
    expect(await exited, output()).toBe(signal === 'SIGINT' ? 130 : 143);
    expect(output()).toMatch(new RegExp(`${signal}: stopping`));
    expect(await resources(target)).toEqual([]);
    // What ran is still reported, as an interrupted (inconclusive) run.
    const report = JSON.parse(readFileSync(join(cwd, 'reports', 'report.json'), 'utf8')) as { exitCode: number; verdict: string };
    expect(report).toMatchObject({ exitCode: 2, verdict: 'inconclusive' });
  });
});

describe('one interruption, one deadline', () => {
  it('a second SIGINT right after the first (a process group, GNU timeout) is the same interruption: exit 130, nothing left, the reports written', async () => {
    const target = await slowTarget();
    const run = await runUntil(target, 1);
    run.child.kill('SIGINT');
    run.child.kill('SIGINT');
    expect(await run.exited, run.output()).toBe(130);
    expect(run.output().match(/SIGINT: stopping/g)).toHaveLength(1);
    expect(run.output()).not.toMatch(/SIGINT again/);
    expect(await resources(target)).toEqual([]);
    expect(JSON.parse(readFileSync(join(run.cwd, 'reports', 'report.json'), 'utf8'))).toMatchObject({ exitCode: 2, verdict: 'inconclusive' });
  });

  it('deletions the target never answers do not hold the exit: at --cleanup-timeout the run stops, writes the reports, names sweep, and the journal lists exactly what is left', async () => {
    // Every DELETE hangs from the start, so the first task the run creates stays whatever the timing: switching
    // the hang on after seeing it raced the run's own DELETE of it (which CI once won, leaving nothing to find).
    const target = await startEmulator({ hooks: { onRequest: (req) => (req.method === 'DELETE' ? new Promise<never>(() => undefined) : req) } });
    started.push(target);
    const run = await runUntil(target, 1, '--cleanup-timeout', '3');
    run.child.kill('SIGTERM');
    expect(await run.exited, run.output()).toBe(143);
    const left = await resources(target, 'id');
    expect(left.length, run.output()).toBeGreaterThan(0);
    expect(journalled(run.cwd)).toEqual(left);
    expect(run.output()).toMatch(/interrupted by SIGTERM, exit 143: (?:1 resource could not be deleted in time and stays|\d+ resources could not be deleted in time and stay) in \.rtc\/journal-[0-9a-f]+\.jsonl .*run `run-tasks-conformance sweep --yes`/);
    expect(JSON.parse(readFileSync(join(run.cwd, 'reports', 'report.json'), 'utf8'))).toMatchObject({ exitCode: 2, verdict: 'inconclusive' });
  });
});

describe('sweep', () => {
  it('lists, then with --yes deletes, what earlier runs left (by journal and by prefix), and nothing else', async () => {
    const target = await startEmulator();
    started.push(target);
    const task = (name: string) => ({ data: { type: 'tasks', attributes: { name, url: 'http://127.0.0.1:1/', category: 'task' } } });
    const noVerify = await startEmulator({ verifyUrls: false });
    started.push(noVerify);
    const planted = await api(noVerify, 'POST', '/organizations/rtc-org/tasks', task('rtc-0badc0de-left-behind'));
    const keep = await api(noVerify, 'POST', '/organizations/rtc-org/tasks', task('someone-elses-task'));
    const ws = await api(noVerify, 'POST', '/organizations/rtc-org/workspaces', { data: { type: 'workspaces', attributes: { name: 'journalled-only' } } });
    const cwd = tempDir();
    mkdirSync(join(cwd, '.rtc'));
    const entry = { op: 'create', kind: 'workspace', id: ws.data.id, name: 'journalled-only', organization: 'rtc-org', address: noVerify.url, runId: '0badc0de', at: new Date().toISOString() };
    writeFileSync(join(cwd, '.rtc/journal-0badc0de.jsonl'), `${JSON.stringify(entry)}\n`);
    const args = ['sweep', '--address', noVerify.url, '--token', TOKEN, '--organization', 'rtc-org'];

    const listed = await runCli(args, { cwd });
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(planted.data.id);
    expect(listed.stdout).toContain(ws.data.id);
    expect(listed.stdout).not.toContain(keep.data.id);
    expect(await resources(noVerify)).toHaveLength(3); // listing deletes nothing

    const swept = await runCli([...args, '--yes'], { cwd });
    expect(swept.code, swept.stderr).toBe(0);
    expect(await resources(noVerify)).toEqual(['someone-elses-task']);
  });
});
