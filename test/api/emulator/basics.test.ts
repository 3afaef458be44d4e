// Cross-cutting behaviour: ping, authentication, routing, media types, malformed bodies, the
// organization and its entitlement set.
import { describe, expect, it } from 'vitest';
import { JSON_API, taskBody, useTarget } from './helpers.ts';

const fixture = useTarget();

describe('ping', () => {
  it('answers 204 with X-RateLimit-Limit 30, without a token', async () => {
    const reply = await fixture.api.as(undefined).get('/ping');
    expect(reply.status).toBe(204);
    expect(reply.text).toBe('');
    expect(reply.headers.get('x-ratelimit-limit')).toBe('30');
  });
});

describe('service discovery', () => {
  it('answers the Terraform provider\'s discovery document without a token, tfe.v2.2 pointing at /api/v2/', async () => {
    const reply = await fixture.api.as(undefined).get('//.well-known/terraform.json');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/json');
    expect(reply.body).toMatchObject({ 'tfe.v2': '/api/v2/', 'tfe.v2.2': '/api/v2/' });
  });
});

describe('authentication', () => {
  it.each([
    ['no Authorization header', undefined],
    ['an unknown token', 'Bearer nope'],
    ['a token without the Bearer scheme', 'rtc-owner-token'],
    ['the Basic scheme', 'Basic cnRjOnJ0Yw=='],
    ['an empty bearer', 'Bearer '],
  ])('%s -> 401 JSON:API error', async (_label, authorization) => {
    const client = fixture.api.as(undefined);
    const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
    const reply = await client.get(`/organizations/${fixture.org}/tasks`, { headers });
    expect(reply.status).toBe(401);
    expect(reply.headers.get('content-type')).toBe(JSON_API);
    expect(reply.body).toEqual({ errors: [{ status: '401', title: 'unauthorized' }] });
  });

  it('accepts the scheme in any case', async () => {
    const reply = await fixture.api
      .as(undefined)
      .get(`/organizations/${fixture.org}`, { headers: { authorization: 'bearer rtc-owner-token' } });
    expect(reply.status).toBe(200);
  });
});

describe('routing', () => {
  it.each([
    ['GET', '/nope'],
    ['GET', '/tasks'],
    ['PUT', '/tasks/task-x'],
    ['POST', '/tasks/task-x'],
    ['GET', '/organizations/rtc-org/tasks/extra/segments'],
    ['GET', '//elsewhere'],
  ])('%s %s -> 404 JSON:API error', async (method, path) => {
    const reply = await fixture.api.request(method, path);
    expect(reply.status).toBe(404);
    expect(reply.headers.get('content-type')).toBe(JSON_API);
    expect(reply.body).toEqual({ errors: [{ status: '404', title: 'not found' }] });
  });

  it('ignores one trailing slash', async () => {
    expect((await fixture.api.get(`/organizations/${fixture.org}/`)).status).toBe(200);
  });
});

describe('media type', () => {
  it.each([
    ['no Content-Type', null],
    ['application/json', 'application/json'],
    ['text/plain', 'text/plain'],
  ])('POST with %s -> 415', async (_label, contentType) => {
    const reply = await fixture.api.post(`/organizations/${fixture.org}/tasks`, taskBody(), { contentType });
    expect(reply.status).toBe(415);
    expect(reply.headers.get('content-type')).toBe(JSON_API);
    expect(reply.body.errors[0]).toMatchObject({ status: '415' });
  });

  it('PATCH without the media type -> 415', async () => {
    const task = await fixture.api.createTask(fixture.org);
    const reply = await fixture.api.patch(`/tasks/${task.id}`, taskBody(), { contentType: 'application/json' });
    expect(reply.status).toBe(415);
  });

  it('accepts parameters such as charset', async () => {
    const reply = await fixture.api.post(`/organizations/${fixture.org}/tasks`, taskBody(), { contentType: `${JSON_API}; charset=utf-8` });
    expect(reply.status).toBe(201);
  });

  it('DELETE needs the media type only when it carries a body', async () => {
    const first = await fixture.api.createTask(fixture.org);
    const withBody = await fixture.api.delete(`/tasks/${first.id}`, { raw: '{}', contentType: 'application/json' });
    expect(withBody.status).toBe(415);
    const withoutBody = await fixture.api.delete(`/tasks/${first.id}`);
    expect(withoutBody.status).toBe(204);
    expect(withoutBody.text).toBe('');
    expect(withoutBody.headers.get('content-type')).toBeNull();
  });
});

describe('request bodies', () => {
  it.each(['{bad', '{"data": ', 'nope', '{"data":{}}}'])('malformed JSON %j -> 400', async (raw) => {
    const reply = await fixture.api.request('POST', `/organizations/${fixture.org}/tasks`, { raw });
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toBe(JSON_API);
    expect(reply.body.errors[0]).toMatchObject({ status: '400', title: 'bad request' });
    expect(reply.body.errors[0].detail).toMatch(/malformed JSON/);
  });

  it.each([
    ['an empty body', undefined],
    ['an array', []],
    ['a string', 'tasks'],
    ['null', null],
    ['no data', {}],
    ['data an array', { data: [] }],
    ['data a string', { data: 'x' }],
    ['data null', { data: null }],
  ])('%s -> 422 pointing at /data', async (_label, body) => {
    const raw = body === undefined ? undefined : JSON.stringify(body);
    const reply = await fixture.api.request('POST', `/organizations/${fixture.org}/tasks`, { raw, contentType: JSON_API });
    expect(reply.status).toBe(422);
    expect(reply.body.errors).toEqual([
      { status: '422', title: 'invalid attribute', detail: expect.any(String), source: { pointer: '/data' } },
    ]);
  });
});

it('a body over 1 MiB -> 413 JSON:API error', async () => {
  const reply = await fixture.api.request('POST', `/organizations/${fixture.org}/tasks`, { raw: `"${'x'.repeat(1024 * 1024)}"` });
  expect(reply.status).toBe(413);
  expect(reply.body.errors[0].status).toBe('413');
});

describe('organization', () => {
  it('shows the organization', async () => {
    const reply = await fixture.api.get(`/organizations/${fixture.org}`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe(JSON_API);
    expect(reply.body.data).toMatchObject({ id: fixture.org, type: 'organizations', attributes: { name: fixture.org } });
    expect(reply.body.data.relationships['entitlement-set'].data).toEqual({
      id: expect.stringMatching(/^org-[A-Za-z0-9]{16}$/),
      type: 'entitlement-sets',
    });
  });

  it('an unknown organization is 404', async () => {
    expect((await fixture.api.get('/organizations/no-such-org')).status).toBe(404);
    expect((await fixture.api.get('/organizations/no-such-org/tasks')).status).toBe(404);
    expect((await fixture.api.post('/organizations/no-such-org/tasks', taskBody())).status).toBe(404);
  });

  it('the business entitlement set has everything and no run task limits', async () => {
    const organization = await fixture.api.get(`/organizations/${fixture.org}`);
    const reply = await fixture.api.get(`/organizations/${fixture.org}/entitlement-set`);
    expect(reply.status).toBe(200);
    expect(reply.body.data).toMatchObject({
      id: organization.body.data.relationships['entitlement-set'].data.id,
      type: 'entitlement-sets',
      attributes: {
        'run-tasks': true,
        'global-run-tasks': true,
        'private-run-tasks': true,
        'run-task-limit': null,
        'run-task-workspace-limit': null,
        'run-task-mandatory-enforcement-limit': null,
      },
    });
  });
});
