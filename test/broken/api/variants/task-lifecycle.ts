// Broken variants caught by the task-lifecycle suite.
import { broken, eachResource, faithful, requestAttributes, rewriteRequest, rewriteResponse, route, TASK, TASKS, type Variant } from '../../variant.ts';

const LIFECYCLE = ['task-lifecycle'] as const;

/** One broken variant per wrong status: [name, method, path, status it answers instead, checks that catch it]. */
const WRONG_STATUS: [string, string, RegExp, number, number, [string, ...string[]]][] = [
  ['show-answers-203', 'GET', TASK, 200, 203, ['task.show.status']],
  ['list-answers-203', 'GET', TASKS, 200, 203, ['task.list.status']],
  ['update-answers-202', 'PATCH', TASK, 200, 202, ['task.update.status']],
  ['delete-answers-200', 'DELETE', TASK, 204, 200, ['task.delete.status']],
  ['missing-task-answers-400', 'GET', TASK, 404, 400, ['task.show.not-found']],
  ['update-missing-answers-422', 'PATCH', TASK, 404, 422, ['task.update.not-found']],
  ['delete-missing-answers-410', 'DELETE', TASK, 404, 410, ['task.delete.not-found', 'task.delete.then-not-found']],
  ['list-unknown-org-answers-200', 'GET', TASKS, 404, 200, ['task.list.org-not-found']],
  ['create-unknown-org-answers-403', 'POST', TASKS, 404, 403, ['task.create.org-not-found']],
];

const wrongStatus = WRONG_STATUS.map(([name, method, path, from, to, caughtBy]): Variant =>
  broken({
    name,
    description: `${method} ${path.source} answers ${to} where the contract says ${from}`,
    suites: [...LIFECYCLE],
    hooks: rewriteResponse(route(method, path), (res) => (res.status === from ? { ...res, status: to } : res)),
    caughtBy,
  }),
);

/** Each task resource of an answer gets `link(id)` as its links.self. */
const selfLinks = (link: (id: string) => string) =>
  rewriteResponse(() => true, (res) =>
    eachResource(res.body, (r) => {
      if (r.type === 'tasks' && typeof r.id === 'string') r.links = { ...r.links, self: link(r.id) };
    }),
  );

/** A task another integration made in the organization, of another category (the newer docs' "hook"). */
const OTHER_CATEGORY_TASK = {
  id: 'task-rtcOtherCategory0',
  type: 'tasks',
  attributes: { 'name': 'someone-elses-hook', 'url': 'https://hooks.example.com', 'description': null, 'category': 'hook', 'enabled': true, 'hmac-key': null },
  relationships: { organization: { data: { id: 'rtc-org', type: 'organizations' } } },
  links: { self: '/api/v2/tasks/task-rtcOtherCategory0' },
};

