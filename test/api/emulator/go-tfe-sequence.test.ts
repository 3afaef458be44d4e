// The emulator as a drop-in server for go-tfe's own run-task integration tests (v1.90.0
// run_task_integration_test.go, workspace_run_task_integration_test.go): the sequence their helpers
// run, through HTTP, with the documents go-tfe's jsonapi encoder sends and the assertions the tests
// make. Helpers (helper_test.go): createOrganization ("tst-<uuid>", email, cost estimation and stacks
// on), newSubscriptionUpdater(...).WithBusinessPlan()/WithTrialPlan().Update (admin token:
// GET admin/feature-sets?q=<plan>, POST admin/organizations/:org/subscription typed "subscription"),
// createWorkspace (a uuid name), createRunTask ("tst-<uuid>", TFC_RUN_TASK_URL, random description),
// createWorkspaceRunTask (advisory); each cleanup deletes what its helper made, the organization last.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type Doc, type Receiver, type Reply, startReceiver, useTarget } from './helpers.ts';

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
});

// URL verification on, as `serve` runs by default: TFC_RUN_TASK_URL is the receiver.
const fixture = useTarget({ verifyUrls: true, plan: 'free' });
const admin = (): Client => fixture.api.as(fixture.target.options.adminToken);
const BOGUS_POOL = 'apool-this-pool-id-will-never-exist-so-we-expect-http-error-response';

/** What go-tfe makes of a non-2xx answer (checkResponseCode): 404 is ErrResourceNotFound, else the joined errors. */
function goTfeError(reply: Reply): string {
  if (reply.status === 404) return 'resource not found';
  return (reply.body?.errors ?? []).map((e: Doc) => (e.detail ? `${e.title}\n\n${e.detail}` : e.title)).join('\n');
}

/** jsonapi.UnmarshalPayload: a 2xx document whose primary data has the model's type. */
function decode(reply: Reply, type: string): Doc {
  expect(reply.status, `${reply.status}: ${reply.text}`).toBeGreaterThanOrEqual(200);
  expect(reply.status).toBeLessThan(300);
  expect(reply.body.data.type).toBe(type);
  return reply.body.data;
}

const organizationOptions = (): Doc => {
  const name = `tst-${randomUUID()}`;
  return { data: { type: 'organizations', attributes: { 'name': name, 'email': `${randomUUID()}@tfe.local`, 'cost-estimation-enabled': true, 'stacks-enabled': true } } };
};

/** createOrganization + newSubscriptionUpdater(org).With<plan>Plan().Update(t). */
async function organizationOnPlan(planName: 'Business' | 'Trial' | 'Free'): Promise<string> {
  const organization = decode(await fixture.api.post('/organizations', organizationOptions()), 'organizations');
  const sets = await admin().get(`/admin/feature-sets?q=${planName}`);
  expect(sets.status).toBe(200);
  expect(sets.body.data.length, 'feature set response was empty').toBeGreaterThan(0);
  const featureSet = decode({ ...sets, body: { data: sets.body.data[0] } }, 'feature-sets');
  const attributes = planName === 'Business' ? { 'runs-ceiling': 10, 'contract-start-at': new Date().toISOString(), 'contract-user-limit': 1000, 'contract-apply-limit': 5000 } : { 'runs-ceiling': 1 };
  const update = await admin().post(`/admin/organizations/${organization.id}/subscription`, {
    data: { type: 'subscription', attributes, relationships: { 'feature-set': { data: { type: 'feature-sets', id: featureSet.id } } } },
  });
  expect(update.status, update.text).toBeLessThan(300);
  return organization.id;
}

const entitlements = async (organization: string): Promise<Doc> =>
  decode(await fixture.api.get(`/organizations/${organization}/entitlement-set`), 'entitlement-sets').attributes;

const runTaskOptions = (extra: Record<string, unknown> = {}, relationships?: Doc): Doc => ({
  data: {
    type: 'tasks',
    attributes: { name: `tst-${randomUUID()}`, url: receiver.url, description: randomUUID(), category: 'task', ...extra },
    ...(relationships ? { relationships } : {}),
  },
});

const createRunTask = async (organization: string, extra?: Record<string, unknown>): Promise<Doc> =>
  decode(await fixture.api.post(`/organizations/${organization}/tasks`, runTaskOptions(extra)), 'tasks');

