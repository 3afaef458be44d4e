// Variants caught by (or, for faithful ones, passing) the workspace-tasks suite.
import type { HookRequest, HookResponse, EmulatorHooks } from '../../../../src/api/emulator/index.ts';
import { answer, broken, eachResource, faithful, requestAttributes, rewriteRequest, rewriteResponse, route, TASK, WS_TASK, WS_TASKS, type Variant } from '../../variant.ts';

const STAGE_ORDER = ['pre_plan', 'post_plan', 'pre_apply', 'post_apply'];
const isWsTaskRoute = (req: HookRequest) => WS_TASKS.test(req.path) || WS_TASK.test(req.path);
const wsTaskWrite = (req: HookRequest) => (req.method === 'POST' && WS_TASKS.test(req.path)) || (req.method === 'PATCH' && WS_TASK.test(req.path));

/** Changes each workspace-task resource of a workspace-task answer. */
const eachWorkspaceTask = (change: (resource: Record<string, any>) => void): EmulatorHooks =>
  rewriteResponse(isWsTaskRoute, (res) => eachResource(res.body, (r) => (r.type === 'workspace-tasks' ? change(r) : undefined)));

/** A request whose attributes are replaced by `change(attributes)`. */
function withAttributes(req: HookRequest, change: (attributes: Record<string, any>) => Record<string, any>): HookRequest {
  const body = req.body as { data?: Record<string, any> } | undefined;
  const attributes = requestAttributes(req);
  if (!body?.data || !attributes) return req;
  return { ...req, body: { ...body, data: { ...body.data, attributes: change({ ...attributes }) } } };
}

const notFoundDocument = (): HookResponse => ({ status: 404, headers: { 'content-type': 'application/vnd.api+json' }, body: { errors: [{ status: '404', title: 'not found' }] } });

/** Answers a workspace-task path through any workspace as if it were the task's own (learned from the answers). */
function reachableThroughAnyWorkspace(): EmulatorHooks {
  const owner = new Map<string, string>();
  return {
    onRequest(req) {
      const [, , , , workspace, , id] = req.path.split('/');
      const own = id === undefined ? undefined : owner.get(id);
      return WS_TASK.test(req.path) && own && own !== workspace ? { ...req, path: `/api/v2/workspaces/${own}/tasks/${id}` } : req;
    },
    onResponse(_req, res) {
      eachResource(res.body, (r) => {
        const workspace = r.relationships?.workspace?.data?.id;
        if (r.type === 'workspace-tasks' && typeof workspace === 'string') owner.set(r.id, workspace);
      });
    },
  };
}

/**
 * DELETE /tasks/:id answers 204 without touching anything when the task has associations, and the task then
 * reads as gone: its associations are left pointing at a task that no longer shows.
 */
function taskDeleteLeavesAssociations(): EmulatorHooks {
  const gone = new Set<string>();
  return answer(
    (req) => TASK.test(req.path) && (req.method === 'DELETE' || (req.method === 'GET' && gone.has(req.path))),
    (req) => {
      if (req.method === 'GET') return notFoundDocument();
      gone.add(req.path);
      return { status: 204, headers: {}, body: undefined };
    },
  );
}

/** Tracks which tasks have associations, from the associate answers and the dissociate requests. */
function refuseTaskDeleteWhileAssociated(): EmulatorHooks {
  const associations = new Map<string, string>(); // workspace task -> task
  return {
    onRequest(req) {
      if (req.method !== 'DELETE' || !TASK.test(req.path)) return req;
      const task = req.path.split('/').pop();
      if (![...associations.values()].includes(task ?? '')) return req;
      return { status: 422, headers: { 'content-type': 'application/vnd.api+json' }, body: { errors: [{ status: '422', title: 'invalid', detail: 'The run task is still associated with workspaces.' }] } };
    },
    onResponse(req, res) {
      if (req.method === 'POST' && WS_TASKS.test(req.path) && res.status === 201) {
        eachResource(res.body, (r) => associations.set(r.id, r.relationships?.task?.data?.id));
      }
      if (req.method === 'DELETE' && WS_TASK.test(req.path) && res.status < 300) associations.delete(req.path.split('/').pop() ?? '');
    },
  };
}

const SUITES: Variant['suites'] = ['workspace-tasks'];

