// Organization run tasks: create, show, list basics, update, delete, and every request rule.
import { describe, expect, it } from 'vitest';
import { type Doc, JSON_API, pointers, taskBody, uniqueName, useTarget } from './helpers.ts';

const fixture = useTarget();
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const tasksPath = (): string => `/organizations/${fixture.org}/tasks`;

async function taskCount(): Promise<number> {
  return (await fixture.api.get(tasksPath())).body.meta.pagination['total-count'];
}

describe('create', () => {
  it('201 with the whole task document and the documented defaults', async () => {
    const reply = await fixture.api.post(tasksPath(), taskBody({ name: 'my-task_1', url: 'http://example.invalid/x' }));
    expect(reply.status).toBe(201);
    expect(reply.headers.get('content-type')).toBe(JSON_API);
    const data = reply.body.data;
    expect(data).toEqual({
      id: expect.stringMatching(/^task-[A-Za-z0-9]{16}$/),
      type: 'tasks',
      attributes: {
        'category': 'task',
        'name': 'my-task_1',
        'url': 'http://example.invalid/x',
        'description': '',
        'enabled': true,
        'hmac-key': null,
        'global-configuration': { 'enabled': false, 'stages': [], 'enforcement-level': null },
        'created-at': expect.stringMatching(ISO),
        'updated-at': expect.stringMatching(ISO),
      },
      relationships: {
        'organization': { data: { id: fixture.org, type: 'organizations' } },
        'workspace-tasks': { data: [] },
        'agent-pool': { data: null },
      },
      links: { self: `/api/v2/tasks/${data.id}` },
    });
  });

  it('echoes every attribute it was given, never the hmac key', async () => {
    const attributes = {
      'description': 'Simple description',
      'hmac-key': 'secret',
      'enabled': false,
      'global-configuration': { 'enabled': true, 'stages': ['post_plan', 'pre_plan'], 'enforcement-level': 'mandatory' },
    };
    const data = await fixture.api.createTask(fixture.org, attributes);
    expect(data.attributes).toMatchObject({ ...attributes, 'hmac-key': null });
  });

  it('ignores unknown attributes such as the docs sample hmac_key', async () => {
    const data = await fixture.api.createTask(fixture.org, { hmac_key: 'secret', colour: 'blue' });
    expect(data.attributes).not.toHaveProperty('hmac_key');
    expect(data.attributes).not.toHaveProperty('colour');
    expect(data.attributes['hmac-key']).toBeNull();
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['the samples\' "enabled": "true", as true', { enabled: 'true' }, { enabled: true }],
    ['the samples\' "enabled": "false", as false', { enabled: 'false' }, { enabled: false }],
    ['a null description (go-tfe sends one), as ""', { description: null }, { description: '' }],
    ['a null hmac-key, as no key', { 'hmac-key': null }, { 'hmac-key': null }],
  ])('accepts %s', async (_label, attributes, shown) => {
    const reply = await fixture.api.post(tasksPath(), taskBody(attributes));
    expect(reply.status).toBe(201);
    expect(reply.body.data.attributes).toMatchObject(shown);
  });

  it('allows two tasks with the same name', async () => {
    const name = uniqueName('twin');
    const first = await fixture.api.createTask(fixture.org, { name });
    const second = await fixture.api.createTask(fixture.org, { name });
    expect(second.id).not.toBe(first.id);
  });

  it.each<[string, Record<string, unknown>]>([
    ['a 300-character description', { description: 'd'.repeat(300) }],
    ['300 non-ASCII characters', { description: 'é'.repeat(300) }],
    ['an empty hmac-key (no key)', { 'hmac-key': '' }],
    ['enabled false', { enabled: false }],
    ['all four global stages', { 'global-configuration': { stages: ['pre_plan', 'post_plan', 'pre_apply', 'post_apply'] } }],
    ['an empty global-configuration', { 'global-configuration': {} }],
    ['a name of letters, digits, - and _', { name: 'A-b_9' }],
    ['an https URL with port and path', { url: 'https://localhost:8443/run/task?x=1' }],
  ])('accepts %s', async (_label, attributes) => {
    expect((await fixture.api.post(tasksPath(), taskBody(attributes))).status).toBe(201);
  });
});