const createWorkspace = async (organization: string): Promise<Doc> =>
  decode(await fixture.api.post(`/organizations/${organization}/workspaces`, { data: { type: 'workspaces', attributes: { name: randomUUID() } } }), 'workspaces');

const workspaceRunTaskOptions = (taskId: string, attributes: Record<string, unknown>): Doc => ({
  data: { type: 'workspace-tasks', attributes, relationships: { task: { data: { type: 'tasks', id: taskId } } } },
});

const createWorkspaceRunTask = async (workspaceId: string, taskId: string, attributes: Record<string, unknown> = { 'enforcement-level': 'advisory' }): Promise<Doc> =>
  decode(await fixture.api.post(`/workspaces/${workspaceId}/tasks`, workspaceRunTaskOptions(taskId, attributes)), 'workspace-tasks');

describe('on the Business plan (the run-task tests but TestRunTasksCreateWithoutGlobalEntitlement)', () => {
  let org: string;
  let task: Doc;
  let workspaces: Doc[];

  it('NewClient pings; createOrganization; the subscription updater moves it to Business', async () => {
    const ping = await fixture.api.get('/ping');
    expect(ping.status).toBe(204);
    org = await organizationOnPlan('Business');
    expect(await entitlements(org)).toMatchObject({ 'global-run-tasks': true, 'private-run-tasks': true });
  });

  it('TestRunTasksCreate: a bogus agent pool is refused with the text go-tfe looks for; global configuration round-trips', async () => {
    const withPool = await fixture.api.post(`/organizations/${org}/tasks`, runTaskOptions({}, { 'agent-pool': { data: { type: 'agent-pools', id: BOGUS_POOL } } }));
    expect(goTfeError(withPool)).toContain('The provided agent pool does not exist');
    const global = { 'enabled': true, 'stages': ['post_plan', 'pre_plan'], 'enforcement-level': 'mandatory' };
    const created = await createRunTask(org, { 'enabled': true, 'global-configuration': global });
    expect(created.attributes).toMatchObject({ 'category': 'task', 'url': receiver.url, 'global-configuration': global });
    expect(created.relationships.organization.data).toEqual({ id: org, type: 'organizations' });
    expect(receiver.received.at(-1)?.method).toBe('POST');
    expect((await fixture.api.delete(`/tasks/${created.id}`)).status).toBe(204);
  });

  it('TestRunTasksList: two tasks, each with id and url', async () => {
    const [first, second] = [await createRunTask(org), await createRunTask(org)];
    const list = (await fixture.api.get(`/organizations/${org}/tasks`)).body.data as Doc[];
    expect(list.map((t) => [t.id, t.attributes.url])).toEqual([
      [first.id, receiver.url],
      [second.id, receiver.url],
    ]);
    for (const t of [first, second]) expect((await fixture.api.delete(`/tasks/${t.id}`)).status).toBe(204);
  });

  it('createWorkspace: the workspace reads back equal, by name and by id (TestWorkspacesRead, ...ReadByID)', async () => {
    task = await createRunTask(org);
    workspaces = [await createWorkspace(org), await createWorkspace(org)];
    for (const workspace of workspaces) {
      for (const path of [`/organizations/${org}/workspaces/${workspace.attributes.name}`, `/workspaces/${workspace.id}`]) {
        expect(decode(await fixture.api.get(path), 'workspaces')).toEqual(workspace);
      }
      expect(workspace.attributes.permissions).toMatchObject({ 'can-destroy': true, 'can-manage-run-tasks': true });
      expect(workspace.attributes.actions).toEqual({ 'is-destroyable': true });
      expect(workspace.attributes['setting-overwrites']).toBeDefined();
      expect(workspace.relationships.organization.data.id).toBe(org);
      expect(workspace.links['self-html']).toContain(`/app/${org}/workspaces/${workspace.attributes.name}`);
    }
  });

  it('TestRunTasksRead: by id, and with include=workspace_tasks after two createWorkspaceRunTask', async () => {
    const read = decode(await fixture.api.get(`/tasks/${task.id}`), 'tasks');
    expect(read.attributes).toMatchObject({ 'url': task.attributes.url, 'category': 'task', 'description': task.attributes.description, 'hmac-key': null, 'enabled': true });
    const associations = [await createWorkspaceRunTask(workspaces[0].id, task.id), await createWorkspaceRunTask(workspaces[1].id, task.id)];
    const withOptions = await fixture.api.get(`/tasks/${task.id}?include=workspace_tasks`);
    expect(withOptions.body.data.relationships['workspace-tasks'].data.map((d: Doc) => d.type)).toEqual(['workspace-tasks', 'workspace-tasks']);
    expect(withOptions.body.included.map((r: Doc) => [r.id, r.attributes['enforcement-level']])).toEqual(associations.map((a) => [a.id, 'advisory']));
    for (const [i, association] of associations.entries()) {
      expect((await fixture.api.delete(`/workspaces/${workspaces[i].id}/tasks/${association.id}`)).status).toBe(204);
    }
  });

  it('TestRunTasksUpdate: rename, toggle enabled, new description, each read back; a bogus agent pool is refused', async () => {
    const changes: Record<string, unknown>[] = [{ name: `${task.attributes.name}-UPDATED` }, { enabled: false }, { description: 'An updated task description' }];
    for (const attributes of changes) {
      decode(await fixture.api.patch(`/tasks/${task.id}`, { data: { type: 'tasks', attributes } }), 'tasks');
      expect(decode(await fixture.api.get(`/tasks/${task.id}`), 'tasks').attributes).toMatchObject(attributes);
    }
    const withPool = await fixture.api.patch(`/tasks/${task.id}`, { data: { type: 'tasks', relationships: { 'agent-pool': { data: { type: 'agent-pools', id: BOGUS_POOL } } } } });
    expect(goTfeError(withPool)).toContain('The provided agent pool does not exist');
  });

  it('TestWorkspaceRunTasksCreate and ...CreateDeprecated: stages, and the deprecated stage', async () => {
    const withStages = await createWorkspaceRunTask(workspaces[0].id, task.id, { 'enforcement-level': 'mandatory', 'stages': ['pre_plan', 'post_plan'] });
    expect(withStages.attributes).toMatchObject({ 'enforcement-level': 'mandatory', 'stage': 'pre_plan', 'stages': ['pre_plan', 'post_plan'] });
    expect(withStages.relationships.task.data).toEqual({ id: task.id, type: 'tasks' });
    expect((await fixture.api.delete(`/workspaces/${workspaces[0].id}/tasks/${withStages.id}`)).status).toBe(204);
    const deprecated = await createWorkspaceRunTask(workspaces[0].id, task.id, { 'enforcement-level': 'mandatory', 'stage': 'pre_plan' });
    expect(deprecated.attributes).toMatchObject({ 'enforcement-level': 'mandatory', 'stage': 'pre_plan' });
    expect((await fixture.api.delete(`/workspaces/${workspaces[0].id}/tasks/${deprecated.id}`)).status).toBe(204);
  });

  it('TestWorkspaceRunTasksList, ...Read, ...Update, ...UpdateDeprecated', async () => {
    const second = await createRunTask(org);
    const associations = [await createWorkspaceRunTask(workspaces[0].id, task.id), await createWorkspaceRunTask(workspaces[0].id, second.id)];
    const list = (await fixture.api.get(`/workspaces/${workspaces[0].id}/tasks`)).body.data as Doc[];
    expect(list.map((a) => [a.type, a.id, a.attributes['enforcement-level']])).toEqual(associations.map((a) => ['workspace-tasks', a.id, 'advisory']));
    const read = decode(await fixture.api.get(`/workspaces/${workspaces[0].id}/tasks/${associations[0].id}`), 'workspace-tasks');
    expect(read.relationships).toMatchObject({ task: { data: { id: task.id } }, workspace: { data: { id: workspaces[0].id } } });
    const path = `/workspaces/${workspaces[0].id}/tasks/${associations[0].id}`;
    decode(await fixture.api.patch(path, { data: { type: 'workspace-tasks', attributes: { 'enforcement-level': 'mandatory', 'stages': ['pre_plan', 'post_plan'] } } }), 'workspace-tasks');
    expect(decode(await fixture.api.get(path), 'workspace-tasks').attributes).toMatchObject({ 'enforcement-level': 'mandatory', 'stages': ['pre_plan', 'post_plan'], 'stage': 'pre_plan' });
    decode(await fixture.api.patch(path, { data: { type: 'workspace-tasks', attributes: { 'enforcement-level': 'mandatory', 'stage': 'pre_plan' } } }), 'workspace-tasks');
    expect(decode(await fixture.api.get(path), 'workspace-tasks').attributes).toMatchObject({ 'enforcement-level': 'mandatory', 'stage': 'pre_plan' });
    for (const association of associations) expect((await fixture.api.delete(`/workspaces/${workspaces[0].id}/tasks/${association.id}`)).status).toBe(204);
    expect((await fixture.api.delete(`/tasks/${second.id}`)).status).toBe(204);
  });

  it('TestWorkspaceRunTasksDelete and TestRunTasksAttachToWorkspace', async () => {
    const association = await createWorkspaceRunTask(workspaces[1].id, task.id);
    const path = `/workspaces/${workspaces[1].id}/tasks/${association.id}`;
    expect((await fixture.api.delete(path)).status).toBe(204);
    expect(goTfeError(await fixture.api.get(path))).toBe('resource not found');
    expect(goTfeError(await fixture.api.delete(path))).toBe('resource not found');
    expect(goTfeError(await fixture.api.delete(`/workspaces/does-not-exist/tasks/${association.id}`))).toBe('resource not found');
    const attached = await createWorkspaceRunTask(workspaces[1].id, task.id);
    expect(attached.id).toMatch(/^wstask-/);
    expect((await fixture.api.delete(`/workspaces/${workspaces[1].id}/tasks/${attached.id}`)).status).toBe(204);
  });

  it('TestRunTasksDelete, then every cleanup: workspaces by id, the organization last', async () => {
    expect((await fixture.api.delete(`/tasks/${task.id}`)).status).toBe(204);
    expect(goTfeError(await fixture.api.get(`/tasks/${task.id}`))).toBe('resource not found');
    expect(goTfeError(await fixture.api.delete(`/tasks/${task.id}`))).toBe('resource not found');
    for (const workspace of workspaces) expect((await fixture.api.delete(`/workspaces/${workspace.id}`)).status).toBe(204);
    expect((await fixture.api.delete(`/organizations/${org}`)).status).toBe(204);
    expect((await fixture.api.get(`/organizations/${org}`)).status).toBe(404);
  });
});

