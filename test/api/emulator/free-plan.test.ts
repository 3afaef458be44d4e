// The free plan: one task, on at most ten workspaces, one mandatory association, no global run tasks.
import { describe, expect, it } from 'vitest';
import { type Doc, pointers, taskBody, useTarget } from './helpers.ts';

const fixture = useTarget({ plan: 'free' });
const tasksPath = (): string => `/organizations/${fixture.org}/tasks`;
const GLOBAL = { 'global-configuration': { 'enabled': true, 'stages': ['pre_plan'], 'enforcement-level': 'mandatory' } };

/** Each test starts from an organization without tasks. */
async function clearTasks(): Promise<void> {
  const list = await fixture.api.get(`${tasksPath()}?page[size]=100`);
  for (const task of list.body.data as Doc[]) await fixture.api.delete(`/tasks/${task.id}`);
}

it('the entitlement set states the limits', async () => {
  const reply = await fixture.api.get(`/organizations/${fixture.org}/entitlement-set`);
  expect(reply.body.data.attributes).toMatchObject({
    'run-tasks': true,
    'global-run-tasks': false,
    'private-run-tasks': false,
    'run-task-limit': 1,
    'run-task-workspace-limit': 10,
    'run-task-mandatory-enforcement-limit': 1,
  });
});

describe('global-configuration', () => {
  it.each([
    ['a valid block', GLOBAL],
    ['an invalid block', { 'global-configuration': { stages: [] } }],
  ])('create with %s: 201, dropped silently, absent in the response', async (_label, attributes) => {
    await clearTasks();
    const reply = await fixture.api.post(tasksPath(), taskBody(attributes));
    expect(reply.status).toBe(201);
    expect(reply.body.data.attributes).not.toHaveProperty('global-configuration');
  });

  it('update with a block: 200, still absent', async () => {
    await clearTasks();
    const task = await fixture.api.createTask(fixture.org);
    const reply = await fixture.api.patch(`/tasks/${task.id}`, { data: { attributes: { ...GLOBAL, description: 'changed' } } });
    expect(reply.status).toBe(200);
    expect(reply.body.data.attributes.description).toBe('changed');
    expect((await fixture.api.get(`/tasks/${task.id}`)).body.data.attributes).not.toHaveProperty('global-configuration');
  });
});

describe('run task limit', () => {
  it('a second task -> 422 at /data; after a delete one may be created again', async () => {
    await clearTasks();
    const first = await fixture.api.createTask(fixture.org);
    const reply = await fixture.api.post(tasksPath(), taskBody());
    expect(reply.status).toBe(422);
    expect(reply.body.errors[0]).toMatchObject({ status: '422', title: 'invalid attribute', source: { pointer: '/data' } });
    expect(reply.body.errors[0].detail).toMatch(/run task limit/);
    expect((await fixture.api.get(tasksPath())).body.meta.pagination['total-count']).toBe(1);
    await fixture.api.delete(`/tasks/${first.id}`);
    expect((await fixture.api.post(tasksPath(), taskBody())).status).toBe(201);
  });

  it('concurrent creates cannot overshoot the limit', async () => {
    await clearTasks();
    const replies = await Promise.all(Array.from({ length: 8 }, () => fixture.api.post(tasksPath(), taskBody())));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 422)).toHaveLength(7);
  });
});

describe('workspace limit', () => {
  it('ten workspaces are fine, the eleventh -> 422 at /data', async () => {
    await clearTasks();
    const task = await fixture.api.createTask(fixture.org);
    const workspaces: Doc[] = [];
    for (let i = 0; i < 11; i += 1) workspaces.push(await fixture.api.createWorkspace(fixture.org));
    for (const workspace of workspaces.slice(0, 10)) await fixture.api.associate(workspace.id, task.id);
    const eleventh = workspaces[10] as Doc;
    const reply = await fixture.api.post(`/workspaces/${eleventh.id}/tasks`, {
      data: {
        type: 'workspace-tasks',
        attributes: { 'enforcement-level': 'advisory' },
        relationships: { task: { data: { id: task.id, type: 'tasks' } } },
      },
    });
    expect(reply.status).toBe(422);
    expect(pointers(reply.body)).toEqual(['/data']);
    expect((await fixture.api.get(`/workspaces/${eleventh.id}/tasks`)).body.data).toEqual([]);
  });
});

describe('mandatory enforcement limit', () => {
  const body = (taskId: string, level: string): Doc => ({
    data: { type: 'workspace-tasks', attributes: { 'enforcement-level': level }, relationships: { task: { data: { id: taskId, type: 'tasks' } } } },
  });

  it('one mandatory association; a second, by create or by update, -> 422 at the enforcement level', async () => {
    await clearTasks();
    const task = await fixture.api.createTask(fixture.org);
    const [first, second, third] = [
      await fixture.api.createWorkspace(fixture.org),
      await fixture.api.createWorkspace(fixture.org),
      await fixture.api.createWorkspace(fixture.org),
    ] as Doc[];
    const mandatory = await fixture.api.associate(first.id, task.id, { 'enforcement-level': 'mandatory' });
    const refused = await fixture.api.post(`/workspaces/${second.id}/tasks`, body(task.id, 'mandatory'));
    expect(refused.status).toBe(422);
    expect(pointers(refused.body)).toEqual(['/data/attributes/enforcement-level']);
    const advisory = await fixture.api.associate(third.id, task.id);
    const update = await fixture.api.patch(`/workspaces/${third.id}/tasks/${advisory.id}`, { data: { attributes: { 'enforcement-level': 'mandatory' } } });
    expect(update.status).toBe(422);
    expect((await fixture.api.get(`/workspaces/${third.id}/tasks/${advisory.id}`)).body.data.attributes['enforcement-level']).toBe('advisory');
    // Keeping the one mandatory association mandatory is no new one; freeing it makes room.
    expect((await fixture.api.patch(`/workspaces/${first.id}/tasks/${mandatory.id}`, { data: { attributes: { 'enforcement-level': 'mandatory' } } })).status).toBe(200);
    await fixture.api.delete(`/workspaces/${first.id}/tasks/${mandatory.id}`);
    expect((await fixture.api.patch(`/workspaces/${third.id}/tasks/${advisory.id}`, { data: { attributes: { 'enforcement-level': 'mandatory' } } })).status).toBe(200);
  });
});
