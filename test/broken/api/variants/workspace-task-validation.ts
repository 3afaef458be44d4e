// Variants caught by the workspace-task-validation suite: each lets one kind of invalid request through
// (rewritten into a valid one before the faithful target sees it), or refuses it the wrong way.
import type { HookRequest, EmulatorHooks } from '../../../../src/api/emulator/index.ts';
import { broken, eachResource, faithful, rewriteRequest, rewriteResponse, route, TASKS, WS_TASK, WS_TASKS, type Variant } from '../../variant.ts';

const STAGES = ['pre_plan', 'post_plan', 'pre_apply', 'post_apply'];
const SUITES: Variant['suites'] = ['workspace-task-validation'];

const isCreate = (req: HookRequest) => req.method === 'POST' && WS_TASKS.test(req.path);
const isWrite = (req: HookRequest) => isCreate(req) || (req.method === 'PATCH' && WS_TASK.test(req.path));

type Data = Record<string, any>;

/** The request with its `data` member replaced by `change(data)` (a copy: the original is left alone). */
function withData(req: HookRequest, change: (data: Data) => Data): HookRequest {
  const data = (req.body as { data?: unknown } | undefined)?.data;
  if (typeof data !== 'object' || data === null) return req;
  return { ...req, body: { ...(req.body as object), data: change(structuredClone(data) as Data) } };
}

/** Rewrites the attributes of every workspace-task write. */
const fixAttributes = (change: (attributes: Data, req: HookRequest) => Data): EmulatorHooks =>
  rewriteRequest(isWrite, (req) => withData(req, (data) => ({ ...data, attributes: change(data.attributes ?? {}, req) })));

const validStages = (v: unknown) => Array.isArray(v) && v.length > 0 && v.every((s) => STAGES.includes(s));
const validLevel = (v: unknown) => v === 'advisory' || v === 'mandatory';

/** Lets invalid enforcement levels through as "mandatory", then answers 422 anyway: refused in word, applied in deed. */
function enforcementRefusedButApplied(): EmulatorHooks {
  const smuggled = new WeakSet<HookRequest>();
  return {
    onRequest(req) {
      if (!isWrite(req)) return req;
      const level = (req.body as { data?: { attributes?: Data } } | undefined)?.data?.attributes?.['enforcement-level'];
      if (level === undefined || validLevel(level)) return req;
      const rewritten = withData(req, (data) => ({ ...data, attributes: { ...data.attributes, 'enforcement-level': 'mandatory' } }));
      smuggled.add(rewritten);
      return rewritten;
    },
    onResponse(req, res) {
      if (!smuggled.has(req) || res.status >= 300) return res;
      return { status: 422, headers: { 'content-type': 'application/vnd.api+json' }, body: { errors: [{ status: '422', title: 'invalid attribute', source: { pointer: '/data/attributes/enforcement-level' } }] } };
    },
  };
}

/** Completes a missing or malformed relationships.task with the task created last (learned from the answers). */
function taskRelationshipNotChecked(): EmulatorHooks {
  let lastTask: string | undefined;
  return {
    onRequest(req) {
      if (!isCreate(req) || lastTask === undefined) return req;
      const task = lastTask;
      return withData(req, (data) => {
        const given = data.relationships?.task?.data;
        const id = typeof given?.id === 'string' && given.id !== '' ? given.id : task;
        return { ...data, relationships: { ...data.relationships, task: { data: { id, type: 'tasks' } } } };
      });
    },
    onResponse(req, res) {
      if (req.method === 'POST' && TASKS.test(req.path) && res.status === 201) eachResource(res.body, (r) => (lastTask = r.id));
    },
  };
}

