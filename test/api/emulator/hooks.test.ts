// The hook points that deliberately broken targets use.
import { describe, expect, it } from 'vitest';
import type { HookRequest, HookResponse } from '../../../src/api/emulator/index.ts';
import { type Doc, taskBody, useTarget } from './helpers.ts';

describe('onRequest', () => {
  const seen: HookRequest[] = [];
  const fixture = useTarget({
    hooks: {
      onRequest(req) {
        seen.push(req);
        if (req.headers['x-test'] === 'throttle') {
          return {
            status: 429,
            headers: { 'content-type': 'application/vnd.api+json', 'x-ratelimit-reset': '0.5' },
            body: { errors: [{ status: '429', title: 'Too many requests' }] },
          };
        }
        if (req.headers['x-test'] === 'rename' && req.body && typeof req.body === 'object') {
          const body = structuredClone(req.body) as Doc;
          body.data.attributes.name = 'renamed-by-hook';
          return { ...req, body };
        }
        if (req.headers['x-test'] === 'explode') throw new Error('boom');
        return undefined;
      },
    },
  });

  it('sees the parsed request', async () => {
    seen.length = 0;
    await fixture.api.get(`/organizations/${fixture.org}/tasks?page%5Bsize%5D=5`);
    expect(seen[0]).toMatchObject({ method: 'GET', path: `/api/v2/organizations/${fixture.org}/tasks`, body: undefined });
    expect(seen[0]?.query.get('page[size]')).toBe('5');
    expect(seen[0]?.headers.authorization).toBe(`Bearer ${fixture.target.options.token}`);
  });

  it('hands over the raw text of an unparsable body', async () => {
    seen.length = 0;
    await fixture.api.request('POST', `/organizations/${fixture.org}/tasks`, { raw: '{nope' });
    expect(seen[0]?.body).toBe('{nope');
  });

  it('answers instead of the API when it returns a response', async () => {
    const before = (await fixture.api.get(`/organizations/${fixture.org}/tasks`)).body.meta.pagination['total-count'];
    const reply = await fixture.api.post(`/organizations/${fixture.org}/tasks`, taskBody(), { headers: { 'x-test': 'throttle' } });
    expect(reply.status).toBe(429);
    expect(reply.headers.get('x-ratelimit-reset')).toBe('0.5');
    expect(reply.body.errors[0].title).toBe('Too many requests');
    expect((await fixture.api.get(`/organizations/${fixture.org}/tasks`)).body.meta.pagination['total-count']).toBe(before);
  });

  it('can rewrite the request the API sees', async () => {
    const reply = await fixture.api.post(`/organizations/${fixture.org}/tasks`, taskBody({ name: 'original' }), {
      headers: { 'x-test': 'rename' },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.data.attributes.name).toBe('renamed-by-hook');
  });

  it('a throwing hook yields a 500 JSON:API error', async () => {
    const reply = await fixture.api.get(`/organizations/${fixture.org}`, { headers: { 'x-test': 'explode' } });
    expect(reply.status).toBe(500);
    expect(reply.body).toEqual({ errors: [{ status: '500', title: 'internal server error' }] });
  });
});

describe('onResponse', () => {
  const fixture = useTarget({
    hooks: {
      onRequest: (req) => (req.headers['x-test'] === 'teapot' ? { status: 418, headers: {}, body: 'short' } : undefined),
      onResponse(req, res): HookResponse | void {
        if (res.status === 418) return { ...res, body: `${String(res.body)} and rewritten` };
        // Break the contract the way a careless server might: enabled as a string, errors as numbers.
        const body = res.body as Doc;
        if (body?.data?.type === 'tasks') body.data.attributes.enabled = String(body.data.attributes.enabled);
        if (body?.errors) return { status: 410, headers: { ...res.headers, 'x-broken': 'yes' }, body: { errors: [{ status: 410 }] } };
        if (req.method === 'DELETE') return { ...res, status: 200, body: 'gone' };
        return { ...res, body };
      },
    },
  });

  it('rewrites successful responses', async () => {
    const reply = await fixture.api.post(`/organizations/${fixture.org}/tasks`, taskBody());
    expect(reply.status).toBe(201);
    expect(reply.body.data.attributes.enabled).toBe('true');
  });

  it('sees and rewrites errors too', async () => {
    const reply = await fixture.api.get('/tasks/task-AAAAAAAAAAAAAAAA');
    expect(reply.status).toBe(410);
    expect(reply.headers.get('x-broken')).toBe('yes');
    expect(reply.body).toEqual({ errors: [{ status: 410 }] });
  });

  it('can give a 204 a status and a body', async () => {
    const task = await fixture.api.createTask(fixture.org);
    const reply = await fixture.api.delete(`/tasks/${task.id}`);
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('gone');
  });

  it('also sees responses an onRequest hook produced', async () => {
    const reply = await fixture.api.get('/anything', { headers: { 'x-test': 'teapot' } });
    expect(reply.status).toBe(418);
    expect(reply.text).toBe('short and rewritten');
  });
});