export default [
  broken({
    name: 'ws-task-self-link-wrong-workspace',
    description: 'links.self of a workspace task names another workspace',
    suites: ['workspace-tasks'],
    hooks: eachWorkspaceTask((r) => void (r.links = { self: `/api/v2/workspaces/ws-rtcElsewhere00/tasks/${r.id}` })),
    caughtBy: ['ws-task.links.self[associate]', 'ws-task.links.self[show]', 'ws-task.links.self[update]', 'ws-task.links.self[list]'],
  }),
  faithful({
    name: 'ws-task-self-link-sample-typo',
    description: 'links.self of a workspace task ends in task-<x> for the resource wstask-<x>, as the page\'s samples print it (erratum E6)',
    suites: ['workspace-tasks'],
    hooks: eachWorkspaceTask((r) => void (r.links = { self: `/api/v2/workspaces/${r.relationships?.workspace?.data?.id}/tasks/${String(r.id).replace(/^wstask-/, 'task-')}` })),
  }),
  broken({
    name: 'associate-answers-200',
    description: 'associate answers 200 (neither the 201 the service sends nor the 204 the page says)',
    suites: SUITES,
    hooks: rewriteResponse(route('POST', WS_TASKS), (res) => ({ ...res, status: res.status === 201 ? 200 : res.status })),
    caughtBy: ['ws-task.create.status', 'ws-task.create.document'],
  }),
  broken({
    name: 'associate-answers-204-empty',
    description: 'associate answers 204 No Content with no body, as the page\'s table says (erratum E1): legal, but clients break',
    suites: SUITES,
    hooks: rewriteResponse(route('POST', WS_TASKS), (res) => (res.status === 201 ? { status: 204, headers: {}, body: undefined } : res)),
    // Only the SHOULD: ws-task.create.status accepts 204 and no MUST depends on the answer's body.
    caughtBy: ['ws-task.create.document'],
    notCaughtBy: ['ws-task.create.status', 'ws-task.create.echo', 'ws-task.default.stages'],
  }),
  broken({
    name: 'ws-task-typed-tasks',
    description: 'workspace tasks typed "tasks", as the list/show/update tables say (erratum E7)',
    suites: SUITES,
    hooks: eachWorkspaceTask((r) => (r.type = 'tasks')),
    caughtBy: ['ws-task.create.document', 'ws-task.show.document', 'ws-task.list.document', 'ws-task.update.status'],
  }),
  broken({
    name: 'ws-task-stage-last-of-stages',
    description: 'the deprecated stage mirrors the last of stages instead of the first',
    suites: SUITES,
    hooks: eachWorkspaceTask((r) => (r.attributes.stage = r.attributes.stages?.at(-1))),
    caughtBy: ['ws-task.stage.first-of-stages'],
  }),
  broken({
    name: 'ws-task-stages-sorted',
    description: 'stages are stored in lifecycle order instead of the order sent',
    suites: ['workspace-tasks', 'workspace-task-validation'],
    hooks: rewriteRequest(wsTaskWrite, (req) =>
      withAttributes(req, (a) => (Array.isArray(a.stages) ? { ...a, stages: [...a.stages].sort((x, y) => STAGE_ORDER.indexOf(x) - STAGE_ORDER.indexOf(y)) } : a)),
    ),
    caughtBy: ['ws-task.create.echo', 'ws-task.validate.stages-accepted[post_apply,pre_apply,post_plan,pre_plan]'],
  }),
  broken({
    name: 'ws-task-default-stage-pre-plan',
    description: 'an association sent without stages gets ["pre_plan"] instead of ["post_plan"]',
    suites: SUITES,
    hooks: rewriteRequest(route('POST', WS_TASKS), (req) => withAttributes(req, (a) => (a.stages === undefined && a.stage === undefined ? { ...a, stages: ['pre_plan'] } : a))),
    caughtBy: ['ws-task.default.stages'],
  }),
  broken({
    name: 'ws-task-deprecated-stage-ignored',
    description: 'the deprecated stage is ignored on create and on update',
    suites: SUITES,
    hooks: rewriteRequest(wsTaskWrite, (req) => withAttributes(req, ({ stage: _ignored, ...a }) => a)),
    caughtBy: ['ws-task.stage.deprecated[create]', 'ws-task.stage.deprecated[update]'],
  }),
  broken({
    name: 'ws-task-enforcement-forced-advisory',
    description: 'associate stores every association as advisory, whatever was sent',
    suites: SUITES,
    hooks: rewriteRequest(route('POST', WS_TASKS), (req) => withAttributes(req, (a) => ({ ...a, 'enforcement-level': 'advisory' }))),
    caughtBy: ['ws-task.create.echo'],
  }),
  broken({
    name: 'ws-task-ids-unprefixed',
    description: 'workspace task ids are wt-... instead of wstask-... (still usable: requests are mapped back)',
    suites: SUITES,
    hooks: {
      onRequest: (req) => ({ ...req, path: req.path.replace(/\/wt-/, '/wstask-') }),
      onResponse: (_req, res) => (res.body && typeof res.body === 'object' ? { ...res, body: JSON.parse(JSON.stringify(res.body).replace(/wstask-/g, 'wt-')) } : res),
    },
    caughtBy: ['ws-task.id.prefix'],
  }),
  broken({
    name: 'associate-missing-answers-422',
    description: 'associate with an unknown task or through an unknown workspace answers 422 instead of 404',
    suites: SUITES,
    hooks: rewriteResponse(route('POST', WS_TASKS), (res) => (res.status === 404 ? { ...res, status: 422 } : res)),
    caughtBy: ['ws-task.create.unknown-task', 'ws-task.create.unknown-workspace'],
  }),
  broken({
    name: 'ws-task-reads-answer-203',
    description: 'list and show of workspace tasks answer 203 instead of 200',
    suites: SUITES,
    hooks: rewriteResponse((req) => req.method === 'GET' && isWsTaskRoute(req), (res) => ({ ...res, status: res.status === 200 ? 203 : res.status })),
    caughtBy: ['ws-task.show.status', 'ws-task.list.status'],
  }),
  broken({
    name: 'ws-task-missing-answers-400',
    description: 'a missing workspace task (show, update, delete) answers 400 instead of 404',
    suites: SUITES,
    hooks: rewriteResponse((req) => WS_TASK.test(req.path), (res) => ({ ...res, status: res.status === 404 ? 400 : res.status })),
    caughtBy: ['ws-task.show.not-found', 'ws-task.update.not-found', 'ws-task.delete.then-not-found', 'ws-task.other-workspace'],
  }),
  broken({
    name: 'ws-task-show-ignores-deletion',
    description: 'a deleted (or never created) workspace task is still shown',
    suites: SUITES,
    hooks: rewriteResponse(route('GET', WS_TASK), (res, req) =>
      res.status === 404 ? { status: 200, headers: { 'content-type': 'application/vnd.api+json' }, body: { data: { id: req.path.split('/').pop(), type: 'workspace-tasks', attributes: {} } } } : res,
    ),
    caughtBy: ['ws-task.show.not-found', 'ws-task.delete.then-not-found'],
  }),
  broken({
    name: 'ws-task-list-unknown-workspace-empty',
    description: 'listing the tasks of an unknown workspace answers an empty list instead of 404',
    suites: SUITES,
    hooks: rewriteResponse(route('GET', WS_TASKS), (res) => (res.status === 404 ? { status: 200, headers: { 'content-type': 'application/vnd.api+json' }, body: { data: [], links: {}, meta: {} } } : res)),
    caughtBy: ['ws-task.list.workspace-not-found'],
  }),
  broken({
    name: 'ws-task-list-empty',
    description: 'the workspace list never shows any association',
    suites: SUITES,
    hooks: rewriteResponse(route('GET', WS_TASKS), (res) => {
      if (res.status === 200) (res.body as { data: unknown[] }).data = [];
    }),
    caughtBy: ['ws-task.list.contains-created'],
  }),
  broken({
    name: 'ws-task-update-answers-202',
    description: 'PATCH of a workspace task answers 202 Accepted',
    suites: SUITES,
    hooks: rewriteResponse(route('PATCH', WS_TASK), (res) => ({ ...res, status: res.status === 200 ? 202 : res.status })),
    caughtBy: ['ws-task.update.status'],
  }),
  broken({
    name: 'ws-task-update-ignored',
    description: 'PATCH of a workspace task answers 200 but applies nothing',
    suites: ['workspace-tasks', 'workspace-task-validation'],
    hooks: rewriteRequest(route('PATCH', WS_TASK), (req) => withAttributes(req, () => ({}))),
    caughtBy: ['ws-task.update.applies', 'ws-task.stage.deprecated[update]', 'ws-task.validate.stages-accepted'],
  }),
  broken({
    name: 'ws-task-update-resets-omitted',
    description: 'PATCH resets omitted members to defaults (advisory, ["post_plan"]) instead of keeping them',
    suites: SUITES,
    hooks: rewriteRequest(route('PATCH', WS_TASK), (req) => withAttributes(req, (a) => ({ 'enforcement-level': 'advisory', ...(a.stage === undefined ? { stages: ['post_plan'] } : {}), ...a }))),
    caughtBy: ['ws-task.update.keeps-omitted[enforcement-level]', 'ws-task.update.keeps-omitted[stages]'],
  }),
  broken({
    name: 'ws-task-update-missing-answers-422',
    description: 'PATCH of a missing workspace task answers 422 (body judged before existence)',
    suites: SUITES,
    hooks: rewriteResponse(route('PATCH', WS_TASK), (res) => (res.status === 404 ? { ...res, status: 422 } : res)),
    caughtBy: ['ws-task.update.not-found', 'ws-task.other-workspace[update]'],
  }),
  broken({
    name: 'ws-task-delete-answers-200-with-body',
    description: 'DELETE of a workspace task answers 200 with the deleted resource',
    suites: SUITES,
    hooks: rewriteResponse(route('DELETE', WS_TASK), (res, req) =>
      res.status === 204 ? { status: 200, headers: { 'content-type': 'application/vnd.api+json' }, body: { data: { id: req.path.split('/').pop(), type: 'workspace-tasks' } } } : res,
    ),
    caughtBy: ['ws-task.delete.status'],
  }),
  broken({
    name: 'ws-task-delete-again-answers-204',
    description: 'deleting an already deleted workspace task answers 204 again',
    suites: SUITES,
    hooks: rewriteResponse(route('DELETE', WS_TASK), (res) => (res.status === 404 ? { status: 204, headers: {}, body: undefined } : res)),
    caughtBy: ['ws-task.delete.then-not-found'],
  }),
  broken({
    name: 'ws-task-reachable-through-other-workspace',
    description: 'a workspace task can be shown, changed and deleted through any workspace of the organization',
    suites: SUITES,
    hooks: reachableThroughAnyWorkspace(),
    caughtBy: ['ws-task.other-workspace[show]', 'ws-task.other-workspace[update]', 'ws-task.other-workspace[delete]'],
  }),
  broken({
    name: 'task-delete-leaves-dangling-associations',
    description: 'deleting a task answers 204 and the task is gone, but its association stays listed',
    suites: SUITES,
    hooks: taskDeleteLeavesAssociations(),
    caughtBy: ['task.delete.associations'],
  }),
  broken({
    name: 'task-delete-claims-refusal',
    description: 'deleting an associated task answers 422 but deletes it and its associations all the same',
    suites: SUITES,
    hooks: rewriteResponse(route('DELETE', TASK), (res) => (res.status === 204 ? { status: 422, headers: { 'content-type': 'application/vnd.api+json' }, body: { errors: [{ status: '422', title: 'invalid' }] } } : res)),
    caughtBy: ['task.delete.associations'],
  }),
  faithful({
    name: 'task-delete-refused-while-associated',
    description: 'deleting a task that still has associations is refused with 422, as the UI does (allowed: no association dangles)',
    suites: ['workspace-tasks', 'workspace-task-validation'],
    hooks: refuseTaskDeleteWhileAssociated(),
  }),
  faithful({
    name: 'extra-workspace-task-members',
    description: 'unknown attributes, relationships and meta keys on every workspace task (allowed: the contract does not forbid additions)',
    suites: ['workspace-tasks', 'workspace-task-validation'],
    hooks: rewriteResponse(isWsTaskRoute, (res) => {
      eachResource(res.body, (r) => {
        if (r.attributes) r.attributes['x-extra'] = { nested: [1, 'two'] };
        if (r.relationships) r.relationships['run-task-config'] = { data: { id: 'rtc-extra', type: 'task-configs' } };
      });
      if (res.body && typeof res.body === 'object') (res.body as Record<string, unknown>).meta = { ...((res.body as { meta?: object }).meta ?? {}), 'x-extra': true };
    }),
  }),
  faithful({
    name: 'ws-task-patch-stage-narrow',
    description: 'PATCH refuses a deprecated stage of pre_apply/post_apply, as the page\'s PATCH table reads (erratum E8: allowed)',
    suites: ['workspace-tasks', 'workspace-task-validation'],
    hooks: answer(
      (req) => req.method === 'PATCH' && WS_TASK.test(req.path) && ['pre_apply', 'post_apply'].includes(requestAttributes(req)?.stage),
      () => ({ status: 422, headers: { 'content-type': 'application/vnd.api+json' }, body: { errors: [{ status: '422', title: 'invalid attribute', source: { pointer: '/data/attributes/stage' } }] } }),
    ),
  }),
  faithful({
    name: 'workspace-tasks-free-plan',
    description: 'a free organization: one run task, on up to ten workspaces, no global run tasks',
    suites: ['workspace-tasks', 'workspace-task-validation'],
    target: { plan: 'free' },
  }),
];
