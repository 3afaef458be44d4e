// Workspace run tasks: associate, list, show, update, delete (run-tasks-api § Associate a Run Task to a
// Workspace, List/Show/Update/Delete Workspace Run Task), plus what deleting an associated task does.
import { page } from './_harness/api.ts';
import { defineSuite, type CheckContext } from './_harness/suite.ts';
import { emptyBodyProblem, selfLinkPath, selfLinkProblem } from './_harness/predicates.ts';
import { workspaceTaskBody, workspaceTaskPatchBody } from './_harness/payloads.ts';
import type { ApiResponse } from '../../src/client/index.ts';
import type { WorkspaceTask, WorkspaceTaskDocument, WorkspaceTaskListDocument } from '../../src/types/contract.ts';

const suite = defineSuite('workspace-tasks');
const MISSING_TASK = 'task-rtcDoesNotExist0';
const MISSING_WORKSPACE = 'ws-rtcDoesNotExist0';
const MISSING_WS_TASK = 'wstask-rtcDoesNotExist0';

type Attributes = Record<string, unknown>;

interface Association {
  workspaceId: string;
  taskId: string;
  id: string;
  res: ApiResponse;
}

/** A fresh task associated with shared workspace 0. */
async function associated(t: CheckContext, attributes: Attributes = { 'enforcement-level': 'advisory' }): Promise<Association> {
  const ws = await t.workspace(0);
  const { id: taskId } = await t.createTask();
  const { id, res } = await t.associate(ws.id, taskId, attributes);
  return { workspaceId: ws.id, taskId, id, res };
}

/** The resource as the service holds it now (a precondition: anything but a readable 2xx is inconclusive). */
async function readBack(t: CheckContext, workspaceId: string, id: string): Promise<WorkspaceTask> {
  const res = await t.api.showWorkspaceTask(workspaceId, id);
  const data = (res.json as WorkspaceTaskDocument | undefined)?.data;
  if (res.status < 200 || res.status > 299 || !data?.attributes) t.inconclusive(`precondition: could not read workspace task ${id} back (status ${res.status})`);
  return data;
}

/** PATCHes `attributes`; any success will do (the exact status is ws-task.update.status's to judge). */
async function patched(t: CheckContext, workspaceId: string, id: string, attributes: Attributes): Promise<void> {
  const res = await t.api.updateWorkspaceTask(workspaceId, id, workspaceTaskPatchBody(attributes));
  t.assert(res.status >= 200 && res.status < 300, `PATCH ${JSON.stringify(attributes)} was not accepted (status ${res.status})`);
}

/** The create answer's resource, when it carried one (a 204 does not; judged by ws-task.create.document). */
const createdResource = (res: ApiResponse): WorkspaceTask | undefined => (res.json as WorkspaceTaskDocument | undefined)?.data;

/** Every association id listed for a workspace (one page of 100: a check's workspace holds a handful). */
async function listedIds(t: CheckContext, workspaceId: string): Promise<string[]> {
  const doc = (await t.api.listWorkspaceTasks(workspaceId, page(1, 100))).json as WorkspaceTaskListDocument | undefined;
  return (doc?.data ?? []).map((d) => d.id);
}

