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
