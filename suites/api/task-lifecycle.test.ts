// Task lifecycle: create, show, list, update, delete (run-tasks-api § Create/List/Show/Update/Delete a Run Task).
import { page } from './_harness/api.ts';
import { defineSuite, type CheckContext } from './_harness/suite.ts';
import { emptyBodyProblem, selfLinkPath, selfLinkProblem } from './_harness/predicates.ts';
import { taskBody } from './_harness/payloads.ts';
import type { TaskDocument } from '../../src/types/contract.ts';

const suite = defineSuite('task-lifecycle');
const MISSING_TASK = 'task-rtcDoesNotExist0';

/** Attributes the request sets and the response must echo. */
const ECHOED = ['name', 'url', 'description', 'category'] as const;

suite.check('task.create.status', async (t) => {
  const { res } = await t.createTask();
  t.status(res, 201);
});

suite.check('task.create.document', async (t) => {
  const { res } = await t.createTask();
  t.document(res, 'task-document');
});

suite.check('task.create.echo', async (t) => {
  const { res, attributes } = await t.createTask({ enabled: false });
  const got = t.document<TaskDocument>(res, 'task-document').data.attributes as Record<string, unknown>;
  t.none([...ECHOED, 'enabled'].map((key) => (got[key] === attributes[key] ? undefined : `${key}: sent ${JSON.stringify(attributes[key])}, got ${JSON.stringify(got[key])}`)));
});

suite.check('task.default.enabled', async (t) => {
  const { id } = await t.createTask();
  const shown = (await t.api.showTask(id)).json as TaskDocument;
  t.assert(shown?.data?.attributes?.enabled === true, `enabled defaults to true, got ${JSON.stringify(shown?.data?.attributes?.enabled)}`);
});

suite.check('task.hmac-key.write-only', async (t) => {
  const { id, res } = await t.createTask({ 'hmac-key': 'rtc-write-only-secret' });
  const answers = [res, await t.api.showTask(id), await t.api.listTasks(page(1, 100))];
  const keys = answers.flatMap((r) => {
    const data = (r.json as { data?: unknown } | undefined)?.data;
    return (Array.isArray(data) ? data : [data]).map((d) => (d as { attributes?: Record<string, unknown> } | undefined)?.attributes?.['hmac-key']);
  });
  t.none(keys.map((k) => (k === null ? undefined : `hmac-key must be null in every response, got ${k === undefined ? 'no member' : 'a value'}`)));
});

suite.check('task.enabled.boolean', async (t) => {
  const { id } = await t.createTask({ enabled: false });
  const enabled = ((await t.api.showTask(id)).json as TaskDocument | undefined)?.data?.attributes?.enabled;
  t.assert(typeof enabled === 'boolean', `enabled must be a JSON boolean, got ${JSON.stringify(enabled)}`);
});

suite.check('task.id.prefix', async (t) => {
  const { id } = await t.createTask();
  t.assert(/^task-[A-Za-z0-9]+$/.test(id), `task ids look like task-XXXXXXXXXXXXXXXX, got ${id}`);
});

suite.check('task.show.status', async (t) => {
  const { id } = await t.createTask();
  t.status(await t.api.showTask(id), 200);
});

suite.check('task.show.document', async (t) => {
  const { id } = await t.createTask();
  const doc = t.document<TaskDocument>(await t.api.showTask(id), 'task-document');
  t.assert(doc.data.id === id, `show returned ${doc.data.id} for ${id}`);
});

suite.check('task.show.not-found', async (t) => {
  t.error(await t.api.showTask(MISSING_TASK), 404);
});

suite.check('task.list.status', async (t) => {
  t.status(await t.api.listTasks(), 200);
});

suite.check('task.list.document', async (t) => {
  await t.createTask();
  t.document(await t.api.listTasks(), 'task-list-document');
});

suite.check('task.list.contains-created', async (t) => {
  const { id } = await t.createTask();
  const ids = (await t.allTasks()).map((task) => task.id);
  t.assert(ids.includes(id), `created task ${id} is not in the organization's list`);
});

suite.check('task.list.org-not-found', async (t) => {
  t.error(await t.api.listTasks(undefined, `${t.config.prefix}no-such-org`), 404);
});

suite.check('task.create.org-not-found', async (t) => {
  const res = await t.api.createTask(taskBody(await t.validTaskAttributes()), `${t.config.prefix}no-such-org`);
  t.error(res, 404);
});