/** The members a PATCH may change (and a misdirected one must leave alone). */
const judged = (resource: WorkspaceTask): Attributes => {
  const { 'enforcement-level': level, stage, stages } = resource.attributes;
  return { 'enforcement-level': level, stage, stages };
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What differs between what was expected of a workspace task and what it shows. */
function mismatches(what: string, resource: WorkspaceTask | undefined, expected: Attributes): string[] {
  const got = (resource?.attributes ?? {}) as Attributes;
  return Object.entries(expected).flatMap(([key, value]) =>
    same(got[key], value) ? [] : [`${what}: ${key} should be ${JSON.stringify(value)}, got ${JSON.stringify(got[key])}`],
  );
}

// ---- associate

suite.check('ws-task.create.status', async (t) => {
  const { res } = await associated(t);
  // 201 is what the service answers; the page's table says 204 (erratum E1): both are a success.
  t.status(res, [201, 204]);
});

suite.check('ws-task.create.document', async (t) => {
  const { res } = await associated(t);
  t.status(res, 201, 'associate (clients such as go-tfe decode the answer)');
  t.document(res, 'workspace-task-document');
});

suite.check('ws-task.create.echo', async (t) => {
  // Out of lifecycle order, so that a service sorting the stages is caught too.
  const sent = { 'enforcement-level': 'mandatory', 'stages': ['pre_apply', 'pre_plan'] };
  const { res, id, workspaceId, taskId } = await associated(t, sent);
  const answers = [['associate answer', createdResource(res)], ['show', await readBack(t, workspaceId, id)]] as const;
  t.none(
    answers.flatMap(([what, resource]) =>
      resource === undefined
        ? []
        : [
            ...mismatches(what, resource, sent),
            resource.relationships?.task?.data?.id === taskId ? undefined : `${what}: relationships.task should be ${taskId}, got ${JSON.stringify(resource.relationships?.task?.data?.id)}`,
          ],
    ),
  );
});

suite.check('ws-task.default.stages', async (t) => {
  const { id, workspaceId } = await associated(t, { 'enforcement-level': 'advisory' });
  t.none(mismatches('show', await readBack(t, workspaceId, id), { stages: ['post_plan'], stage: 'post_plan' }));
});

suite.check('ws-task.stage.deprecated[create]', async (t) => {
  const { id, workspaceId } = await associated(t, { 'enforcement-level': 'advisory', 'stage': 'pre_plan' });
  t.none(mismatches('show', await readBack(t, workspaceId, id), { stages: ['pre_plan'], stage: 'pre_plan' }));
});

suite.check('ws-task.stage.deprecated[update]', async (t) => {
  const { id, workspaceId } = await associated(t);
  // Only pre_plan: the PATCH table allows pre_plan and post_plan alone (erratum E8).
  await patched(t, workspaceId, id, { stage: 'pre_plan' });
  t.none(mismatches('show', await readBack(t, workspaceId, id), { stage: 'pre_plan' }));
});

suite.check('ws-task.stage.first-of-stages', async (t) => {
  // Not in lifecycle order: tells "first of stages" from "earliest stage".
  const { res, id, workspaceId } = await associated(t, { 'enforcement-level': 'advisory', 'stages': ['post_apply', 'pre_plan'] });
  const listed = ((await t.api.listWorkspaceTasks(workspaceId, page(1, 100))).json as WorkspaceTaskListDocument | undefined)?.data?.find((d) => d.id === id);
  const answers = [['associate answer', createdResource(res)], ['show', await readBack(t, workspaceId, id)], ['list', listed]] as const;
  t.none(answers.map(([what, resource]) => (resource === undefined ? undefined : stageProblem(what, resource))));
});

/** stage must be present and equal to stages[0]. */
function stageProblem(what: string, resource: WorkspaceTask): string | undefined {
  const { stage, stages } = resource.attributes;
  return stage !== undefined && stage === stages?.[0] ? undefined : `${what}: stage ${JSON.stringify(stage)} is not the first of stages ${JSON.stringify(stages)}`;
}

suite.check('ws-task.id.prefix', async (t) => {
  const { id } = await associated(t);
  t.assert(/^wstask-[A-Za-z0-9]+$/.test(id), `workspace task ids look like wstask-XXXXXXXXXXXXXXXX, got ${id}`);
});

suite.check('ws-task.create.unknown-task', async (t) => {
  const ws = await t.workspace(0);
  t.error(await t.api.associate(ws.id, workspaceTaskBody(MISSING_TASK, { 'enforcement-level': 'advisory' })), 404);
});

suite.check('ws-task.create.unknown-workspace', async (t) => {
  const { id: taskId } = await t.createTask();
  t.error(await t.api.associate(MISSING_WORKSPACE, workspaceTaskBody(taskId, { 'enforcement-level': 'advisory' })), 404);
});

// ---- show, list

suite.check('ws-task.show.status', async (t) => {
  const { id, workspaceId } = await associated(t);
  t.status(await t.api.showWorkspaceTask(workspaceId, id), 200);
});

suite.check('ws-task.show.document', async (t) => {
  const { id, workspaceId, taskId } = await associated(t);
  const doc = t.document<WorkspaceTaskDocument>(await t.api.showWorkspaceTask(workspaceId, id), 'workspace-task-document');
  t.none([
    doc.data.id === id ? undefined : `show returned ${doc.data.id} for ${id}`,
    doc.data.relationships.task.data.id === taskId ? undefined : `relationships.task is ${doc.data.relationships.task.data.id}, expected ${taskId}`,
    doc.data.relationships.workspace.data.id === workspaceId ? undefined : `relationships.workspace is ${doc.data.relationships.workspace.data.id}, expected ${workspaceId}`,
  ]);
});

/** Ways to ask for a workspace task that is not there. */
const NOT_THERE: readonly [label: string, where: (t: CheckContext) => Promise<[workspaceId: string, id: string]>][] = [
  ['missing-id', async (t) => [(await t.workspace(0)).id, MISSING_WS_TASK]],
  ['missing-workspace', async () => [MISSING_WORKSPACE, MISSING_WS_TASK]],
];

for (const [label, where] of NOT_THERE) {
  suite.check(`ws-task.show.not-found[${label}]`, async (t) => {
    const [workspaceId, id] = await where(t);
    t.error(await t.api.showWorkspaceTask(workspaceId, id), 404);
  });
}

suite.check('ws-task.list.status', async (t) => {
  t.status(await t.api.listWorkspaceTasks((await t.workspace(0)).id), 200);
});

suite.check('ws-task.list.document', async (t) => {
  const { workspaceId } = await associated(t);
  t.document(await t.api.listWorkspaceTasks(workspaceId), 'workspace-task-list-document');
});

suite.check('ws-task.list.contains-created', async (t) => {
  const { id, workspaceId } = await associated(t);
  t.assert((await listedIds(t, workspaceId)).includes(id), `workspace task ${id} is not in its workspace's list`);
});

suite.check('ws-task.list.workspace-not-found', async (t) => {
  t.error(await t.api.listWorkspaceTasks(MISSING_WORKSPACE), 404);
});

// ---- links.self of a workspace task, in each answer that carries one

/** Each answer that carries the association: [label, its links.self there]. */
const SELF_SOURCES: readonly [label: string, read: (t: CheckContext, a: Association) => Promise<unknown>][] = [
  ['associate', async (t, a) => {
    const resource = createdResource(a.res);
    return resource ? resource.links?.self : notApplicableWithoutBody(t, a);
  }],
  ['show', async (t, a) => (await readBack(t, a.workspaceId, a.id)).links?.self],
  ['update', async (t, a) => ((await t.api.updateWorkspaceTask(a.workspaceId, a.id, workspaceTaskPatchBody({ 'enforcement-level': 'mandatory' }))).json as WorkspaceTaskDocument | undefined)?.data?.links?.self],
  ['list', async (t, a) => ((await t.api.listWorkspaceTasks(a.workspaceId, page(1, 100))).json as WorkspaceTaskListDocument | undefined)?.data?.find((d) => d.id === a.id)?.links?.self],
];

/** A 204 without a body carries no link (judged by ws-task.create.document, not here). */
function notApplicableWithoutBody(t: CheckContext, a: Association): never {
  return t.notApplicable(`the associate answer (${a.res.status}) carries no document, so no links.self`);
}

for (const [label, read] of SELF_SOURCES) {
  suite.check(`ws-task.links.self[${label}]`, async (t) => {
    const a = await associated(t);
    const link = await read(t, a);
    if (typeof link !== 'string') return t.fail(`the ${label} answer carries no links.self for workspace task ${a.id}`);
    t.none([selfLinkProblem(await t.api.follow(selfLinkPath(link, a.id)), { id: a.id, type: 'workspace-tasks' }, link)]);
  });
}

// ---- update

suite.check('ws-task.update.status', async (t) => {
  const { id, workspaceId } = await associated(t);
  const res = await t.api.updateWorkspaceTask(workspaceId, id, workspaceTaskPatchBody({ 'enforcement-level': 'mandatory' }));
  t.status(res, 200);
  t.document(res, 'workspace-task-document');
});

/** One member patched alone: [member, value the association starts with, value patched in]. */
const MEMBERS: readonly [member: string, from: unknown, to: unknown][] = [
  ['enforcement-level', 'advisory', 'mandatory'],
  ['stages', ['pre_plan', 'pre_apply'], ['post_apply', 'post_plan']],
];

for (const [member, from, to] of MEMBERS) {
  suite.check(`ws-task.update.applies[${member}]`, async (t) => {
    const { id, workspaceId } = await associated(t, { 'enforcement-level': 'advisory', 'stages': ['pre_plan', 'pre_apply'], [member]: from });
    await patched(t, workspaceId, id, { [member]: to });
    t.none(mismatches('show after the PATCH', await readBack(t, workspaceId, id), { [member]: to }));
  });
}

/** Each member omitted in turn (stage goes with stages); values that are not the defaults, so a reset shows. */
const KEPT: readonly [omitted: string, patch: Attributes, kept: readonly string[]][] = [
  ['enforcement-level', { stages: ['post_apply'] }, ['enforcement-level']],
  ['stages', { 'enforcement-level': 'advisory' }, ['stages', 'stage']],
];

for (const [omitted, patch, kept] of KEPT) {
  suite.check(`ws-task.update.keeps-omitted[${omitted}]`, async (t) => {
    const { id, workspaceId } = await associated(t, { 'enforcement-level': 'mandatory', 'stages': ['pre_plan', 'pre_apply'] });
    const before = judged(await readBack(t, workspaceId, id));
    await patched(t, workspaceId, id, patch);
    const expected = Object.fromEntries(kept.map((key) => [key, before[key]]));
    t.none(mismatches(`show after a PATCH omitting ${omitted}`, await readBack(t, workspaceId, id), expected));
  });
}

suite.check('ws-task.update.not-found', async (t) => {
  const ws = await t.workspace(0);
  t.error(await t.api.updateWorkspaceTask(ws.id, MISSING_WS_TASK, workspaceTaskPatchBody({ 'enforcement-level': 'mandatory' })), 404);
});

// ---- delete

suite.check('ws-task.delete.status', async (t) => {
  const { id, workspaceId } = await associated(t);
  const res = await t.api.deleteWorkspaceTask(workspaceId, id);
  t.status(res, 204);
  t.none([emptyBodyProblem(res)]);
});

suite.check('ws-task.delete.then-not-found', async (t) => {
  const { id, workspaceId } = await associated(t);
  const first = await t.api.deleteWorkspaceTask(workspaceId, id);
  // The exact success status is ws-task.delete.status's to judge.
  if (first.status < 200 || first.status > 299) t.inconclusive(`precondition: could not delete workspace task ${id} (status ${first.status})`);
  t.error(await t.api.showWorkspaceTask(workspaceId, id), 404);
  t.error(await t.api.deleteWorkspaceTask(workspaceId, id), 404);
});

// ---- a workspace task belongs to its workspace

const THROUGH_OTHER: readonly [operation: string, call: (t: CheckContext, workspaceId: string, id: string) => Promise<ApiResponse>][] = [
  ['show', (t, ws, id) => t.api.showWorkspaceTask(ws, id)],
  ['update', (t, ws, id) => t.api.updateWorkspaceTask(ws, id, workspaceTaskPatchBody({ 'enforcement-level': 'mandatory', 'stages': ['post_apply'] }))],
  ['delete', (t, ws, id) => t.api.deleteWorkspaceTask(ws, id)],
];

for (const [operation, call] of THROUGH_OTHER) {
  suite.check(`ws-task.other-workspace[${operation}]`, async (t) => {
    const { id, workspaceId } = await associated(t, { 'enforcement-level': 'advisory', 'stages': ['pre_plan'] });
    const before = await readBack(t, workspaceId, id);
    const other = await t.workspace(1);
    t.error(await call(t, other.id, id), 404);
    const after = await t.api.showWorkspaceTask(workspaceId, id);
    t.assert(after.status >= 200 && after.status < 300, `after a ${operation} through workspace ${other.id}, ${id} is no longer shown in its own workspace (status ${after.status})`);
    t.none(mismatches(`after a ${operation} through another workspace`, (after.json as WorkspaceTaskDocument).data, judged(before)));
  });
}

// ---- deleting a task that still has an association (task-lifecycle family; the page leaves it open)

suite.check('task.delete.associations', async (t) => {
  const { id, workspaceId, taskId } = await associated(t);
  const res = await t.api.deleteTask(taskId);
  const shown = await t.api.showWorkspaceTask(workspaceId, id);
  const listed = (await listedIds(t, workspaceId)).includes(id);
  t.none([associationsProblem(res.status, shown.status, listed)], `DELETE /tasks/${taskId} with association ${id}`);
});

/** Refused (4xx) with the association intact, or done (2xx) with the association gone: never dangling. */
function associationsProblem(deleteStatus: number, showStatus: number, listed: boolean): string | undefined {
  if (deleteStatus >= 400 && deleteStatus < 500) {
    return showStatus === 200 && listed ? undefined : `the delete was refused (${deleteStatus}) yet the association is gone (show ${showStatus}, listed ${listed})`;
  }
  if (deleteStatus >= 200 && deleteStatus < 300) {
    return showStatus === 404 && !listed ? undefined : `the task was deleted (${deleteStatus}) but its association is left dangling (show ${showStatus}, listed ${listed})`;
  }
  return `expected a success or a 4xx refusal, got ${deleteStatus}`;
}
