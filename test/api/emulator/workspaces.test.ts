// Workspaces: the supporting endpoints the checks use to make somewhere to associate tasks.
import { describe, expect, it } from 'vitest';
import { type Doc, pointers, uniqueName, useTarget } from './helpers.ts';

const fixture = useTarget();
const workspacesPath = (): string => `/organizations/${fixture.org}/workspaces`;
const workspaceBody = (name: unknown, type = 'workspaces'): Doc => ({ data: { type, attributes: { name } } });

describe('create', () => {
  it('201 with id, name and organization', async () => {
    const name = uniqueName('ws');
    const reply = await fixture.api.post(workspacesPath(), workspaceBody(name));
    expect(reply.status).toBe(201);
    expect(reply.body.data).toMatchObject({
      id: expect.stringMatching(/^ws-[A-Za-z0-9]{16}$/),
      type: 'workspaces',
      attributes: { 'name': name, 'created-at': expect.any(String) },
      relationships: { organization: { data: { id: fixture.org, type: 'organizations' } } },
    });
  });

  it('a taken name -> 422 "Name has already been taken"', async () => {
    const name = uniqueName('ws');
    await fixture.api.createWorkspace(fixture.org, name);
    const reply = await fixture.api.post(workspacesPath(), workspaceBody(name));
    expect(reply.status).toBe(422);
    expect(reply.body.errors).toEqual([
      { status: '422', title: 'invalid attribute', detail: 'Name has already been taken', source: { pointer: '/data/attributes/name' } },
    ]);
  });

  it.each<[string, Doc, string]>([
    ['name with a space', workspaceBody('a b'), '/data/attributes/name'],
    ['name empty', workspaceBody(''), '/data/attributes/name'],
    ['name a number', workspaceBody(3), '/data/attributes/name'],
    ['name missing', { data: { type: 'workspaces', attributes: {} } }, '/data/attributes/name'],
    ['type wrong', workspaceBody('fine', 'tasks'), '/data/type'],
    ['no data', {}, '/data'],
  ])('%s -> 422 at %s', async (_label, body, pointer) => {
    const reply = await fixture.api.post(workspacesPath(), body);
    expect(reply.status).toBe(422);
    expect(pointers(reply.body)).toContain(pointer);
  });
});

