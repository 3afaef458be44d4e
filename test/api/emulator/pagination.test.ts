// Pagination math and links, and the include parameter of the task endpoints.
import { get } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Doc, useTarget } from './helpers.ts';

const fixture = useTarget();
const TOTAL = 45;
const ids: string[] = [];
const tasksPath = (): string => `/organizations/${fixture.org}/tasks`;

beforeAll(async () => {
  for (let i = 0; i < TOTAL; i += 1) ids.push((await fixture.api.createTask(fixture.org, { name: `page-${i}` })).id);
});

/** What every page of `count` items at `size` per page must say, computed independently. */
function expectedPage(count: number, size: number, number: number): { meta: Doc; ids: string[] } {
  const totalPages = Math.max(1, Math.ceil(count / size));
  return {
    meta: {
      'current-page': number,
      'page-size': size,
      'prev-page': number > 1 ? number - 1 : null,
      'next-page': number < totalPages ? number + 1 : null,
      'total-pages': totalPages,
      'total-count': count,
    },
    ids: ids.slice((number - 1) * size, number * size),
  };
}

describe('page math', () => {
  const cases: [number, number][] = [];
  for (const size of [1, 7, 20, 44, 45, 46, 100]) {
    const last = Math.max(1, Math.ceil(TOTAL / size));
    for (const number of new Set([1, 2, last - 1, last, last + 1, last + 5].filter((n) => n >= 1))) cases.push([size, number]);
  }

  it.each(cases)('size %i, page %i', async (size, number) => {
    const reply = await fixture.api.get(`${tasksPath()}?page[number]=${number}&page[size]=${size}`);
    expect(reply.status).toBe(200);
    const expected = expectedPage(TOTAL, size, number);
    expect(reply.body.meta.pagination).toEqual(expected.meta);
    expect(reply.body.data.map((task: Doc) => task.id)).toEqual(expected.ids);
  });

  it('walking next from page 1 visits every task once, in creation order', async () => {
    const seen: string[] = [];
    let url: string | null = `${fixture.target.url}/api/v2${tasksPath()}?page%5Bsize%5D=7`;
    while (url) {
      const response = await fetch(url, { headers: { authorization: `Bearer ${fixture.target.options.token}` } });
      const body = (await response.json()) as Doc;
      seen.push(...body.data.map((task: Doc) => task.id));
      url = body.links.next;
    }
    expect(seen).toEqual(ids);
  });

  it('an empty list has one page', async () => {
    const workspace = await fixture.api.createWorkspace(fixture.org);
    const reply = await fixture.api.get(`/workspaces/${workspace.id}/tasks?page[number]=3`);
    expect(reply.body.data).toEqual([]);
    expect(reply.body.meta.pagination).toEqual({
      'current-page': 3,
      'page-size': 20,
      'prev-page': 2,
      'next-page': null,
      'total-pages': 1,
      'total-count': 0,
    });
  });
});

describe('page parameters', () => {
  it.each<[string, number, number]>([
    ['', 1, 20],
    ['page[number]=2&page[size]=10', 2, 10],
    ['page%5Bnumber%5D=2&page%5Bsize%5D=10', 2, 10],
    ['page%5bnumber%5d=3&page%5bsize%5d=5', 3, 5],
    ['page[size]=101', 1, 100],
    ['page[size]=100000', 1, 100],
    ['page[size]=0', 1, 20],
    ['page[size]=-3', 1, 20],
    ['page[size]=abc', 1, 20],
    ['page[size]=2.5', 1, 20],
    ['page[number]=0', 1, 20],
    ['page[number]=-1', 1, 20],
    ['page[number]=x', 1, 20],
    ['page[number]=', 1, 20],
  ])('%j -> page %i of size %i', async (query, number, size) => {
    const reply = await fixture.api.get(`${tasksPath()}?${query}`);
    expect(reply.status).toBe(200);
    expect(reply.body.meta.pagination).toEqual(expectedPage(TOTAL, size, number).meta);
    expect(reply.body.data).toHaveLength(expectedPage(TOTAL, size, number).ids.length);
  });
});

