// Broken variants caught by the properties suite (fast-check properties and the lifecycle model).
import type { HookRequest, HookResponse, EmulatorHooks } from '../../../../src/api/emulator/index.ts';
import { broken, eachResource, faithful, requestAttributes, rewriteRequest, rewriteResponse, route, TASK, TASKS, WS_TASK, WS_TASKS } from '../../variant.ts';
import { appliedButRefused } from './task-validation.ts';

const ENTITLEMENT_SET = /^\/api\/v2\/organizations\/[^/]+\/entitlement-set$/;

const notFound = (): HookResponse => ({
  status: 404,
  headers: { 'content-type': 'application/vnd.api+json' },
  body: { errors: [{ status: '404', title: 'not found' }] },
});

/** A list page whose total-pages is floor(count / size): the last, partial page is never announced. */
function floorPages(res: HookResponse): void {
  const meta = (res.body as { meta?: { pagination?: Record<string, number | null> } } | undefined)?.meta?.pagination;
  const count = meta?.['total-count'];
  const size = meta?.['page-size'];
  const current = meta?.['current-page'];
  if (!meta || typeof count !== 'number' || typeof size !== 'number' || typeof current !== 'number') return;
  meta['total-pages'] = Math.max(1, Math.floor(count / size));
  meta['next-page'] = current < meta['total-pages'] ? current + 1 : null;
}

/**
 * Deleting a task that has associations answers 204 and hides the task (404, gone from lists), but its
 * associations stay in their workspaces. The hook follows associations from the answers it sees.
 */
function associationsSurviveTaskDelete(): EmulatorHooks {
  const taskOf = new Map<string, string>(); // workspace-task id -> task id
  const hidden = new Set<string>();
  const lastSegment = (req: HookRequest) => req.path.split('/').pop() ?? '';
  return {
    onRequest(req) {
      if (!TASK.test(req.path)) return req;
      const id = lastSegment(req);
      if (hidden.has(id)) return notFound();
      if (req.method === 'DELETE' && [...taskOf.values()].includes(id)) {
        hidden.add(id);
        return { status: 204, headers: {}, body: undefined };
      }
      return req;
    },
    onResponse(req, res) {
      const data = (res.body as { data?: { id?: string; relationships?: { task?: { data?: { id?: string } } } } } | undefined)?.data;
      if (route('POST', WS_TASKS)(req) && res.status === 201 && data?.id && data.relationships?.task?.data?.id) taskOf.set(data.id, data.relationships.task.data.id);
      if (route('DELETE', WS_TASK)(req) && res.status === 204) taskOf.delete(lastSegment(req));
      if (route('GET', TASKS)(req) && Array.isArray((res.body as { data?: unknown })?.data)) {
        const body = res.body as { data: { id: string }[] };
        body.data = body.data.filter((task) => !hidden.has(task.id));
      }
      return res;
    },
  };
}

export default [
  broken({
    name: 'properties-patch-resets-omitted',
    description: 'a PATCH that omits description or enabled resets them to "" and true',
    suites: ['properties'],
    hooks: rewriteRequest(route('PATCH', TASK), (req) => {
      const attributes = requestAttributes(req);
      if (!attributes) return;
      if (!('description' in attributes)) attributes.description = '';
      if (!('enabled' in attributes)) attributes.enabled = true;
    }),
    caughtBy: ['task.update.keeps-omitted[property]'],
  }),
  broken({
    name: 'properties-description-truncated',
    description: 'responses truncate the task description to 100 characters',
    suites: ['properties'],
    hooks: rewriteResponse(() => true, (res) =>
      eachResource(res.body, (r) => {
        if (r.type === 'tasks' && typeof r.attributes?.description === 'string') r.attributes.description = [...r.attributes.description].slice(0, 100).join('');
      }),
    ),
    caughtBy: ['task.create.echo[property]'],
  }),
  broken({
    name: 'properties-refused-create-persists',
    description: 'a create whose name breaks the character rule is refused with 422, yet the task is made (the bad characters dropped)',
    suites: ['properties'],
    hooks: appliedButRefused(route('POST', TASKS), (req) => {
      const attributes = requestAttributes(req);
      const name = attributes?.name;
      if (typeof name !== 'string' || /^[A-Za-z0-9_-]+$/.test(name)) return { req, changed: false };
      attributes!.name = name.replace(/[^A-Za-z0-9_-]/g, '');
      return { req, changed: true };
    }),
    caughtBy: ['task.validate.no-side-effect[property]'],
  }),
  broken({
    name: 'query-garbage-500',
    description: 'a page[number] or page[size] that is not a positive whole number, or an unknown include, makes the target fail with 500',
    suites: ['properties'],
    hooks: {
      onRequest: (req) => {
        if (req.method !== 'GET') return req;
        const page = ['page[number]', 'page[size]'].flatMap((key) => req.query.getAll(key)).some((value) => !/^[1-9]\d{0,5}$/.test(value));
        const include = req.query.getAll('include').some((value) => value !== '' && !/^(workspace_tasks(\.workspace)?)(,workspace_tasks(\.workspace)?)*$/.test(value));
        return page || include ? { status: 500, headers: { 'content-type': 'application/vnd.api+json' }, body: { errors: [{ status: '500', title: 'internal server error' }] } } : req;
      },
    },
    caughtBy: ['input.query-strings[property]'],
  }),
  broken({
    name: 'properties-pagination-floor-pages',
    description: 'total-pages is floor(count / size) instead of ceil: an off-by-one that hides the last, partial page',
    suites: ['properties'],
    hooks: rewriteResponse(route('GET', TASKS), (res) => floorPages(res)),
    caughtBy: ['pagination.partition[property]'],
  }),
  broken({
    name: 'properties-associations-survive-task-delete',
    description: "deleting a task answers 204 and the task 404s, but its workspace associations survive",
    suites: ['properties'],
    hooks: associationsSurviveTaskDelete(),
    caughtBy: ['lifecycle.model'],
  }),
  broken({
    name: 'properties-task-limit-not-enforced',
    description: 'the entitlement set reports run-task-limit 1, but the target does not enforce it',
    suites: ['plans'],
    hooks: rewriteResponse(route('GET', ENTITLEMENT_SET), (res) =>
      eachResource(res.body, (r) => {
        if (r.attributes) r.attributes['run-task-limit'] = 1;
      }),
    ),
    caughtBy: ['plans.task-limit'],
  }),
  faithful({
    name: 'properties-free-plan',
    description: 'a free organization: one run task at a time, no global run tasks (limits respected, not false alarms)',
    suites: ['properties'],
    target: { plan: 'free' },
  }),
];