type Mutate = (data: Doc) => void;
const setAttribute =
  (key: string, value: unknown): Mutate =>
  (data) => {
    data.attributes[key] = value;
  };
const removeAttribute =
  (key: string): Mutate =>
  (data) => {
    delete data.attributes[key];
  };
const setGlobal = (key: string, value: unknown): Mutate => setAttribute('global-configuration', { [key]: value });

const N = '/data/attributes/name';
const U = '/data/attributes/url';
const G = '/data/attributes/global-configuration';

const CREATE_REFUSALS: [string, string, Mutate][] = [
  ['type missing', '/data/type', (d) => delete d.type],
  ['type "task"', '/data/type', (d) => (d.type = 'task')],
  ['attributes not an object', '/data/attributes', (d) => (d.attributes = 'x')],
  ['name missing', N, removeAttribute('name')],
  ['name empty', N, setAttribute('name', '')],
  ['name with a space', N, setAttribute('name', 'a b')],
  ['name with a dot', N, setAttribute('name', 'a.b')],
  ['name non-ASCII', N, setAttribute('name', 'tâche')],
  ['name a number', N, setAttribute('name', 5)],
  ['url missing', U, removeAttribute('url')],
  ['url empty', U, setAttribute('url', '')],
  ['url without scheme', U, setAttribute('url', 'example.com/hook')],
  ['url ftp', U, setAttribute('url', 'ftp://example.com/hook')],
  ['url without host', U, setAttribute('url', 'http://')],
  ['url without slashes', U, setAttribute('url', 'http:example.com')],
  ['url relative', U, setAttribute('url', '/hook')],
  ['url with spaces', U, setAttribute('url', 'http://exa mple.com')],
  ['url a number', U, setAttribute('url', 7)],
  ['description 301 characters', '/data/attributes/description', setAttribute('description', 'd'.repeat(301))],
  ['description a number', '/data/attributes/description', setAttribute('description', 5)],
  ['category missing', '/data/attributes/category', removeAttribute('category')],
  ['category "Task"', '/data/attributes/category', setAttribute('category', 'Task')],
  ['category "hook"', '/data/attributes/category', setAttribute('category', 'hook')],
  ['hmac-key a number', '/data/attributes/hmac-key', setAttribute('hmac-key', 5)],
  ['enabled 1', '/data/attributes/enabled', setAttribute('enabled', 1)],
  ['enabled null', '/data/attributes/enabled', setAttribute('enabled', null)],
  ['global-configuration a string', G, setAttribute('global-configuration', 'on')],
  ['global enabled "true"', `${G}/enabled`, setGlobal('enabled', 'true')],
  ['global stages empty', `${G}/stages`, setGlobal('stages', [])],
  ['global stages a string', `${G}/stages`, setGlobal('stages', 'pre_plan')],
  ['global stages wrong case', `${G}/stages`, setGlobal('stages', ['Pre_plan'])],
  ['global stages hyphenated', `${G}/stages`, setGlobal('stages', ['pre-plan'])],
  ['global stages repeated', `${G}/stages`, setGlobal('stages', ['pre_plan', 'pre_plan'])],
  ['global stages a number', `${G}/stages`, setGlobal('stages', [1])],
  ['global enforcement-level unknown', `${G}/enforcement-level`, setGlobal('enforcement-level', 'blocking')],
  ['global enforcement-level wrong case', `${G}/enforcement-level`, setGlobal('enforcement-level', 'Mandatory')],
];

