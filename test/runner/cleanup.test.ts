// The run's cleanup against the embedded emulator: what the journal lists is deleted (and the deletions are
// journalled), what only the prefix finds too, and a cleanup cut short leaves a journal that lists exactly
// what the target still holds. No timing assertion: a deadline is an aborted signal.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHooks, type RunningEmulator } from '../../src/api/emulator/index.ts';
import { ApiClient } from '../../src/client/index.ts';
import { cleanupRun, journalOutstanding, type RunResources } from '../../src/runner/cleanup.ts';
import { appendJournal, type ResourceKind } from '../../src/runner/journal.ts';

const TOKEN = 'rtc-owner-token';
const RUN = 'c1ea0000';
const started: RunningEmulator[] = [];
afterAll(() => Promise.all(started.map((t) => t.close())));

async function world(hooks?: EmulatorHooks) {
  const target = await startEmulator({ verifyUrls: false, ...(hooks ? { hooks } : {}) });
  started.push(target);
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${target.url}/api/v2${path}`, { method, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/vnd.api+json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
    return res.status === 204 ? null : ((await res.json()) as { data: { id: string } } & Record<string, unknown>);
  };
  const run: RunResources = { journalPath: join(mkdtempSync(join(tmpdir(), 'rtc-cleanup-')), `journal-${RUN}.jsonl`), prefix: `rtc-${RUN}-`, organization: 'rtc-org', address: target.url, runId: RUN };
  const journal = (kind: ResourceKind, id: string, more: { name?: string; parent?: string } = {}) => appendJournal(run.journalPath, { op: 'create', kind, id, ...more, organization: run.organization, address: run.address, runId: RUN });
  const task = async (name: string) => (await call('POST', '/organizations/rtc-org/tasks', { data: { type: 'tasks', attributes: { name, url: 'http://127.0.0.1:9/', category: 'task' } } }))!.data.id;
  const workspace = async (name: string) => (await call('POST', '/organizations/rtc-org/workspaces', { data: { type: 'workspaces', attributes: { name } } }))!.data.id;
  const associate = async (ws: string, taskId: string) => (await call('POST', `/workspaces/${ws}/tasks`, { data: { type: 'workspace-tasks', attributes: { 'enforcement-level': 'advisory' }, relationships: { task: { data: { id: taskId, type: 'tasks' } } } } }))!.data.id;
  const held = async () => {
    const tasks = (await call('GET', '/organizations/rtc-org/tasks?page[size]=100')) as unknown as { data: { id: string }[] };
    const workspaces = (await call('GET', '/organizations/rtc-org/workspaces?page[size]=100')) as unknown as { data: { id: string }[] };
    return [...tasks.data, ...workspaces.data].map((r) => r.id).sort();
  };
  return { target, run, journal, task, workspace, associate, held };
}

const listed = (run: RunResources) => journalOutstanding(run.journalPath).map((l) => l.id).sort();

describe('cleanupRun', () => {
  it('deletes what the journal lists (associations first, then tasks, then workspaces) and what only the prefix finds; the journal then lists nothing', async () => {
    const w = await world();
    const t1 = await w.task('rtc-c1ea0000-a');
    const t2 = await w.task('rtc-c1ea0000-b');
    const ws = await w.workspace('rtc-c1ea0000-ws');
    const assoc = await w.associate(ws, t1);
    w.journal('task', t1, { name: 'rtc-c1ea0000-a' });
    w.journal('task', t2, { name: 'rtc-c1ea0000-b' });
    w.journal('workspace', ws, { name: 'rtc-c1ea0000-ws' });
    w.journal('workspace-task', assoc, { parent: ws });
    const stray = await w.task('rtc-c1ea0000-never-journalled');
    const notOurs = await w.task('someone-elses-task');
    await cleanupRun(w.run, new ApiClient({ baseUrl: w.target.url, token: TOKEN }));
    expect(await w.held()).toEqual([notOurs]);
    expect(listed(w.run)).toEqual([]);
    expect(stray).toBeTruthy();
  });

  it('a cleanup cut short (its client aborted while a DELETE waits out a 429) ends at once, and the journal lists exactly what the target still holds', async () => {
    let deletes = 0;
    const controller = new AbortController();
    // The second DELETE is refused with a long Retry-After; the deadline aborts the client while it waits.
    const w = await world({
      onRequest: (req) => {
        if (req.method !== 'DELETE' || ++deletes !== 2) return req;
        setImmediate(() => controller.abort(new Error('deadline')));
        return { status: 429, headers: { 'content-type': 'application/vnd.api+json', 'retry-after': '3600' }, body: { errors: [{ status: '429', title: 'Too many requests' }] } };
      },
    });
    const ids = [await w.task('rtc-c1ea0000-1'), await w.task('rtc-c1ea0000-2'), await w.task('rtc-c1ea0000-3')];
    for (const id of ids) w.journal('task', id);
    await cleanupRun(w.run, new ApiClient({ baseUrl: w.target.url, token: TOKEN, signal: controller.signal }));
    const held = await w.held();
    expect(held.length).toBeGreaterThan(0);
    expect(listed(w.run)).toEqual(held);
  });

  it('records what the prefix finds but cannot delete, so that the journal lists what is left', async () => {
    const w = await world({ onRequest: (req) => (req.method === 'DELETE' ? { status: 500, headers: {}, body: undefined } : req) });
    const stray = await w.task('rtc-c1ea0000-stuck');
    await cleanupRun(w.run, new ApiClient({ baseUrl: w.target.url, token: TOKEN }));
    expect(listed(w.run)).toEqual([stray]);
  });

  it('after the suites settle, deletes what checks on the wire created meanwhile', async () => {
    const w = await world();
    let created = '';
    const settled = (async () => {
      created = await w.task('rtc-c1ea0000-late');
      w.journal('task', created);
    })();
    await cleanupRun(w.run, new ApiClient({ baseUrl: w.target.url, token: TOKEN }), { settled });
    expect(created).not.toBe('');
    expect(await w.held()).toEqual([]);
    expect(listed(w.run)).toEqual([]);
  });
});
