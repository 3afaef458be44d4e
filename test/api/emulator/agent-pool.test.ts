// relationships.agent-pool on a task: private-run-tasks decides whether a pool may be named at all,
// and no agent pool exists in the emulator, so a named pool is always refused with a 422 (go-tfe's
// run-task tests look for "The provided agent pool does not exist").
import { describe, expect, it } from 'vitest';
import { type Doc, taskBody, uniqueName, useTarget } from './helpers.ts';

const fixture = useTarget();
const BOGUS = 'apool-this-pool-id-will-never-exist-so-we-expect-http-error-response';
const POINTER = '/data/relationships/agent-pool/data';
const withPool = (body: Doc, data: unknown): Doc => ({ data: { ...body.data, relationships: { 'agent-pool': { data } } } });
const pool = (id: unknown = BOGUS): Doc => ({ id, type: 'agent-pools' });

/** An organization on `plan`, set through the admin endpoint as go-tfe's updater does. */
async function organizationOn(plan: 'business' | 'trial' | 'free'): Promise<string> {
  const name = uniqueName('tst');
  expect((await fixture.api.post('/organizations', { data: { type: 'organizations', attributes: { name, email: 'a@b.c' } } })).status).toBe(201);
  const admin = fixture.api.as(fixture.target.options.adminToken);
  const subscription = { data: { type: 'subscription', relationships: { 'feature-set': { data: { id: `fs-${plan}`, type: 'feature-sets' } } } } };
  expect((await admin.post(`/admin/organizations/${name}/subscription`, subscription)).status).toBe(201);
  return name;
}

describe.each([
  ['business', /^The provided agent pool does not exist$/],
  ['trial', /not entitled to private run tasks/],
  ['free', /not entitled to private run tasks/],
] as const)('on %s', (plan, detail) => {
  it('create naming a pool -> 422 at the linkage, nothing created', async () => {
    const organization = await organizationOn(plan);
    const reply = await fixture.api.post(`/organizations/${organization}/tasks`, withPool(taskBody(), pool()));
    expect(reply.status).toBe(422);
    expect(reply.body.errors).toEqual([{ status: '422', title: 'invalid attribute', detail: expect.stringMatching(detail), source: { pointer: POINTER } }]);
    expect((await fixture.api.get(`/organizations/${organization}/tasks`)).body.data).toEqual([]);
  });

  it('update naming a pool -> 422, the task unchanged', async () => {
    const organization = await organizationOn(plan);
    const task = await fixture.api.createTask(organization);
    const reply = await fixture.api.patch(`/tasks/${task.id}`, withPool({ data: { type: 'tasks', attributes: { description: 'changed' } } }, pool()));
    expect(reply.status).toBe(422);
    expect(reply.body.errors[0].detail).toMatch(detail);
    expect((await fixture.api.get(`/tasks/${task.id}`)).body.data).toEqual(task);
  });
});

describe('linkage', () => {
  it('a null pool is no pool: create 201 with agent-pool data null', async () => {
    const reply = await fixture.api.post(`/organizations/${fixture.org}/tasks`, withPool(taskBody(), null));
    expect(reply.status).toBe(201);
    expect(reply.body.data.relationships['agent-pool']).toEqual({ data: null });
  });

  it.each([
    ['typed tasks', { id: BOGUS, type: 'tasks' }],
    ['without an id', { type: 'agent-pools' }],
    ['an id that is a number', pool(7)],
    ['a string', 'apool-x'],
  ])('a linkage %s -> 422 at the linkage, with the other problems of the body', async (_label, data) => {
    const reply = await fixture.api.post(`/organizations/${fixture.org}/tasks`, withPool(taskBody({ category: 'nope' }), data));
    expect(reply.status).toBe(422);
    expect(reply.body.errors.map((e: Doc) => e.source.pointer)).toEqual(['/data/attributes/category', POINTER]);
  });
});
