// URL verification: the signed test POST on task create and update, and what a non-200 does.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Doc, pointers, type Receiver, startReceiver, taskBody, useTarget } from './helpers.ts';

const fixture = useTarget({ verifyUrls: true });
const impatient = useTarget({ verifyUrls: true, verifyTimeoutMs: 100 });
let receiver: Receiver;

beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
});
beforeEach(() => {
  receiver.status = 200;
  receiver.delayMs = 0;
  receiver.received.length = 0;
});

const hmacHex = (key: string, body: string): string => createHmac('sha512', key).update(body).digest('hex');
const tasksPath = (): string => `/organizations/${fixture.org}/tasks`;
const taskCount = async (): Promise<number> => (await fixture.api.get(tasksPath())).body.meta.pagination['total-count'];

describe('on create', () => {
  it('POSTs a signed integration payload and creates the task on 200', async () => {
    const reply = await fixture.api.post(tasksPath(), taskBody({ 'url': receiver.url, 'hmac-key': 's3cret' }));
    expect(reply.status).toBe(201);
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received as [(typeof receiver.received)[number]];
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/run-task');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['user-agent']).toBe('TFC/1.0 (+https://app.terraform.io; TFC)');
    expect(request.headers['x-tfc-task-signature']).toBe(hmacHex('s3cret', request.body));
    const payload: Doc = JSON.parse(request.body);
    expect(payload).toMatchObject({
      payload_version: 1,
      stage: 'test',
      access_token: 'test-token',
      organization_name: fixture.org,
      task_result_callback_url: expect.stringMatching(/^https:\/\//),
      task_result_enforcement_level: expect.stringMatching(/^(advisory|mandatory)$/),
      task_result_id: expect.stringMatching(/^taskrs-/),
      workspace_id: expect.stringMatching(/^ws-/),
      run_id: expect.stringMatching(/^run-/),
    });
    for (const key of ['is_speculative', 'run_created_at', 'run_message', 'workspace_name', 'vcs_repo_url', 'configuration_version_id']) {
      expect(payload).toHaveProperty(key);
    }
  });

  it.each([
    ['no hmac-key', {}],
    ['an empty hmac-key', { 'hmac-key': '' }],
  ])('with %s the signature header is empty', async (_label, attributes) => {
    expect((await fixture.api.post(tasksPath(), taskBody({ url: receiver.url, ...attributes }))).status).toBe(201);
    expect(receiver.received[0]?.headers['x-tfc-task-signature']).toBe('');
  });

  it.each([202, 204, 301, 401, 404, 500])('an answer of %i -> 422 at the url, nothing created', async (status) => {
    receiver.status = status;
    const before = await taskCount();
    const reply = await fixture.api.post(tasksPath(), taskBody({ url: receiver.url }));
    expect(reply.status).toBe(422);
    expect(pointers(reply.body)).toEqual(['/data/attributes/url']);
    expect(reply.body.errors[0].detail).toMatch(/could not be verified/);
    expect(receiver.received).toHaveLength(1);
    expect(await taskCount()).toBe(before);
  });

  it('a refused connection -> 422', async () => {
    const closed = await startReceiver();
    await closed.close();
    const reply = await fixture.api.post(tasksPath(), taskBody({ url: closed.url }));
    expect(reply.status).toBe(422);
    expect(pointers(reply.body)).toEqual(['/data/attributes/url']);
  });

  it('no answer within verifyTimeoutMs -> 422', async () => {
    receiver.delayMs = 2_000;
    const reply = await impatient.api.post(`/organizations/${impatient.org}/tasks`, taskBody({ url: receiver.url }));
    expect(reply.status).toBe(422);
    expect(reply.body.errors[0].detail).toMatch(/could not be verified/);
  });

  it('an invalid body is refused before any POST is sent', async () => {
    const reply = await fixture.api.post(tasksPath(), taskBody({ url: receiver.url, name: 'bad name' }));
    expect(reply.status).toBe(422);
    expect(receiver.received).toHaveLength(0);
  });
});

describe('on update', () => {
  async function created(key: string): Promise<Doc> {
    const task = await fixture.api.createTask(fixture.org, { 'url': receiver.url, 'hmac-key': key, 'description': 'before' });
    receiver.received.length = 0;
    return task;
  }

  it('verifies even when the URL is unchanged, signing with the kept key', async () => {
    const task = await created('kept-key');
    const reply = await fixture.api.patch(`/tasks/${task.id}`, { data: { attributes: { description: 'after' } } });
    expect(reply.status).toBe(200);
    const [request] = receiver.received;
    expect(request?.path).toBe('/run-task');
    expect(request?.headers['x-tfc-task-signature']).toBe(hmacHex('kept-key', request?.body ?? ''));
  });

  it('signs with the new key when hmac-key changes', async () => {
    const task = await created('old-key');
    await fixture.api.patch(`/tasks/${task.id}`, { data: { attributes: { 'hmac-key': 'new-key' } } });
    const [request] = receiver.received;
    expect(request?.headers['x-tfc-task-signature']).toBe(hmacHex('new-key', request?.body ?? ''));
    receiver.received.length = 0;
    await fixture.api.patch(`/tasks/${task.id}`, { data: { attributes: { enabled: false } } });
    expect(receiver.received[0]?.headers['x-tfc-task-signature']).toBe(hmacHex('new-key', receiver.received[0]?.body ?? ''));
  });

  it('posts to the new URL', async () => {
    const task = await created('k');
    const other = await startReceiver();
    try {
      const reply = await fixture.api.patch(`/tasks/${task.id}`, { data: { attributes: { url: other.url } } });
      expect(reply.status).toBe(200);
      expect(other.received).toHaveLength(1);
      expect(receiver.received).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it('a failed verification -> 422 and nothing changes', async () => {
    const task = await created('k');
    receiver.status = 500;
    const reply = await fixture.api.patch(`/tasks/${task.id}`, { data: { attributes: { description: 'after', name: 'renamed' } } });
    expect(reply.status).toBe(422);
    expect(pointers(reply.body)).toEqual(['/data/attributes/url']);
    expect((await fixture.api.get(`/tasks/${task.id}`)).body.data).toEqual(task);
  });
});

describe('verifyUrls: false', () => {
  const unverified = useTarget({ verifyUrls: false });

  it('creates and updates without any POST, even to a dead URL', async () => {
    const dead = await startReceiver();
    await dead.close();
    const task = await unverified.api.createTask(unverified.org, { url: dead.url });
    expect((await unverified.api.patch(`/tasks/${task.id}`, { data: { attributes: { description: 'x' } } })).status).toBe(200);
    const observed = await unverified.api.createTask(unverified.org, { url: receiver.url });
    expect(observed.attributes.url).toBe(receiver.url);
    expect(receiver.received).toHaveLength(0);
  });
});
