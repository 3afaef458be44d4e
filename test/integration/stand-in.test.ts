// The HCP Terraform stand-in answers callbacks, plan JSON and configuration downloads as HCP Terraform
// documents, and records every request it gets.
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { validate } from '../../src/contract/validate.ts';
import { selfSignedCertificate, startStandIn, type StandIn, type StandInOptions, type TaskResult } from '../../src/integration/stand-in/index.ts';
import { http, patchBody } from './helpers.ts';

let standIn: StandIn | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

async function start(o: StandInOptions = {}) {
  standIn = await startStandIn(o);
  return standIn;
}

const issue = (s: StandIn, stage = 'post_plan', extra: Partial<Parameters<StandIn['issue']>[0]> = {}) =>
  s.issue({ stage, planId: 'plan-aaaaaaaaaaaaaaaa', configurationVersionId: 'cv-bbbbbbbbbbbbbbbb', ...extra });

const patch = (r: TaskResult, body: string, headers: Record<string, string> = {}) =>
  http('PATCH', r.callbackUrl, { body, headers: { 'content-type': 'application/vnd.api+json', authorization: `Bearer ${r.accessToken}`, ...headers } });

describe('the callback endpoint', () => {
  it('accepts running updates, then one final status, answering a task-results document; then 409', async () => {
    const s = await start();
    const r = issue(s);
    expect(r.callbackUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v2\/task-results\/[0-9a-f-]{36}\/callback$/);
    expect(r.accessToken).toMatch(/^[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9]{64}$/);
    for (const status of ['running', 'running']) expect((await patch(r, patchBody(status))).status).toBe(200);
    const outcomes = [{ type: 'task-result-outcomes', attributes: { 'outcome-id': 'X-1', description: 'one' } }];
    const done = await patch(r, JSON.stringify({ data: { type: 'task-results', attributes: { status: 'passed', message: 'ok', url: 'https://example.com/r' }, relationships: { outcomes: { data: outcomes } } } }));
    expect(done.status).toBe(200);
    expect(done.headers['content-type']).toBe('application/vnd.api+json');
    expect(validate('task-result-document', done.json)).toEqual([]);
    expect(done.json).toMatchObject({ data: { id: r.id, attributes: { status: 'passed', message: 'ok', 'task-result-outcomes-count': 1 } } });
    const again = await patch(r, patchBody('failed'));
    expect(again.status).toBe(409);
    expect(validate('error-document', again.json)).toEqual([]);
    expect(r).toMatchObject({ status: 'passed', message: 'ok', url: 'https://example.com/r', accepted: 3 });
    expect(r.attempts.map((a) => a.status)).toEqual([200, 200, 200, 409]);
  });

  it('answers 200 without a body when issued so (the docs\' "No Content", integration-facts §6.7), holding the same state', async () => {
    const s = await start();
    const r = issue(s, 'post_plan', { answer: 'empty' });
    for (const status of ['running', 'passed']) {
      const res = await patch(r, patchBody(status, { message: status }));
      expect([res.status, res.text, res.headers['content-type']]).toEqual([200, '', undefined]);
    }
    expect(r).toMatchObject({ status: 'passed', message: 'passed', accepted: 2 });
    expect((await patch(r, patchBody('failed'))).status).toBe(409);
  });

  it.each([
    ['no Authorization header', {}],
    ['another token', { authorization: 'Bearer someone-else' }],
    ['Basic credentials', { authorization: 'Basic dXNlcjpwYXNz' }],
  ])('answers 401 with a JSON:API error to %s', async (_, headers: Record<string, string>) => {
    const s = await start();
    const r = issue(s);
    const res = await http('PATCH', r.callbackUrl, { body: patchBody('passed'), headers: { 'content-type': 'application/vnd.api+json', ...headers } });
    expect(res.status).toBe(401);
    expect(validate('error-document', res.json)).toEqual([]);
    expect(r.status).toBe('pending');
    expect(r.attempts[0]?.refusal).toMatch(/^401 /);
  });

  it('takes the bearer scheme in any case', async () => {
    const s = await start();
    const r = issue(s);
    expect((await patch(r, patchBody('passed'), { authorization: `bearer ${r.accessToken}` })).status).toBe(200);
  });

  it.each([
    ['a status that is not accepted', patchBody('errored'), '/data/attributes/status'],
    ['a wrong type', JSON.stringify({ data: { type: 'task-result', attributes: { status: 'passed' } } }), '/data/type'],
    ['no data', JSON.stringify({ status: 'passed' }), '/data'],
    ['no attributes', JSON.stringify({ data: { type: 'task-results' } }), '/data/attributes'],
  ])('answers 422 with a pointer to %s', async (_, body, pointer) => {
    const s = await start();
    const r = issue(s);
    const res = await patch(r, body);
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({ errors: [{ status: '422', source: { pointer } }] });
  });

  it('answers 400 to a body that is not JSON, 404 to an unknown URL or another method', async () => {
    const s = await start();
    const r = issue(s);
    expect((await patch(r, '{"data":')).status).toBe(400);
    expect((await http('PATCH', `${s.url}/api/v2/task-results/${r.id}/callback`, { body: patchBody('passed'), headers: { authorization: `Bearer ${r.accessToken}` } })).status).toBe(404);
    expect((await http('POST', r.callbackUrl, { body: patchBody('passed'), headers: { authorization: `Bearer ${r.accessToken}` } })).status).toBe(404);
    expect(r.attempts.map((a) => [a.method, a.status])).toEqual([['PATCH', 400], ['POST', 404]]);
    expect(s.requestsOf('callback').filter((x) => x.taskResultId === null)).toHaveLength(1);
  });

  it('refuses every callback of a task result issued to refuse (401 an expired token, 422 invalid)', async () => {
    const s = await start();
    expect((await patch(issue(s, 'test', { mode: 'unauthorized', accessToken: 'test-token' }), patchBody('passed'))).status).toBe(401);
    expect((await patch(issue(s, 'post_plan', { mode: 'unauthorized' }), patchBody('passed'))).status).toBe(401);
    expect((await patch(issue(s, 'post_plan', { mode: 'invalid' }), patchBody('passed'))).status).toBe(422);
  });

  it('accepts any content type (the media type is judged by a check, not refused: integration-facts §7)', async () => {
    const s = await start();
    expect((await patch(issue(s), patchBody('passed'), { 'content-type': 'application/json' })).status).toBe(200);
  });
});

