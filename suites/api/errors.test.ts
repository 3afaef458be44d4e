// Media type and error documents (api-facts §1): every body is application/vnd.api+json, every error a
// JSON:API error document whose string status is the HTTP status, 422s point at the offending member,
// and writes without the JSON:API media type are refused with 415.
import type { ApiResponse } from '../../src/client/index.ts';
import { defineSuite, type CheckContext } from './_harness/suite.ts';
import { errorDocumentProblem, mediaTypeProblem } from './_harness/predicates.ts';
import { taskBody, workspaceTaskBody } from './_harness/payloads.ts';

const suite = defineSuite('errors');
const MISSING_TASK = 'task-rtcDoesNotExist0';
const MISSING_WS_TASK = 'wstask-rtcDoesNotExist0';
const isSuccess = (status: number) => status >= 200 && status <= 299;

type Call = (t: CheckContext) => Promise<ApiResponse>;

/** A task and its association with the suite's first workspace. */
async function association(t: CheckContext): Promise<{ workspaceId: string; taskId: string; id: string }> {
  const { id: taskId } = await t.createTask();
  const { id: workspaceId } = await t.workspace(0);
  const { id } = await t.associate(workspaceId, taskId);
  return { workspaceId, taskId, id };
}

/** Creates a task that must be refused; removes it if the target created it anyway. */
async function refusedCreate(t: CheckContext, overrides: Record<string, unknown>, options?: { contentType: string | null }): Promise<ApiResponse> {
  const attributes = await t.validTaskAttributes(overrides);
  const res = await t.api.createTask(taskBody(attributes), undefined, options);
  t.keepCreated(res, 'task');
  return res;
}

/** Associates with a body that must be refused; removes the association if the target made it anyway. */
async function refusedAssociate(t: CheckContext, attributes: Record<string, unknown>): Promise<ApiResponse> {
  const { id: taskId } = await t.createTask();
  const { id: workspaceId } = await t.workspace(0);
  const res = await t.api.associate(workspaceId, workspaceTaskBody(taskId, attributes));
  t.keepCreated(res, 'workspace-task', workspaceId);
  return res;
}

/** Each error's `status` member is the HTTP status as a string. */
function errorStatusProblem(res: ApiResponse): string | undefined {
  const errors = (res.json as { errors?: { status?: unknown }[] } | undefined)?.errors;
  if (!Array.isArray(errors)) return undefined; // the schema judgement reports it
  const wrong = errors.map((e) => e?.status).filter((s) => s !== String(res.status));
  return wrong.length ? `errors[].status must be "${res.status}" (the HTTP status, as a string), got ${wrong.map((s) => JSON.stringify(s)).join(', ')}` : undefined;
}

/** The media type is judged on the answer the request was meant to get; anything else is another check's business. */
function expectStatus(t: CheckContext, res: ApiResponse, expected: number | 'success' | 'refusal'): void {
  const ok = expected === 'success' ? isSuccess(res.status) : expected === 'refusal' ? res.status >= 400 && res.status <= 499 : res.status === expected;
  const wanted = expected === 'success' ? 'a success' : expected === 'refusal' ? 'a refusal (4xx)' : expected;
  if (!ok) t.inconclusive(`precondition: expected ${wanted}, got ${res.status}, so the answer asked about was not given`);
}

/**
 * Bodies every reading of the page refuses (name, url and category missing; an association with a task that
 * does not exist), whatever status a target picks: the error document is judged, not the status.
 */
const invalidCreate: Call = (t) => refusedCreate(t, { name: undefined, url: undefined, category: undefined });
const invalidAssociate: Call = async (t) => {
  const { id: workspaceId } = await t.workspace(0);
  const res = await t.api.associate(workspaceId, workspaceTaskBody(MISSING_TASK, { 'enforcement-level': 'blocking' }));
  t.keepCreated(res, 'workspace-task', workspaceId);
  return res;
};

// ---- media-type.responses: a success body of every endpoint that returns one, and the error kinds