describe('settings', () => {
  // The options go-tfe's TestWorkspacesCreate "with valid options" sends and compares after a read.
  const GO_TFE_OPTIONS = {
    'allow-destroy-plan': true,
    'auto-apply': true,
    'auto-destroy-at': '2025-01-01T00:00:00Z',
    'description': 'qux',
    'assessments-enabled': false,
    'file-triggers-enabled': true,
    'operations': true,
    'queue-all-runs': true,
    'speculative-enabled': true,
    'source-name': 'my-app',
    'source-url': 'http://my-app-hostname.io',
    'structured-run-output-enabled': true,
    'terraform-version': '0.11.0',
    'trigger-prefixes': ['/modules', '/shared'],
    'working-directory': 'bar/',
  };
  const tags = { tags: { data: [{ type: 'tags', attributes: { name: 'tag1' } }, { type: 'tags', attributes: { name: 'tag2' } }] } };

  it('are echoed on create and on every read, which all render the same document', async () => {
    const name = uniqueName('foo');
    const reply = await fixture.api.post(workspacesPath(), { data: { type: 'workspaces', attributes: { name, ...GO_TFE_OPTIONS }, relationships: tags } });
    expect(reply.status).toBe(201);
    const { operations, ...settings } = GO_TFE_OPTIONS;
    expect(reply.body.data.attributes).toMatchObject({ ...settings, 'operations': operations, 'execution-mode': 'remote', 'tag-names': ['tag1', 'tag2'] });
    for (const path of [`${workspacesPath()}/${name}`, `/workspaces/${reply.body.data.id}`]) {
      expect((await fixture.api.get(path)).body.data).toEqual(reply.body.data);
    }
    const listed = (await fixture.api.get(`${workspacesPath()}?search[name]=${name}`)).body.data;
    expect(listed).toEqual([reply.body.data]);
  });

  it('a name alone gets the documented defaults, the owner every permission, and the links go-tfe reads', async () => {
    const workspace = await fixture.api.createWorkspace(fixture.org);
    const { name } = workspace.attributes;
    expect(workspace.attributes).toMatchObject({
      'allow-destroy-plan': true,
      'auto-apply': false,
      'auto-destroy-at': null,
      'description': null,
      'execution-mode': 'remote',
      'operations': true,
      'file-triggers-enabled': true,
      'global-remote-state': false,
      'queue-all-runs': false,
      'speculative-enabled': true,
      'structured-run-output-enabled': true,
      'terraform-version': expect.stringMatching(/^\d+\.\d+\.\d+$/),
      'trigger-prefixes': [],
      'trigger-patterns': [],
      'tag-names': [],
      'setting-overwrites': { 'execution-mode': false, 'agent-pool': false },
      'actions': { 'is-destroyable': true },
      'locked': false,
    });
    const flags = Object.values(workspace.attributes.permissions);
    expect(flags.length).toBeGreaterThan(10);
    expect(flags.every((flag) => flag === true)).toBe(true);
    expect(workspace.attributes.permissions['can-manage-run-tasks']).toBe(true);
    expect(workspace.relationships.project.data).toEqual({ id: expect.stringMatching(/^prj-/), type: 'projects' });
    expect(workspace.links).toEqual({ 'self': `/api/v2/organizations/${fixture.org}/workspaces/${name}`, 'self-html': `/app/${fixture.org}/workspaces/${name}` });
  });

  it.each([
    [false, 'local'],
    [true, 'remote'],
  ])('operations %s means execution mode %s', async (operations, mode) => {
    const reply = await fixture.api.post(workspacesPath(), { data: { type: 'workspaces', attributes: { name: uniqueName('ws'), operations } } });
    expect(reply.body.data.attributes).toMatchObject({ 'execution-mode': mode, operations });
  });

  it('without an execution mode of its own, takes the organization default', async () => {
    const org = uniqueName('tst');
    const attributes = { 'name': org, 'email': 'a@b.c', 'default-execution-mode': 'local' };
    expect((await fixture.api.post('/organizations', { data: { type: 'organizations', attributes } })).status).toBe(201);
    const inherited = await fixture.api.createWorkspace(org);
    expect(inherited.attributes).toMatchObject({ 'execution-mode': 'local', 'operations': false });
    const own = await fixture.api.post(`/organizations/${org}/workspaces`, { data: { type: 'workspaces', attributes: { 'name': 'own', 'execution-mode': 'remote' } } });
    expect(own.body.data.attributes['execution-mode']).toBe('remote');
  });

  it.each<[string, Record<string, unknown>, Doc, string]>([
    ['auto-apply a string', { 'auto-apply': 'true' }, undefined, '/data/attributes/auto-apply'],
    ['trigger-prefixes a string', { 'trigger-prefixes': '/modules' }, undefined, '/data/attributes/trigger-prefixes'],
    ['auto-destroy-at no timestamp', { 'auto-destroy-at': 'tomorrow' }, undefined, '/data/attributes/auto-destroy-at'],
    ['auto-destroy-activity-duration in weeks', { 'auto-destroy-activity-duration': '2w' }, undefined, '/data/attributes/auto-destroy-activity-duration'],
    ['execution-mode agent (no agent pool exists)', { 'execution-mode': 'agent' }, undefined, '/data/attributes/execution-mode'],
    ['an agent-pool-id', { 'agent-pool-id': 'apool-nope' }, undefined, '/data/attributes/agent-pool-id'],
    ['operations with execution-mode', { 'operations': true, 'execution-mode': 'remote' }, undefined, '/data/attributes/operations'],
    ['setting-overwrites of strings', { 'setting-overwrites': { 'execution-mode': 'yes' } }, undefined, '/data/attributes/setting-overwrites'],
    ['tags without names', {}, { tags: { data: [{ type: 'tags' }] } }, '/data/relationships/tags/data'],
  ])('%s -> 422 at %s, nothing created', async (_label, attributes, relationships, pointer) => {
    const name = uniqueName('ws');
    const reply = await fixture.api.post(workspacesPath(), { data: { type: 'workspaces', attributes: { name, ...attributes }, ...(relationships ? { relationships } : {}) } });
    expect(reply.status).toBe(422);
    expect(pointers(reply.body)).toEqual([pointer]);
    expect((await fixture.api.get(`${workspacesPath()}/${name}`)).status).toBe(404);
  });
});