suite.check('task.update.status', async (t) => {
  const { id } = await t.createTask();
  t.status(await t.api.updateTask(id, taskBody({ description: 'updated' })), 200);
});

suite.check('task.update.document', async (t) => {
  const { id } = await t.createTask();
  t.document(await t.api.updateTask(id, taskBody({ description: 'updated' })), 'task-document');
});

suite.check('task.update.not-found', async (t) => {
  t.error(await t.api.updateTask(MISSING_TASK, taskBody({ description: 'x' })), 404);
});

/** Each updatable attribute, with a new value; `hmac-key` is write-only and judged in url-verification. */
const UPDATES: readonly [attribute: string, value: (t: CheckContext) => unknown][] = [
  ['name', (t) => t.taskName('renamed')],
  ['url', async (t) => withQuery(await t.taskUrl(), 'rtc=renamed')],
  ['description', () => 'a new description'],
  ['enabled', () => false],
];

for (const [attribute, value] of UPDATES) {
  suite.check(`task.update.applies[${attribute}]`, async (t) => {
    const { id } = await t.createTask();
    const next = await value(t);
    t.status(await t.api.updateTask(id, taskBody({ [attribute]: next })), 200);
    const got = (((await t.api.showTask(id)).json as TaskDocument | undefined)?.data?.attributes as Record<string, unknown> | undefined)?.[attribute];
    t.assert(got === next, `${attribute}: patched to ${JSON.stringify(next)}, show gives ${JSON.stringify(got)}`);
  });

  suite.check(`task.update.keeps-omitted[${attribute}]`, async (t) => {
    const { id, attributes } = await t.createTask({ enabled: true });
    const other = attribute === 'description' ? { name: t.taskName('other') } : { description: 'only this changes' };
    t.status(await t.api.updateTask(id, taskBody(other)), 200);
    const got = (((await t.api.showTask(id)).json as TaskDocument | undefined)?.data?.attributes as Record<string, unknown> | undefined)?.[attribute];
    t.assert(got === attributes[attribute], `${attribute} was ${JSON.stringify(attributes[attribute])}, a PATCH omitting it left ${JSON.stringify(got)}`);
  });
}

suite.check('task.delete.status', async (t) => {
  const { id } = await t.createTask();
  const res = await t.api.deleteTask(id);
  t.status(res, 204);
  t.none([emptyBodyProblem(res)]);
});

suite.check('task.delete.then-not-found', async (t) => {
  const { id } = await t.createTask();
  t.status(await t.api.deleteTask(id), 204);
  t.error(await t.api.showTask(id), 404);
  t.error(await t.api.deleteTask(id), 404);
});

suite.check('task.delete.not-found', async (t) => {
  t.error(await t.api.deleteTask(MISSING_TASK), 404);
});

// ---- links.self of a task, in each answer that carries one

type Resource = { id?: unknown; links?: { self?: unknown } } | undefined;
const dataOf = (json: unknown): Resource => (json as { data?: Resource } | undefined)?.data;

/** Each answer that carries the task: [label, the task as that answer shows it]. */
const SELF_SOURCES: readonly [label: string, read: (t: CheckContext, id: string, created: unknown) => Promise<Resource>][] = [
  ['create', async (_, __, created) => dataOf(created)],
  ['show', async (t, id) => dataOf((await t.api.showTask(id)).json)],
  ['update', async (t, id) => dataOf((await t.api.updateTask(id, taskBody({ description: 'links.self' }))).json)],
  ['list', async (t, id) => (await t.allTasks()).find((task) => task.id === id) as Resource],
];

for (const [label, read] of SELF_SOURCES) {
  suite.check(`task.links.self[${label}]`, async (t) => {
    const { id, res } = await t.createTask();
    const link = (await read(t, id, res.json))?.links?.self;
    if (typeof link !== 'string') return t.fail(`the ${label} answer carries no links.self for task ${id}`);
    t.none([selfLinkProblem(await t.api.follow(selfLinkPath(link, id)), { id, type: 'tasks' }, link)]);
  });
}

/** A different URL that reaches the same endpoint (works for --run-task-url too). */
const withQuery = (url: string, query: string) => `${url}${url.includes('?') ? '&' : '?'}${query}`;