export default [
  ...wrongStatus,
  broken({
    name: 'task-self-link-elsewhere',
    description: 'links.self of every task names another task',
    suites: [...LIFECYCLE],
    hooks: selfLinks(() => '/api/v2/tasks/task-rtcElsewhere00'),
    caughtBy: ['task.links.self[create]', 'task.links.self[show]', 'task.links.self[update]', 'task.links.self[list]'],
  }),
  broken({
    name: 'task-self-link-missing',
    description: 'tasks carry no links.self',
    suites: [...LIFECYCLE],
    hooks: rewriteResponse(() => true, (res) => eachResource(res.body, (r) => void (r.type === 'tasks' && delete r.links))),
    caughtBy: ['task.links.self[create]', 'task.links.self[list]'],
  }),
  faithful({
    name: 'task-self-links-absolute',
    description: 'links.self are absolute URLs naming another host (as the samples\' app.terraform.io): the path is what resolves, at the target',
    suites: [...LIFECYCLE],
    hooks: selfLinks((id) => `https://app.terraform.io/api/v2/tasks/${id}`),
  }),
  faithful({
    name: 'list-with-other-category-task',
    description: 'the organization also holds another integration\'s task of category "hook": lists carry it',
    suites: [...LIFECYCLE],
    hooks: rewriteResponse(route('GET', TASKS), (res) => {
      const body = res.body as { data?: unknown[] } | undefined;
      if (res.status === 200 && Array.isArray(body?.data)) body.data.push(structuredClone(OTHER_CATEGORY_TASK));
    }),
  }),
  broken({
    name: 'create-answers-200',
    description: 'task create answers 200 instead of 201',
    suites: ['task-lifecycle'],
    hooks: rewriteResponse(route('POST', TASKS), (res) => ({ ...res, status: res.status === 201 ? 200 : res.status })),
    caughtBy: ['task.create.status'],
  }),
  broken({
    name: 'enabled-as-string',
    description: 'enabled is sent as the string "true"/"false", as the page samples show',
    suites: ['task-lifecycle'],
    hooks: rewriteResponse(() => true, (res) => eachResource(res.body, (r) => {
      if (r.type === 'tasks' && r.attributes) r.attributes.enabled = String(r.attributes.enabled);
    })),
    caughtBy: ['task.enabled.boolean', 'task.create.document', 'task.show.document', 'task.default.enabled'],
  }),
  broken({
    name: 'show-ignores-deletion',
    description: 'a deleted task is still shown',
    suites: ['task-lifecycle'],
    hooks: rewriteResponse(route('GET', TASK), (res, req) => (res.status === 404 ? { status: 200, headers: res.headers, body: { data: { id: req.path.split('/').pop(), type: 'tasks', attributes: {} } } } : res)),
    caughtBy: ['task.delete.then-not-found', 'task.show.not-found'],
  }),
  faithful({
    name: 'extra-task-members',
    description: 'unknown attributes, relationships and meta keys on every task (allowed: the contract does not forbid additions)',
    suites: ['task-lifecycle'],
    hooks: rewriteResponse(() => true, (res) => {
      eachResource(res.body, (r) => {
        if (r.attributes) r.attributes['x-extra'] = { nested: true };
        if (r.relationships) r.relationships['agent-pool'] = { data: null };
      });
      if (res.body && typeof res.body === 'object') (res.body as Record<string, unknown>).meta = { ...((res.body as { meta?: object }).meta ?? {}), 'x-extra': 1 };
    }),
  }),
  broken({
    name: 'hmac-key-echoed',
    description: 'the hmac-key sent on create is echoed back instead of null (write-only broken)',
    suites: [...LIFECYCLE],
    hooks: (() => {
      const keys = new Map<string, unknown>();
      return rewriteResponse(() => true, (res, req) => {
        const key = requestAttributes(req)?.['hmac-key'];
        eachResource(res.body, (r) => {
          if (r.type !== 'tasks' || !r.attributes) return;
          if (key !== undefined) keys.set(r.id, key);
          if (keys.has(r.id)) r.attributes['hmac-key'] = keys.get(r.id);
        });
      });
    })(),
    caughtBy: ['task.hmac-key.write-only'],
  }),
  broken({
    name: 'task-ids-unprefixed',
    description: 'task ids do not look like task-XXXX',
    suites: [...LIFECYCLE],
    hooks: rewriteResponse(route('POST', TASKS), (res) => eachResource(res.body, (r) => void (r.id = String(r.id).replace(/^task-/, 'rt_')))),
    caughtBy: ['task.id.prefix'],
  }),
  broken({
    name: 'list-not-json-api',
    description: 'the task list has no meta.pagination',
    suites: [...LIFECYCLE],
    hooks: rewriteResponse(route('GET', TASKS), (res) => {
      if (res.body && typeof res.body === 'object') delete (res.body as { meta?: unknown }).meta;
    }),
    caughtBy: ['task.list.document'],
  }),
  broken({
    name: 'list-misses-new-tasks',
    description: 'the task list leaves out every task (an index that is never updated)',
    suites: [...LIFECYCLE],
    hooks: rewriteResponse(route('GET', TASKS), (res) => {
      if (res.status === 200 && res.body && typeof res.body === 'object') (res.body as { data: unknown[] }).data = [];
    }),
    caughtBy: ['task.list.contains-created'],
  }),
  broken({
    name: 'update-document-without-relationships',
    description: 'PATCH answers a document whose task has no relationships',
    suites: [...LIFECYCLE],
    hooks: rewriteResponse(route('PATCH', TASK), (res) => eachResource(res.body, (r) => void delete r.relationships)),
    caughtBy: ['task.update.document'],
  }),
  broken({
    name: 'update-ignores-description',
    description: 'PATCH silently drops a new description',
    suites: [...LIFECYCLE],
    hooks: rewriteRequest(route('PATCH', TASK), (req) => void delete requestAttributes(req)?.description),
    caughtBy: ['task.update.applies[description]'],
  }),
];
