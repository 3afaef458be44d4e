// The admin endpoints go-tfe's subscription updater uses: find a feature set by name, subscribe an
// organization to it; the entitlement set, the limits and the task rendering follow the new plan.
import { describe, expect, it } from 'vitest';
import { type Client, type Doc, pointers, taskBody, uniqueName, useTarget } from './helpers.ts';

const fixture = useTarget({ plan: 'free' });
const admin = (): Client => fixture.api.as(fixture.target.options.adminToken);

const subscriptionBody = (featureSetId: unknown, type = 'subscription'): Doc => ({
  data: {
    type,
    attributes: { 'runs-ceiling': 10, 'contract-start-at': '2026-01-01T00:00:00Z', 'contract-user-limit': 1000, 'contract-apply-limit': 5000 },
    relationships: { 'feature-set': { data: { id: featureSetId, type: 'feature-sets' } } },
  },
});

async function featureSet(q: string): Promise<Doc> {
  const reply = await admin().get(`/admin/feature-sets?q=${encodeURIComponent(q)}`);
  expect(reply.status).toBe(200);
  expect(reply.body.data).toHaveLength(1);
  return reply.body.data[0];
}

async function newOrganization(): Promise<string> {
  const name = uniqueName('tst');
  const reply = await fixture.api.post('/organizations', { data: { type: 'organizations', attributes: { name, email: `${name}@tfe.local` } } });
  expect(reply.status).toBe(201);
  return name;
}

const entitlements = async (organization: string): Promise<Doc> =>
  (await fixture.api.get(`/organizations/${organization}/entitlement-set`)).body.data.attributes;

describe('feature sets', () => {
  it('all three without q, paginated, each with the entitlements of its plan', async () => {
    const reply = await admin().get('/admin/feature-sets');
    expect(reply.body.data.map((set: Doc) => set.attributes.name)).toEqual(['Free', 'Trial', 'Business']);
    expect(reply.body.meta.pagination).toMatchObject({ 'total-count': 3, 'current-page': 1 });
    expect(reply.body.data[0]).toMatchObject({
      id: 'fs-free',
      type: 'feature-sets',
      attributes: { 'identifier': 'free_standard', 'is-free-tier': true, 'run-task-limit': 1, 'run-task-workspace-limit': 10, 'run-task-mandatory-enforcement-limit': 1 },
    });
  });

  it.each([
    ['Business', 'fs-business'],
    ['business', 'fs-business'],
    ['Trial', 'fs-trial'],
    ['Free', 'fs-free'],
  ])('q=%s finds %s', async (q, id) => {
    expect((await featureSet(q)).id).toBe(id);
  });

  it('q matching nothing -> an empty list', async () => {
    expect((await admin().get('/admin/feature-sets?q=Plus')).body.data).toEqual([]);
  });
});

describe('subscription', () => {
  it('Business gives global and private run tasks and lifts the limits; Trial takes the global ones away', async () => {
    const organization = await newOrganization();
    expect(await entitlements(organization)).toMatchObject({ 'global-run-tasks': false, 'run-task-limit': 1 });
    const business = await featureSet('Business');
    const reply = await admin().post(`/admin/organizations/${organization}/subscription`, subscriptionBody(business.id));
    expect(reply.status).toBe(201);
    expect(reply.body.data).toMatchObject({
      type: 'subscriptions',
      attributes: { 'is-active': true, 'runs-ceiling': 10, 'contract-user-limit': 1000 },
      relationships: { 'organization': { data: { id: organization } }, 'feature-set': { data: { id: business.id, type: 'feature-sets' } } },
    });
    expect(await entitlements(organization)).toMatchObject({ 'global-run-tasks': true, 'private-run-tasks': true, 'run-task-limit': null });
    for (let i = 0; i < 2; i += 1) expect((await fixture.api.post(`/organizations/${organization}/tasks`, taskBody())).status).toBe(201);

    const trial = await featureSet('Trial');
    expect((await admin().post(`/admin/organizations/${organization}/subscription`, subscriptionBody(trial.id, 'subscriptions'))).status).toBe(201);
    expect(await entitlements(organization)).toMatchObject({ 'global-run-tasks': false, 'private-run-tasks': false });
    const tasks = (await fixture.api.get(`/organizations/${organization}/tasks`)).body.data;
    expect(tasks[0].attributes).not.toHaveProperty('global-configuration');
    expect((await fixture.api.get(`/organizations/${organization}`)).body.data.attributes['plan-is-trial']).toBe(true);
  });

  it('changes only the organization it names', async () => {
    const organization = await newOrganization();
    await admin().post(`/admin/organizations/${organization}/subscription`, subscriptionBody('fs-business'));
    expect(await entitlements(fixture.org)).toMatchObject({ 'global-run-tasks': false, 'run-task-limit': 1 });
  });

  it.each<[string, Doc, string]>([
    ['an unknown feature set', subscriptionBody('fs-nope'), '/data/relationships/feature-set/data/id'],
    ['no feature set', { data: { type: 'subscription', attributes: {} } }, '/data/relationships/feature-set/data'],
    ['a feature set of the wrong type', { data: { type: 'subscription', relationships: { 'feature-set': { data: { id: 'fs-free', type: 'plans' } } } } }, '/data/relationships/feature-set/data'],
    ['a ceiling that is no number', { data: { ...subscriptionBody('fs-free').data, attributes: { 'runs-ceiling': 'ten' } } }, '/data/attributes/runs-ceiling'],
    ['the wrong resource type', subscriptionBody('fs-free', 'tasks'), '/data/type'],
  ])('%s -> 422 at %s, the plan unchanged', async (_label, body, pointer) => {
    const organization = await newOrganization();
    const reply = await admin().post(`/admin/organizations/${organization}/subscription`, body);
    expect(reply.status).toBe(422);
    expect(pointers(reply.body)).toEqual([pointer]);
    expect(await entitlements(organization)).toMatchObject({ 'run-task-limit': 1 });
  });

  it('an unknown organization -> 404', async () => {
    expect((await admin().post('/admin/organizations/no-such-org/subscription', subscriptionBody('fs-business'))).status).toBe(404);
  });
});

describe('only the admin token', () => {
  it.each([
    ['the owner', 'token'],
    ['the restricted member', 'restrictedToken'],
    ['the foreign owner', 'foreignToken'],
  ] as const)('%s gets 404 from both endpoints, even with an invalid body, and the plan stays', async (_label, key) => {
    const client = fixture.api.as(fixture.target.options[key]);
    expect((await client.get('/admin/feature-sets?q=Business')).status).toBe(404);
    expect((await client.post(`/admin/organizations/${fixture.org}/subscription`, subscriptionBody('fs-business'))).status).toBe(404);
    expect((await client.post(`/admin/organizations/${fixture.org}/subscription`, { data: { type: 'nope' } })).status).toBe(404);
    expect(await entitlements(fixture.org)).toMatchObject({ 'global-run-tasks': false });
  });

  it('an unknown token gets 401', async () => {
    expect((await fixture.api.as('nope').get('/admin/feature-sets')).status).toBe(401);
  });
});