export default [
  broken({
    name: 'ws-task-type-not-checked',
    description: 'data.type of a workspace-task write is not checked (any or no type is taken as "workspace-tasks")',
    suites: SUITES,
    hooks: rewriteRequest(isWrite, (req) => withData(req, (data) => ({ ...data, type: 'workspace-tasks' }))),
    caughtBy: ['ws-task.validate.type[create:tasks]', 'ws-task.validate.type[create:missing]', 'ws-task.validate.type[update:tasks]'],
  }),
  broken({
    name: 'ws-task-enforcement-defaults-advisory',
    description: 'an association without enforcement-level is created as advisory instead of refused',
    suites: SUITES,
    hooks: rewriteRequest(isCreate, (req) => withData(req, (data) => ({ ...data, attributes: { 'enforcement-level': 'advisory', ...data.attributes } }))),
    caughtBy: ['ws-task.validate.enforcement-required[missing]', 'ws-task.validate.enforcement-required[no-attributes]'],
  }),
  broken({
    name: 'ws-task-enforcement-not-checked',
    description: 'an unknown enforcement level is taken as advisory, on create and on update',
    suites: SUITES,
    hooks: fixAttributes((a) => ('enforcement-level' in a && !validLevel(a['enforcement-level']) ? { ...a, 'enforcement-level': 'advisory' } : a)),
    caughtBy: ['ws-task.validate.enforcement-refused[create:mis-cased]', 'ws-task.validate.enforcement-refused[update:unknown]', 'ws-task.validate.enforcement-refused[update:number]'],
  }),
  broken({
    name: 'ws-task-enforcement-refused-but-applied',
    description: 'an invalid enforcement level answers 422 but is applied (as mandatory) all the same',
    suites: SUITES,
    hooks: enforcementRefusedButApplied(),
    caughtBy: ['ws-task.validate.enforcement-refused[create:unknown]', 'ws-task.validate.enforcement-refused[update:empty]'],
  }),
  broken({
    name: 'ws-task-stages-not-checked',
    description: 'invalid stages (and an invalid deprecated stage) fall back to post_plan, on create and on update',
    suites: SUITES,
    hooks: fixAttributes((a) => {
      const fixed = { ...a };
      if ('stages' in fixed && !validStages(fixed.stages)) fixed.stages = ['post_plan'];
      if ('stage' in fixed && !STAGES.includes(fixed.stage)) fixed.stage = 'post_plan';
      return fixed;
    }),
    caughtBy: [
      'ws-task.validate.stages-refused[create:empty]',
      'ws-task.validate.stages-refused[create:mis-cased]',
      'ws-task.validate.stages-refused[update:hyphenated]',
      'ws-task.validate.stages-refused[update:null-item]',
      'ws-task.validate.stages-refused[create:stage-unknown]',
      'ws-task.validate.stages-refused[update:stage-unknown]',
    ],
  }),
  broken({
    name: 'ws-task-patch-refuses-post-apply',
    description: 'PATCH refuses stages containing post_apply (an old server without that stage)',
    suites: SUITES,
    hooks: {
      onRequest: (req) =>
        req.method === 'PATCH' && WS_TASK.test(req.path) && JSON.stringify(req.body ?? null).includes('post_apply')
          ? { status: 422, headers: { 'content-type': 'application/vnd.api+json' }, body: { errors: [{ status: '422', title: 'invalid attribute' }] } }
          : req,
    },
    caughtBy: ['ws-task.validate.stages-accepted[post_apply]', 'ws-task.validate.stages-accepted[pre_plan,post_plan,pre_apply,post_apply]'],
  }),
  broken({
    name: 'ws-task-task-relationship-not-checked',
    description: 'a missing or malformed relationships.task is completed instead of refused',
    suites: SUITES,
    hooks: taskRelationshipNotChecked(),
    caughtBy: [
      'ws-task.validate.task-relationship[missing-relationships]',
      'ws-task.validate.task-relationship[data-without-id]',
      'ws-task.validate.task-relationship[type-workspaces]',
    ],
  }),
  broken({
    name: 'ws-task-refusals-answer-400',
    description: 'invalid workspace-task writes are refused with 400 instead of 422',
    suites: SUITES,
    hooks: rewriteResponse(isWrite, (res) => ({ ...res, status: res.status === 422 ? 400 : res.status })),
    caughtBy: [
      'ws-task.validate.type',
      'ws-task.validate.enforcement-required',
      'ws-task.validate.enforcement-refused',
      'ws-task.validate.stages-refused',
    ],
    // The page names no status for a bad task relationship: 400 is a refusal like any 4xx.
    notCaughtBy: ['ws-task.validate.task-relationship'],
  }),
  faithful({
    name: 'ws-task-relationship-refusals-404',
    description: 'an association whose task relationship is missing or malformed is answered 404 ("task not found"), not 422',
    suites: SUITES,
    hooks: rewriteResponse(route('POST', WS_TASKS), (res) => {
      const pointer = (res.body as { errors?: { source?: { pointer?: string } }[] } | undefined)?.errors?.[0]?.source?.pointer ?? '';
      return res.status === 422 && pointer.startsWith('/data/relationships/task') ? { ...res, status: 404, body: { errors: [{ status: '404', title: 'not found' }] } } : res;
    }),
  }),
  broken({
    name: 'ws-task-refusals-not-json-api',
    description: 'refusals carry a plain JSON body ({"error": "..."}) instead of a JSON:API error document',
    suites: SUITES,
    hooks: rewriteResponse(route('POST', WS_TASKS), (res) => (res.status === 422 ? { status: 422, headers: { 'content-type': 'application/json' }, body: { error: 'invalid' } } : res)),
    caughtBy: ['ws-task.validate.type[create:tasks]', 'ws-task.validate.task-relationship[type-workspaces]'],
  }),
];