describe('show and list', () => {
  it('by name and by id', async () => {
    const created = await fixture.api.createWorkspace(fixture.org);
    const byName = await fixture.api.get(`${workspacesPath()}/${created.attributes.name}`);
    const byId = await fixture.api.get(`/workspaces/${created.id}`);
    expect(byName.status).toBe(200);
    expect(byName.body.data).toEqual(created);
    expect(byId.body.data).toEqual(created);
  });

  it.each(['/workspaces/ws-AAAAAAAAAAAAAAAA', '/organizations/rtc-org/workspaces/nothing-here'])('%s -> 404', async (path) => {
    expect((await fixture.api.get(path)).status).toBe(404);
  });

  it.each(['search[name]', 'search%5Bname%5D'])('filters by name substring with %s, paginated', async (key) => {
    const marker = uniqueName('needle');
    const names = [`${marker}-a`, `x-${marker}`, `${marker}-b`];
    for (const name of names) await fixture.api.createWorkspace(fixture.org, name);
    await fixture.api.createWorkspace(fixture.org, uniqueName('hay'));
    const reply = await fixture.api.get(`${workspacesPath()}?${key}=${marker}&page%5Bsize%5D=2`);
    expect(reply.status).toBe(200);
    expect(reply.body.data.map((w: Doc) => w.attributes.name)).toEqual(names.slice(0, 2));
    expect(reply.body.meta.pagination).toMatchObject({ 'total-count': 3, 'total-pages': 2, 'next-page': 2 });
    const next = await fetch(reply.body.links.next, { headers: { authorization: `Bearer ${fixture.target.options.token}` } });
    const second = (await next.json()) as Doc;
    expect(second.data.map((w: Doc) => w.attributes.name)).toEqual(names.slice(2));
  });
});

describe('delete', () => {
  it.each([
    ['by name', (w: Doc): string => `/organizations/rtc-org/workspaces/${w.attributes.name}`],
    ['by id', (w: Doc): string => `/workspaces/${w.id}`],
  ])('%s: 204, then 404, and its associations are gone', async (_label, pathOf) => {
    const workspace = await fixture.api.createWorkspace(fixture.org);
    const task = await fixture.api.createTask(fixture.org);
    const association = await fixture.api.associate(workspace.id, task.id);
    const reply = await fixture.api.delete(pathOf(workspace));
    expect(reply.status).toBe(204);
    expect(reply.text).toBe('');
    expect((await fixture.api.get(pathOf(workspace))).status).toBe(404);
    expect((await fixture.api.get(`/workspaces/${workspace.id}/tasks/${association.id}`)).status).toBe(404);
    expect((await fixture.api.get(`/tasks/${task.id}`)).body.data.relationships['workspace-tasks'].data).toEqual([]);
  });

  it('frees the name for a new workspace', async () => {
    const workspace = await fixture.api.createWorkspace(fixture.org);
    await fixture.api.delete(`/workspaces/${workspace.id}`);
    const again = await fixture.api.createWorkspace(fixture.org, workspace.attributes.name);
    expect(again.id).not.toBe(workspace.id);
  });
});