const SUCCESSES: readonly [label: string, call: Call][] = [
  ['create-task', async (t) => (await t.createTask()).res],
  ['list-tasks', (t) => t.api.listTasks()],
  ['show-task', async (t) => t.api.showTask((await t.createTask()).id)],
  ['update-task', async (t) => t.api.updateTask((await t.createTask()).id, taskBody({ description: 'updated' }))],
  ['associate', async (t) => (await t.associate((await t.workspace(0)).id, (await t.createTask()).id)).res],
  ['list-workspace-tasks', async (t) => t.api.listWorkspaceTasks((await t.workspace(0)).id)],
  ['show-workspace-task', async (t) => {
    const a = await association(t);
    return t.api.showWorkspaceTask(a.workspaceId, a.id);
  }],
  ['update-workspace-task', async (t) => {
    const a = await association(t);
    return t.api.updateWorkspaceTask(a.workspaceId, a.id, { data: { type: 'workspace-tasks', attributes: { 'enforcement-level': 'mandatory' } } });
  }],
];

const ERRORS: readonly [label: string, status: number | 'refusal', call: Call][] = [
  ['401', 401, (t) => t.api.withToken(null).listTasks()],
  ['404', 404, (t) => t.api.showTask(MISSING_TASK)],
  ['refused', 'refusal', invalidCreate],
];

for (const [label, call] of SUCCESSES) {
  suite.check(`media-type.responses[${label}]`, async (t) => {
    const res = await call(t);
    expectStatus(t, res, 'success');
    t.none([mediaTypeProblem(res)], label);
  });
}

for (const [label, status, call] of ERRORS) {
  suite.check(`media-type.responses[${label}]`, async (t) => {
    const res = await call(t);
    expectStatus(t, res, status);
    t.none([mediaTypeProblem(res)], `${label} error`);
  });
}

// ---- errors.document: the error answers of each kind

const ERROR_DOCUMENTS: readonly [label: string, status: number | 'refusal', call: Call][] = [
  ['401:no-token', 401, (t) => t.api.withToken(null).listTasks()],
  ['404:absent-task', 404, (t) => t.api.showTask(MISSING_TASK)],
  ['404:absent-workspace-task', 404, async (t) => t.api.showWorkspaceTask((await t.workspace(0)).id, MISSING_WS_TASK)],
  ['refused:invalid-create', 'refusal', invalidCreate],
  ['refused:invalid-associate', 'refusal', invalidAssociate],
];

for (const [label, status, call] of ERROR_DOCUMENTS) {
  suite.check(`errors.document[${label}]`, async (t) => {
    const res = await call(t);
    if (status === 'refusal') expectStatus(t, res, status);
    else t.status(res, status);
    t.none([errorDocumentProblem(res), errorStatusProblem(res)], `${label} error document`);
  });
}

// ---- errors.pointer (SHOULD): a 422 names the offending member

const POINTERS: readonly [label: string, pointer: string, call: Call][] = [
  ['name', '/data/attributes/name', (t) => refusedCreate(t, { name: 'not a valid name!' })],
  ['url', '/data/attributes/url', (t) => refusedCreate(t, { url: 'not-a-url' })],
  ['stages', '/data/attributes/stages', (t) => refusedAssociate(t, { 'enforcement-level': 'advisory', stages: ['plan'] })],
  ['enforcement-level', '/data/attributes/enforcement-level', (t) => refusedAssociate(t, { stages: ['post_plan'] })],
];

for (const [label, pointer, call] of POINTERS) {
  suite.check(`errors.pointer[${label}]`, async (t) => {
    const res = await call(t);
    expectStatus(t, res, 422);
    t.pointer(res, pointer);
  });
}

// ---- content-type.required (SHOULD): a valid JSON body without the JSON:API media type is refused with 415

const CONTENT_TYPES: readonly [label: string, contentType: string | null][] = [
  ['application/json', 'application/json'],
  ['none', null],
];

for (const [label, contentType] of CONTENT_TYPES) {
  suite.check(`content-type.required[create:${label}]`, async (t) => {
    t.status(await refusedCreate(t, {}, { contentType }), 415);
  });

  suite.check(`content-type.required[update:${label}]`, async (t) => {
    const { id } = await t.createTask();
    t.status(await t.api.updateTask(id, taskBody({ description: 'sent without the JSON:API media type' }), { contentType }), 415);
  });
}
