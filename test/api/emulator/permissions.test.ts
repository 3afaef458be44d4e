// Who sees what: the foreign organization is invisible (404, like absence) in both directions,
// and the restricted token may read everything in its organization but write nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { associationBody, type Client, taskBody, useTarget } from './helpers.ts';

const fixture = useTarget();

interface World {
  org: string;
  taskId: string;
  workspaceId: string;
  associationId: string;
}
type Call = [method: string, path: string, body?: unknown];

/** Every endpoint, aimed at one organization's resources. */
const ENDPOINTS: [string, (w: World) => Call][] = [
  ['show organization', (w) => ['GET', `/organizations/${w.org}`]],
  ['show entitlement set', (w) => ['GET', `/organizations/${w.org}/entitlement-set`]],
  ['list tasks', (w) => ['GET', `/organizations/${w.org}/tasks`]],
  ['create task', (w) => ['POST', `/organizations/${w.org}/tasks`, taskBody()]],
  ['show task', (w) => ['GET', `/tasks/${w.taskId}`]],
  ['update task', (w) => ['PATCH', `/tasks/${w.taskId}`, { data: { attributes: { description: 'x' } } }]],
  ['delete task', (w) => ['DELETE', `/tasks/${w.taskId}`]],
  ['list workspaces', (w) => ['GET', `/organizations/${w.org}/workspaces`]],
  [
    'create workspace',
    (w) => ['POST', `/organizations/${w.org}/workspaces`, { data: { type: 'workspaces', attributes: { name: 'intruder' } } }],
  ],
  ['show workspace', (w) => ['GET', `/workspaces/${w.workspaceId}`]],
  ['delete workspace', (w) => ['DELETE', `/workspaces/${w.workspaceId}`]],
  ['associate', (w) => ['POST', `/workspaces/${w.workspaceId}/tasks`, associationBody(w.taskId)]],
  ['list workspace tasks', (w) => ['GET', `/workspaces/${w.workspaceId}/tasks`]],
  ['show workspace task', (w) => ['GET', `/workspaces/${w.workspaceId}/tasks/${w.associationId}`]],
  ['update workspace task', (w) => ['PATCH', `/workspaces/${w.workspaceId}/tasks/${w.associationId}`, { data: { attributes: {} } }]],
  ['delete workspace task', (w) => ['DELETE', `/workspaces/${w.workspaceId}/tasks/${w.associationId}`]],
  ['delete organization', (w) => ['DELETE', `/organizations/${w.org}`]],
];
const READS = ENDPOINTS.filter(([, call]) => call({ org: '', taskId: '', workspaceId: '', associationId: '' })[0] === 'GET');
const WRITES = ENDPOINTS.filter((endpoint) => !READS.includes(endpoint));

let ours: World;
let theirs: World;
let restricted: Client;
let foreignOwner: Client;

beforeAll(async () => {
  const task = await fixture.api.createTask(fixture.org);
  const workspace = await fixture.api.createWorkspace(fixture.org);
  const association = await fixture.api.associate(workspace.id, task.id);
  ours = { org: fixture.org, taskId: task.id, workspaceId: workspace.id, associationId: association.id };
  foreignOwner = fixture.api.as(fixture.target.options.foreignToken);
  const { foreignTaskId, foreignWorkspaceId } = fixture.target.seeds;
  const foreignAssociation = await foreignOwner.associate(foreignWorkspaceId, foreignTaskId);
  theirs = {
    org: fixture.target.options.foreignOrganization,
    taskId: foreignTaskId,
    workspaceId: foreignWorkspaceId,
    associationId: foreignAssociation.id,
  };
  restricted = fixture.api.as(fixture.target.options.restrictedToken);
});

const send = (client: Client, [method, path, body]: Call) => client.request(method, path, { body });
const snapshot = async (client: Client, world: World): Promise<unknown> =>
  (await client.get(`/organizations/${world.org}/tasks?include=workspace_tasks.workspace`)).body;

describe('the owner token and the foreign organization', () => {
  it.each(ENDPOINTS)('%s -> 404 not found, nothing changes', async (_label, call) => {
    const before = await snapshot(foreignOwner, theirs);
    const reply = await send(fixture.api, call(theirs));
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ errors: [{ status: '404', title: 'not found' }] });
    expect(await snapshot(foreignOwner, theirs)).toEqual(before);
  });
});

describe('the foreign token and our organization', () => {
  it.each(ENDPOINTS)('%s -> 404', async (_label, call) => {
    expect((await send(foreignOwner, call(ours))).status).toBe(404);
  });
});

describe('the admin token, a member of no organization', () => {
  it.each(ENDPOINTS)('%s in ours or theirs -> 404', async (_label, call) => {
    const admin = fixture.api.as(fixture.target.options.adminToken);
    expect((await send(admin, call(ours))).status).toBe(404);
    expect((await send(admin, call(theirs))).status).toBe(404);
  });
});

describe('the restricted token', () => {
  it.each(READS)('may %s (200)', async (_label, call) => {
    expect((await send(restricted, call(ours))).status).toBe(200);
  });

  it.each(WRITES)('may not %s (404), and nothing changes', async (_label, call) => {
    const before = await snapshot(fixture.api, ours);
    expect((await send(restricted, call(ours))).status).toBe(404);
    expect(await snapshot(fixture.api, ours)).toEqual(before);
  });

  it('gets 404, not 422, for a forbidden write with an invalid body', async () => {
    expect((await restricted.post(`/organizations/${fixture.org}/tasks`, { data: { type: 'nope' } })).status).toBe(404);
  });

  it('sees the organization without management permissions', async () => {
    const reply = await restricted.get(`/organizations/${fixture.org}`);
    expect(reply.body.data.attributes.permissions).toMatchObject({ 'can-manage-run-tasks': false, 'can-destroy': false, 'can-read-run-tasks': true });
  });

  it('sees a workspace with the read permissions only', async () => {
    const { permissions } = (await restricted.get(`/workspaces/${ours.workspaceId}`)).body.data.attributes;
    expect(permissions).toMatchObject({ 'can-read-settings': true, 'can-manage-run-tasks': false, 'can-destroy': false, 'can-update': false });
  });
});