describe('links', () => {
  it('are absolute, built from the Host header, percent-encoded, null where absent', async () => {
    const reply = await fixture.api.get(`${tasksPath()}?page[number]=2&page[size]=20`);
    const base = `http://${new URL(fixture.target.url).host}/api/v2${tasksPath()}`;
    const link = (n: number): string => `${base}?page%5Bnumber%5D=${n}&page%5Bsize%5D=20`;
    expect(reply.body.links).toEqual({ self: link(2), first: link(1), prev: link(1), next: link(3), last: link(3) });
    const first = await fixture.api.get(tasksPath());
    expect(first.body.links).toMatchObject({ prev: null, next: link(2) });
  });

  it('follow the Host header the client used', async () => {
    // fetch may not set Host, so this one goes through node:http.
    const body = await new Promise<Doc>((resolve, reject) => {
      const headers = { host: 'conformance.example:8080', authorization: `Bearer ${fixture.target.options.token}` };
      get(`${fixture.target.url}/api/v2${tasksPath()}`, { headers }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve(JSON.parse(text)));
      }).on('error', reject);
    });
    expect(body.links.self).toBe(`http://conformance.example:8080/api/v2${tasksPath()}?page%5Bnumber%5D=1&page%5Bsize%5D=20`);
  });
});

describe('include', () => {
  let first: Doc;
  let second: Doc;
  let shared: Doc;
  let associations: Doc[];

  beforeAll(async () => {
    // The first two tasks (the first page at size 2) share one workspace; the first also has its own.
    first = await fixture.api.get(`/tasks/${ids[0]}`).then((r) => r.body.data);
    second = await fixture.api.get(`/tasks/${ids[1]}`).then((r) => r.body.data);
    shared = await fixture.api.createWorkspace(fixture.org);
    const own = await fixture.api.createWorkspace(fixture.org);
    associations = [
      await fixture.api.associate(shared.id, first.id),
      await fixture.api.associate(own.id, first.id),
      await fixture.api.associate(shared.id, second.id),
    ];
  });

  it('no include, no included member', async () => {
    expect((await fixture.api.get(`/tasks/${first.id}`)).body).not.toHaveProperty('included');
    expect((await fixture.api.get(`${tasksPath()}?page[size]=2`)).body).not.toHaveProperty('included');
  });

  it('workspace_tasks puts the workspace-task resources in included', async () => {
    const shown = await fixture.api.get(`/tasks/${first.id}?include=workspace_tasks`);
    expect(shown.status).toBe(200);
    expect(shown.body.included).toEqual(associations.slice(0, 2));
    const listed = await fixture.api.get(`${tasksPath()}?page[size]=2&include=workspace_tasks`);
    expect(listed.body.included).toEqual(associations);
  });

  it('workspace_tasks.workspace adds the workspaces, each once', async () => {
    const listed = await fixture.api.get(`${tasksPath()}?page[size]=2&include=workspace_tasks.workspace`);
    const included: Doc[] = listed.body.included;
    const keys = included.map((r) => `${r.type}/${r.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(included.filter((r) => r.type === 'workspace-tasks')).toEqual(associations);
    const workspaces = included.filter((r) => r.type === 'workspaces');
    expect(workspaces).toHaveLength(2);
    expect(workspaces.find((w) => w.id === shared.id)?.attributes.name).toBe(shared.attributes.name);
  });

  it('both values together are accepted', async () => {
    const reply = await fixture.api.get(`/tasks/${first.id}?include=workspace_tasks,workspace_tasks.workspace`);
    expect(reply.status).toBe(200);
    expect(reply.body.included).toHaveLength(4);
  });

  it.each(['workspaces', 'workspace-tasks', 'workspace_tasks.task', 'workspace_tasks,organization'])(
    'include=%s -> 400 naming the parameter',
    async (value) => {
      for (const path of [`/tasks/${first.id}`, tasksPath()]) {
        const reply = await fixture.api.get(`${path}?include=${value}`);
        expect(reply.status).toBe(400);
        expect(reply.body.errors[0].status).toBe('400');
        expect(reply.body.errors[0].detail).toMatch(/include parameter/i);
      }
    },
  );
});