describe('on the Trial plan (TestRunTasksCreateWithoutGlobalEntitlement)', () => {
  it('no global-run-tasks; a global configuration is ignored without an error', async () => {
    const org = await organizationOnPlan('Trial');
    expect(await entitlements(org)).toMatchObject({ 'global-run-tasks': false });
    const created = await createRunTask(org, { 'global-configuration': { 'enabled': true, 'stages': ['post_plan', 'pre_plan'], 'enforcement-level': 'mandatory' } });
    expect(created.id).toMatch(/^task-/);
    expect(created.attributes).not.toHaveProperty('global-configuration');
    expect((await fixture.api.delete(`/organizations/${org}`)).status).toBe(204);
  });
});

describe('on the Free plan: its limits, and no agent pools at all', () => {
  it('one task, ten workspaces per task, one mandatory association; an agent pool is not entitled', async () => {
    const org = await organizationOnPlan('Free');
    expect(await entitlements(org)).toMatchObject({ 'run-task-limit': 1, 'run-task-workspace-limit': 10, 'run-task-mandatory-enforcement-limit': 1, 'private-run-tasks': false });
    const task = await createRunTask(org);
    expect(goTfeError(await fixture.api.post(`/organizations/${org}/tasks`, runTaskOptions()))).toMatch(/run task limit \(1\)/);
    const workspaces: Doc[] = [];
    for (let i = 0; i < 11; i += 1) workspaces.push(await createWorkspace(org));
    await createWorkspaceRunTask(workspaces[0].id, task.id, { 'enforcement-level': 'mandatory' });
    expect(goTfeError(await fixture.api.post(`/workspaces/${workspaces[1].id}/tasks`, workspaceRunTaskOptions(task.id, { 'enforcement-level': 'mandatory' })))).toMatch(/mandatory run tasks \(1\)/);
    for (const workspace of workspaces.slice(1, 10)) await createWorkspaceRunTask(workspace.id, task.id);
    expect(goTfeError(await fixture.api.post(`/workspaces/${workspaces[10].id}/tasks`, workspaceRunTaskOptions(task.id, { 'enforcement-level': 'advisory' })))).toMatch(/workspace limit \(10\)/);
    const withPool = await fixture.api.patch(`/tasks/${task.id}`, { data: { type: 'tasks', relationships: { 'agent-pool': { data: { type: 'agent-pools', id: BOGUS_POOL } } } } });
    expect(goTfeError(withPool)).toMatch(/not entitled to private run tasks/);
    expect((await fixture.api.delete(`/organizations/${org}`)).status).toBe(204);
  });
});