describe('plan JSON and configuration downloads', () => {
  it('plan_json_api_url: 401 without the token, 307 to a temporary URL with it, which serves the plan without a token', async () => {
    const s = await start();
    const r = issue(s);
    expect((await http('GET', r.planJsonUrl)).status).toBe(401);
    const redirect = await http('GET', r.planJsonUrl, { headers: { authorization: `Bearer ${r.accessToken}` } });
    expect(redirect.status).toBe(307);
    const plan = await http('GET', redirect.headers.location!);
    expect(plan.status).toBe(200);
    expect(plan.json).toMatchObject({ format_version: '1.2', resource_changes: [{ address: 'null_resource.example' }] });
  });

  it('answers 204 to a pre-plan token (the plan has not finished) and expires temporary URLs', async () => {
    const s = await start({ temporaryTtlMs: 1 });
    const pre = issue(s, 'pre_plan');
    expect((await http('GET', pre.planJsonUrl, { headers: { authorization: `Bearer ${pre.accessToken}` } })).status).toBe(204);
    const r = issue(s);
    const redirect = await http('GET', r.planJsonUrl, { headers: { authorization: `Bearer ${r.accessToken}` } });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await http('GET', redirect.headers.location!)).status).toBe(404);
  });

  it('configuration_version_download_url: 302 to a tar.gz holding main.tf', async () => {
    const s = await start();
    const r = issue(s, 'pre_plan');
    const redirect = await http('GET', r.configurationUrl, { headers: { authorization: `Bearer ${r.accessToken}` } });
    expect(redirect.status).toBe(302);
    const { request } = await import('undici');
    const archive = Buffer.from(await (await request(redirect.headers.location!)).body.arrayBuffer());
    const tar = gunzipSync(archive);
    expect(tar.subarray(0, 7).toString()).toBe('main.tf');
    expect(tar.subarray(257, 262).toString()).toBe('ustar');
  });

  it('GET /api/v2/ping answers 204 with the headers go-tfe reads', async () => {
    const s = await start();
    const ping = await http('GET', `${s.url}/api/v2/ping`);
    expect(ping.status).toBe(204);
    expect(ping.headers).toMatchObject({ 'tfp-api-version': '2.6', 'x-ratelimit-limit': '30' });
  });
});

describe('addresses and TLS', () => {
  it('puts --callback-base-url into the URLs it issues, and routes by the path below /api/v2', async () => {
    const s = await start({ publicUrl: 'https://tunnel.example.test/' });
    const r = issue(s);
    expect(r.callbackUrl).toBe(`https://tunnel.example.test/api/v2/task-results/${r.guid}/callback`);
    expect(r.planJsonUrl).toBe('https://tunnel.example.test/api/v2/plans/plan-aaaaaaaaaaaaaaaa/json-output');
    const local = r.callbackUrl.replace('https://tunnel.example.test', s.localUrl);
    expect((await patch({ ...r, callbackUrl: local }, patchBody('passed'))).status).toBe(200);
  });

  it('serves HTTPS with a generated self-signed certificate a client can trust', async () => {
    const certificate = await selfSignedCertificate();
    const s = await start({ tls: certificate });
    expect(s.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const r = issue(s);
    const res = await http('PATCH', r.callbackUrl, { body: patchBody('passed'), headers: { authorization: `Bearer ${r.accessToken}` }, ca: certificate.cert });
    expect(res.status).toBe(200);
  });
});

describe('settle', () => {
  const quick = { inactivityMs: 200, totalMs: 2000, settleMs: 0 };

  it('ends "final" once a final status is accepted', async () => {
    const s = await start();
    const r = issue(s);
    const settled = s.settle(r, quick);
    await patch(r, patchBody('running'));
    await patch(r, patchBody('failed'));
    expect(await settled).toBe('final');
  });

  it('ends "inactive" when nothing is accepted in time, "total" when progress never ends', async () => {
    const s = await start();
    expect(await s.settle(issue(s), { inactivityMs: 20, totalMs: 1000, settleMs: 0 })).toBe('inactive');
    const r = issue(s);
    const settled = s.settle(r, { inactivityMs: 1000, totalMs: 60, settleMs: 0 });
    await patch(r, patchBody('running'));
    expect(await settled).toBe('total');
  });
});
