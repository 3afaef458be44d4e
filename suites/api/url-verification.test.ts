// URL verification (api-facts §7): on create and on every update the service POSTs a dummy payload to
// the task's URL, signed X-TFC-Task-Signature = hex HMAC-SHA512 of the raw body with the task's key,
// and makes the change only when the endpoint answers 200.
import type { ApiResponse } from '../../src/client/index.ts';
import { startReceiver, verifySignature, type ReceivedPost, type Receiver } from '../../src/api/receiver/index.ts';
import { defineSuite, type CheckContext } from './_harness/suite.ts';
import { taskBody } from './_harness/payloads.ts';
import type { TaskDocument } from '../../src/types/contract.ts';

const suite = defineSuite('url-verification');
/** The verification POST precedes the answer to the create/update; this only absorbs delivery jitter. */
const GRACE_MS = 500;
const isSuccess = (status: number) => status >= 200 && status <= 299;

/** The suite's receiver and a URL on it that no other check uses, so its POSTs are this check's. */
async function uniqueEndpoint(t: CheckContext, label: string): Promise<{ receiver: Receiver; url: string; path: string }> {
  if (t.config.runTaskUrl) t.notApplicable('--run-task-url is set: the verification POSTs go there, where this suite cannot read them');
  const receiver = await t.suite.receiver();
  const path = `/${t.taskName(label)}`;
  return { receiver, url: new URL(path, receiver.url).href, path };
}

/** The next POST to `path` that is not one of `seen`. */
function nextPost(receiver: Receiver, path: string, seen: readonly ReceivedPost[] = []): Promise<ReceivedPost | undefined> {
  return receiver.waitFor((p) => pathOf(p) === path && !seen.includes(p), GRACE_MS);
}

const pathOf = (p: ReceivedPost) => p.path.split('?')[0];
const postsTo = (receiver: Receiver, path: string) => receiver.received.filter((p) => pathOf(p) === path);

function signatureProblem(post: ReceivedPost, key: string, what: string): string | undefined {
  if (verifySignature(post.body, post.signature, key)) return undefined;
  if (post.signature === undefined) return `${what} carries no X-TFC-Task-Signature header`;
  return `${what}: X-TFC-Task-Signature ${post.signature.slice(0, 16)}... is not the lowercase hex HMAC-SHA512 of the body with the task's hmac-key`;
}

/** Creates a task on a fresh receiver path with a known key; not applicable when the target sends no verification POST. */
async function verifiedTask(t: CheckContext, label: string): Promise<{ id: string; key: string; receiver: Receiver; path: string; post: ReceivedPost }> {
  const { receiver, url, path } = await uniqueEndpoint(t, label);
  const key = `rtc-hmac-${t.taskName('key')}`;
  const { id } = await t.createTask({ url, 'hmac-key': key });
  const post = await nextPost(receiver, path);
  if (!post) t.notApplicable('the target sent no verification POST when the task was created (it does not verify task URLs)');
  return { id, key, receiver, path, post };
}

suite.check('verification.signature', async (t) => {
  const { key, post } = await verifiedTask(t, 'signature');
  t.none([signatureProblem(post, key, 'the verification POST on create')]);
});

// ---- verification.refuses-failing-url: an endpoint answering 500 makes the create or update fail (a 4xx:
// no status is documented for it)

/** Runs `body` with a receiver that answers every POST with 500, closing it whatever happens. */
async function withFailingEndpoint(body: (url: string) => Promise<void>): Promise<void> {
  const failing = await startReceiver({ status: 500 });
  try {
    await body(new URL('/rtc-failing', failing.url).href);
  } finally {
    await failing.close();
  }
}

suite.check('verification.refuses-failing-url[create]', async (t) => {
  // First learn whether the target verifies at all; then free the slot (a free plan holds one task).
  const { id } = await verifiedTask(t, 'probe');
  const removed = await t.api.deleteTask(id);
  // Any success frees the slot; whether it is the documented 204 is task.delete.status's to judge.
  if (!isSuccess(removed.status)) t.inconclusive(`precondition: could not delete the probe task (${removed.status})`);
  await withFailingEndpoint(async (url) => {
    const attributes = await t.validTaskAttributes({ url });
    const res = await t.api.createTask(taskBody(attributes));
    const created = await t.taskIdsNamed(String(attributes.name));
    for (const leaked of created) t.track({ kind: 'task', id: leaked });
    t.assert(!isSuccess(res.status), `a task whose URL answers 500 was created (${res.status})`);
    t.refused(res);
    t.assert(created.length === 0, `the refused create made task ${created.join(', ')} anyway`);
  });
});

suite.check('verification.refuses-failing-url[update]', async (t) => {
  const { id } = await verifiedTask(t, 'kept-url');
  const before = await shownUrl(t, id);
  await withFailingEndpoint(async (url) => {
    const res = await t.api.updateTask(id, taskBody({ url }));
    t.assert(!isSuccess(res.status), `the URL was changed to one that answers 500 (${res.status})`);
    t.refused(res);
    const after = await shownUrl(t, id);
    t.assert(after === before, `the refused update changed the url from ${before} to ${String(after)}`);
  });
});

async function shownUrl(t: CheckContext, id: string): Promise<unknown> {
  return ((await t.api.showTask(id)).json as TaskDocument | undefined)?.data?.attributes?.url;
}

// ---- verification.on-update: every update is verified again, signed with the kept key

const UPDATES: readonly [label: string, change: (t: CheckContext) => Promise<{ attributes: Record<string, unknown>; path?: string }>][] = [
  ['description', async () => ({ attributes: { description: 'changed: verified again with the kept key' } })],
  ['url', async (t) => {
    const { url, path } = await uniqueEndpoint(t, 'new-url');
    return { attributes: { url }, path };
  }],
];

for (const [label, change] of UPDATES) {
  suite.check(`verification.on-update[${label}]`, async (t: CheckContext) => {
    const task = await verifiedTask(t, `on-update-${label}`);
    const { attributes, path = task.path } = await change(t);
    const seen = postsTo(task.receiver, path);
    const res: ApiResponse = await t.api.updateTask(task.id, taskBody(attributes));
    t.status(res, 200);
    const post = await nextPost(task.receiver, path, seen);
    if (!post) t.fail(`the update (${Object.keys(attributes).join(', ')}) sent no verification POST to ${path}`);
    t.none([signatureProblem(post, task.key, 'the verification POST on update (hmac-key omitted, so the kept key)')]);
  });
}