describe('create refuses', () => {
  it.each(CREATE_REFUSALS)('%s -> 422 at %s, nothing created', async (_label, pointer, mutate) => {
    const body = taskBody();
    mutate(body.data);
    const before = await taskCount();
    const reply = await fixture.api.post(tasksPath(), body);
    expect(reply.status).toBe(422);
    expect(reply.headers.get('content-type')).toBe(JSON_API);
    expect(reply.body.errors[0]).toMatchObject({ status: '422', title: 'invalid attribute', detail: expect.any(String) });
    expect(pointers(reply.body)).toContain(pointer);
    expect(await taskCount()).toBe(before);
  });

  it('reports every problem at once', async () => {
    const reply = await fixture.api.post(tasksPath(), { data: { type: 'tasks', attributes: {} } });
    expect(pointers(reply.body).sort()).toEqual(['/data/attributes/category', N, U].sort());
  });
});

describe('show', () => {
  it('200 with the same document', async () => {
    const created = await fixture.api.createTask(fixture.org, { description: 'shown' });
    const reply = await fixture.api.get(`/tasks/${created.id}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ data: created });
  });

  it.each(['task-AAAAAAAAAAAAAAAA', 'wstask-AAAAAAAAAAAAAAAA', 'nope'])('%s -> 404', async (id) => {
    expect((await fixture.api.get(`/tasks/${id}`)).status).toBe(404);
  });
});

describe('update', () => {
  const full = {
    'name': 'before',
    'url': 'https://before.invalid/hook',
    'description': 'before',
    'hmac-key': 'before-key',
    'enabled': true,
    'global-configuration': { 'enabled': true, 'stages': ['pre_plan'], 'enforcement-level': 'advisory' },
  };

  it.each<[string, Record<string, unknown>]>([
    ['name', { name: 'after' }],
    ['url', { url: 'https://after.invalid/hook' }],
    ['description', { description: 'after' }],
    ['description to empty', { description: '' }],
    ['enabled', { enabled: false }],
    ['category (the one allowed value)', { category: 'task' }],
    ['global enabled alone', { 'global-configuration': { enabled: false } }],
    ['global stages alone', { 'global-configuration': { stages: ['post_apply', 'pre_apply'] } }],
    ['global enforcement-level alone', { 'global-configuration': { 'enforcement-level': 'mandatory' } }],
  ])('changes %s and keeps everything else', async (_label, change) => {
    const created = await fixture.api.createTask(fixture.org, full);
    const reply = await fixture.api.patch(`/tasks/${created.id}`, { data: { type: 'tasks', attributes: change } });
    expect(reply.status).toBe(200);
    const { 'global-configuration': globalChange, ...plainChange } = change as Record<string, Doc>;
    const expected = {
      ...created.attributes,
      ...plainChange,
      'global-configuration': { ...created.attributes['global-configuration'], ...globalChange },
      'hmac-key': null,
      'updated-at': expect.stringMatching(ISO),
    };
    expect(reply.body.data.attributes).toEqual(expected);
    expect((await fixture.api.get(`/tasks/${created.id}`)).body.data.attributes).toEqual(expected);
  });

  it('accepts a body without data.type and with no attributes', async () => {
    const created = await fixture.api.createTask(fixture.org);
    expect((await fixture.api.patch(`/tasks/${created.id}`, { data: { attributes: {} } })).status).toBe(200);
    expect((await fixture.api.patch(`/tasks/${created.id}`, { data: {} })).status).toBe(200);
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['"enabled": "false", as false', { enabled: 'false' }, { enabled: false }],
    ['a null hmac-key (the key removed)', { 'hmac-key': null }, { 'hmac-key': null }],
    ['a null description, as ""', { description: null }, { description: '' }],
  ])('accepts %s', async (_label, change, shown) => {
    const created = await fixture.api.createTask(fixture.org, full);
    const reply = await fixture.api.patch(`/tasks/${created.id}`, { data: { type: 'tasks', attributes: change } });
    expect(reply.status).toBe(200);
    expect(reply.body.data.attributes).toMatchObject(shown);
  });

  it('shows hmac-key as null after setting a key', async () => {
    const created = await fixture.api.createTask(fixture.org);
    const reply = await fixture.api.patch(`/tasks/${created.id}`, { data: { attributes: { 'hmac-key': 'new' } } });
    expect(reply.body.data.attributes['hmac-key']).toBeNull();
  });

  const UPDATE_REFUSALS: [string, Record<string, unknown>, string][] = [
    ['name empty', { name: '' }, N],
    ['name with a slash', { name: 'a/b' }, N],
    ['url not http', { url: 'mailto:x@example.com' }, U],
    ['description 301 characters', { description: 'd'.repeat(301) }, '/data/attributes/description'],
    ['category other', { category: 'hook' }, '/data/attributes/category'],
    ['enabled "no"', { enabled: 'no' }, '/data/attributes/enabled'],
    ['global stages empty', { 'global-configuration': { stages: [] } }, `${G}/stages`],
    ['global enforcement-level null', { 'global-configuration': { 'enforcement-level': null } }, `${G}/enforcement-level`],
  ];

  it.each(UPDATE_REFUSALS)('%s -> 422 at %s, nothing changed', async (_label, change, pointer) => {
    const created = await fixture.api.createTask(fixture.org, full);
    const reply = await fixture.api.patch(`/tasks/${created.id}`, { data: { type: 'tasks', attributes: change } });
    expect(reply.status).toBe(422);
    expect(pointers(reply.body)).toEqual([pointer]);
    expect((await fixture.api.get(`/tasks/${created.id}`)).body.data).toEqual(created);
  });

  it('a wrong data.type -> 422 at /data/type', async () => {
    const created = await fixture.api.createTask(fixture.org);
    const reply = await fixture.api.patch(`/tasks/${created.id}`, { data: { type: 'workspace-tasks', attributes: { name: 'x' } } });
    expect(reply.status).toBe(422);
    expect(pointers(reply.body)).toEqual(['/data/type']);
  });

  it('an unknown task -> 404', async () => {
    expect((await fixture.api.patch('/tasks/task-AAAAAAAAAAAAAAAA', { data: { attributes: {} } })).status).toBe(404);
  });
});

describe('delete', () => {
  it('204 with no body, then 404 on show and on a second delete', async () => {
    const created = await fixture.api.createTask(fixture.org);
    const reply = await fixture.api.delete(`/tasks/${created.id}`);
    expect(reply.status).toBe(204);
    expect(reply.text).toBe('');
    expect((await fixture.api.get(`/tasks/${created.id}`)).status).toBe(404);
    expect((await fixture.api.delete(`/tasks/${created.id}`)).status).toBe(404);
  });

  it('removes the task from the list', async () => {
    const created = await fixture.api.createTask(fixture.org);
    await fixture.api.delete(`/tasks/${created.id}`);
    const list = await fixture.api.get(`${tasksPath()}?page[size]=100`);
    expect(list.body.data.map((task: Doc) => task.id)).not.toContain(created.id);
  });

  it('cascades to the workspace associations', async () => {
    const task = await fixture.api.createTask(fixture.org);
    const keeper = await fixture.api.createTask(fixture.org);
    const [first, second] = [await fixture.api.createWorkspace(fixture.org), await fixture.api.createWorkspace(fixture.org)];
    const gone = [await fixture.api.associate(first.id, task.id), await fixture.api.associate(second.id, task.id)];
    const kept = await fixture.api.associate(first.id, keeper.id);
    expect((await fixture.api.delete(`/tasks/${task.id}`)).status).toBe(204);
    expect((await fixture.api.get(`/workspaces/${first.id}/tasks/${gone[0].id}`)).status).toBe(404);
    expect((await fixture.api.get(`/workspaces/${second.id}/tasks/${gone[1].id}`)).status).toBe(404);
    expect((await fixture.api.get(`/workspaces/${first.id}/tasks`)).body.data.map((a: Doc) => a.id)).toEqual([kept.id]);
    expect((await fixture.api.get(`/workspaces/${second.id}/tasks`)).body.data).toEqual([]);
  });
});
