// Organizations through the API: whoever creates one owns it, sees it and may delete it (with all it
// holds); nobody else sees it; a new organization gets the emulator's plan.
import { describe, expect, it } from 'vitest';
import { type Doc, pointers, taskBody, uniqueName, useTarget } from './helpers.ts';

const fixture = useTarget({ plan: 'trial' });
const organizationBody = (attributes: Record<string, unknown>, type = 'organizations'): Doc => ({ data: { type, attributes } });
const validBody = (name = uniqueName('tst')): Doc => organizationBody({ name, email: `${name}@tfe.local` });

async function createOrganization(client = fixture.api, body: Doc = validBody()): Promise<Doc> {
  const reply = await client.post('/organizations', body);
  expect(reply.status, reply.text).toBe(201);
  return reply.body.data;
}

describe('create', () => {
  it('201 with the organization, its creator as owner, the settings given and the defaults', async () => {
    const name = uniqueName('tst');
    const reply = await fixture.api.post('/organizations', organizationBody({ name, 'email': 'a@tfe.local', 'cost-estimation-enabled': true }));
    expect(reply.status).toBe(201);
    expect(reply.body.data).toMatchObject({
      id: name,
      type: 'organizations',
      attributes: {
        'name': name,
        'email': 'a@tfe.local',
        'external-id': expect.stringMatching(/^org-[A-Za-z0-9]{16}$/),
        'cost-estimation-enabled': true,
        'collaborator-auth-policy': 'password',
        'default-execution-mode': 'remote',
        'plan-is-trial': true,
        'permissions': { 'can-destroy': true, 'can-manage-run-tasks': true, 'can-create-workspace': true },
      },
      relationships: {
        'entitlement-set': { data: { id: reply.body.data.attributes['external-id'], type: 'entitlement-sets' } },
        'default-agent-pool': { data: null },
      },
      links: { self: `/api/v2/organizations/${name}` },
    });
    expect((await fixture.api.get(`/organizations/${name}`)).body.data).toEqual(reply.body.data);
  });

  it('gets the emulator plan', async () => {
    const organization = await createOrganization();
    const entitlements = (await fixture.api.get(`/organizations/${organization.id}/entitlement-set`)).body.data.attributes;
    expect(entitlements).toMatchObject({ 'run-tasks': true, 'global-run-tasks': false, 'private-run-tasks': false });
  });

  it('any token may create one and becomes its only owner', async () => {
    const restricted = fixture.api.as(fixture.target.options.restrictedToken);
    const organization = await createOrganization(restricted);
    expect((await restricted.post(`/organizations/${organization.id}/tasks`, taskBody())).status).toBe(201);
    expect((await fixture.api.get(`/organizations/${organization.id}`)).status).toBe(404);
    expect((await fixture.api.get(`/organizations/${organization.id}/tasks`)).status).toBe(404);
  });

  it('a taken name -> 422, even when the organization is invisible to the caller', async () => {
    for (const name of [fixture.org, fixture.target.options.foreignOrganization]) {
      const reply = await fixture.api.post('/organizations', validBody(name));
      expect(reply.status).toBe(422);
      expect(reply.body.errors).toEqual([
        { status: '422', title: 'invalid attribute', detail: 'Name has already been taken', source: { pointer: '/data/attributes/name' } },
      ]);
    }
  });

  it.each<[string, Doc, string[]]>([
    ['no name, no email', organizationBody({}), ['/data/attributes/name', '/data/attributes/email']],
    ['a name with a space', organizationBody({ name: 'a b', email: 'a@b.c' }), ['/data/attributes/name']],
    ['an email without @', organizationBody({ name: 'fine-name', email: 'nope' }), ['/data/attributes/email']],
    ['a setting of the wrong type', organizationBody({ 'name': 'fine-name', 'email': 'a@b.c', 'cost-estimation-enabled': 'true' }), ['/data/attributes/cost-estimation-enabled']],
    ['agent execution (no agent pool exists)', organizationBody({ 'name': 'fine-name', 'email': 'a@b.c', 'default-execution-mode': 'agent' }), ['/data/attributes/default-execution-mode']],
    ['the wrong type', organizationBody({ name: 'fine-name', email: 'a@b.c' }, 'workspaces'), ['/data/type']],
  ])('%s -> 422 at %j', async (_label, body, expected) => {
    const reply = await fixture.api.post('/organizations', body);
    expect(reply.status).toBe(422);
    expect(pointers(reply.body)).toEqual(expected);
    expect((await fixture.api.get('/organizations/fine-name')).status).toBe(404);
  });

  it('without the JSON:API media type -> 415; without a token -> 401', async () => {
    expect((await fixture.api.post('/organizations', validBody(), { contentType: 'application/json' })).status).toBe(415);
    expect((await fixture.api.as(undefined).post('/organizations', validBody())).status).toBe(401);
  });
});

describe('delete', () => {
  it('204; the organization and everything in it are gone, and the name is free again', async () => {
    const organization = await createOrganization();
    const task = await fixture.api.createTask(organization.id);
    const workspace = await fixture.api.createWorkspace(organization.id);
    const association = await fixture.api.associate(workspace.id, task.id);
    const reply = await fixture.api.delete(`/organizations/${organization.id}`);
    expect(reply.status).toBe(204);
    expect(reply.text).toBe('');
    for (const path of [
      `/organizations/${organization.id}`,
      `/organizations/${organization.id}/entitlement-set`,
      `/tasks/${task.id}`,
      `/workspaces/${workspace.id}`,
      `/workspaces/${workspace.id}/tasks/${association.id}`,
    ]) {
      expect((await fixture.api.get(path)).status, path).toBe(404);
    }
    expect((await fixture.api.delete(`/organizations/${organization.id}`)).status).toBe(404);
    await createOrganization(fixture.api, validBody(organization.id));
  });

  it('a member who is not an owner cannot delete (404), and nothing changes', async () => {
    const restricted = fixture.api.as(fixture.target.options.restrictedToken);
    expect((await restricted.delete(`/organizations/${fixture.org}`)).status).toBe(404);
    expect((await fixture.api.get(`/organizations/${fixture.org}`)).status).toBe(200);
  });
});
