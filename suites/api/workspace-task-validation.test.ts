// Workspace-task request validation (run-tasks-api § Associate a Run Task to a Workspace and § Update
// Workspace Run Task, Request Body): what must be refused with 422 and change nothing, and what must be accepted.
// Where the refusal points (source.pointer) is judged by errors.pointer, not here.
import { page } from './_harness/api.ts';
import { defineSuite, type CheckContext } from './_harness/suite.ts';
import { INVALID_ENFORCEMENT, INVALID_STAGES, stageCombinations, workspaceTaskBody, workspaceTaskPatchBody } from './_harness/payloads.ts';
import type { WorkspaceTaskDocument, WorkspaceTaskListDocument } from '../../src/types/contract.ts';

const suite = defineSuite('workspace-task-validation');

type Attributes = Record<string, unknown>;
const VALID: Attributes = { 'enforcement-level': 'advisory', 'stages': ['post_plan'] };

/** Every association id listed for a workspace (one page of 100: the shared workspace holds a handful). */
async function listedIds(t: CheckContext, workspaceId: string): Promise<string[]> {
  const doc = (await t.api.listWorkspaceTasks(workspaceId, page(1, 100))).json as WorkspaceTaskListDocument | undefined;
  return (doc?.data ?? []).map((d) => d.id);
}

/**
 * Posts `body` (built around a fresh, valid task) to shared workspace 0 and expects a 422 (`anyRefusal`: any
 * 4xx, where the page names no status) that creates nothing. Whatever a wrongly accepting target creates is
 * tracked, so it is removed all the same.
 */
async function expectCreateRefused(t: CheckContext, body: (taskId: string) => unknown, anyRefusal = false): Promise<void> {
  const ws = await t.workspace(0);
  const { id: taskId } = await t.createTask();
  const before = await listedIds(t, ws.id);
  const res = await t.api.associate(ws.id, body(taskId));
  const created = (await listedIds(t, ws.id)).filter((id) => !before.includes(id));
  for (const id of created) t.track({ kind: 'workspace-task', id, parent: ws.id });
  if (anyRefusal) t.refused(res);
  else t.error(res, 422);
  t.none(created.map((id) => `the refused request created workspace task ${id}`));
}

/** The members of a workspace task a refused PATCH must leave alone, as shown now. */
async function shown(t: CheckContext, workspaceId: string, id: string): Promise<Attributes> {
  const res = await t.api.showWorkspaceTask(workspaceId, id);
  const attributes = (res.json as WorkspaceTaskDocument | undefined)?.data?.attributes;
  if (res.status < 200 || res.status > 299 || !attributes) t.inconclusive(`precondition: could not show workspace task ${id} (status ${res.status})`);
  return { 'enforcement-level': attributes['enforcement-level'], 'stage': attributes.stage, 'stages': attributes.stages };
}

/** PATCHes a fresh association with `body` and expects a 422 that changes nothing. */
async function expectUpdateRefused(t: CheckContext, body: unknown): Promise<void> {
  const ws = await t.workspace(0);
  const { id: taskId } = await t.createTask();
  const { id } = await t.associate(ws.id, taskId, VALID);
  const before = await shown(t, ws.id, id);
  const res = await t.api.updateWorkspaceTask(ws.id, id, body);
  const after = await shown(t, ws.id, id);
  t.error(res, 422);
  t.none(Object.keys(before).map((key) => (JSON.stringify(before[key]) === JSON.stringify(after[key]) ? undefined : `the refused PATCH changed ${key} from ${JSON.stringify(before[key])} to ${JSON.stringify(after[key])}`)));
}

/** A valid association body with its attributes replaced (members set to undefined are dropped by JSON). */
const createWith = (attributes: Attributes) => (taskId: string) => workspaceTaskBody(taskId, { ...VALID, ...attributes });

// ---- data.type: Must be "workspace-tasks"

const WRONG_TYPES: readonly [label: string, type: string | undefined][] = [
  ['tasks', 'tasks'],
  ['snake-case', 'workspace_tasks'],
  ['missing', undefined],
];

for (const [label, type] of WRONG_TYPES) {
  suite.check(`ws-task.validate.type[create:${label}]`, (t) =>
    expectCreateRefused(t, (taskId) => {
      const body = workspaceTaskBody(taskId, VALID);
      return { data: { ...body.data, type } };
    }),
  );
}

// On PATCH the type may be left out ("(previous value)"), but when present it must be right.
suite.check('ws-task.validate.type[update:tasks]', (t) => expectUpdateRefused(t, { data: { type: 'tasks', attributes: { 'enforcement-level': 'mandatory' } } }));

// ---- enforcement-level: required on create, "advisory" or "mandatory"

const NO_ENFORCEMENT: readonly [label: string, body: (taskId: string) => unknown][] = [
  ['missing', createWith({ 'enforcement-level': undefined })],
  ['no-attributes', (taskId) => ({ data: { type: 'workspace-tasks', relationships: { task: { data: { id: taskId, type: 'tasks' } } } } })],
];

for (const [label, body] of NO_ENFORCEMENT) {
  suite.check(`ws-task.validate.enforcement-required[${label}]`, (t) => expectCreateRefused(t, body));
}

for (const [label, value] of INVALID_ENFORCEMENT) {
  suite.check(`ws-task.validate.enforcement-refused[create:${label}]`, (t) => expectCreateRefused(t, createWith({ 'enforcement-level': value })));
  suite.check(`ws-task.validate.enforcement-refused[update:${label}]`, (t) => expectUpdateRefused(t, workspaceTaskPatchBody({ 'enforcement-level': value })));
}

// ---- stages: one or more of the four stages

for (const [label, value] of INVALID_STAGES) {
  suite.check(`ws-task.validate.stages-refused[create:${label}]`, (t) => expectCreateRefused(t, createWith({ stages: value })));
  suite.check(`ws-task.validate.stages-refused[update:${label}]`, (t) => expectUpdateRefused(t, workspaceTaskPatchBody({ stages: value })));
}

// The deprecated `stage` takes the same values. On PATCH only a value no reading allows (erratum E8).
suite.check('ws-task.validate.stages-refused[create:stage-unknown]', (t) => expectCreateRefused(t, createWith({ stages: undefined, stage: 'plan' })));
suite.check('ws-task.validate.stages-refused[update:stage-unknown]', (t) => expectUpdateRefused(t, workspaceTaskPatchBody({ stage: 'plan' })));

for (const stages of stageCombinations()) {
  suite.check(`ws-task.validate.stages-accepted[${stages.join(',')}]`, async (t) => {
    const ws = await t.workspace(0);
    const { id: taskId } = await t.createTask();
    const { id } = await t.associate(ws.id, taskId, VALID);
    const res = await t.api.updateWorkspaceTask(ws.id, id, workspaceTaskPatchBody({ stages }));
    // Any success: the exact status is ws-task.update.status's to judge.
    t.assert(res.status >= 200 && res.status < 300, `PATCH stages ${JSON.stringify(stages)} was refused (status ${res.status})`);
    const got = (await shown(t, ws.id, id)).stages;
    t.assert(JSON.stringify(got) === JSON.stringify(stages), `stages patched to ${JSON.stringify(stages)} read back as ${JSON.stringify(got)}`);
  });
}

// ---- relationships.task: required, {id, type "tasks"}; refused with a 4xx (404 "task not found" and 422 both read the page)

const BAD_TASK_RELATIONSHIP: readonly [label: string, relationships: (taskId: string) => unknown][] = [
  ['missing-relationships', () => undefined],
  ['missing-task', () => ({})],
  ['null-data', () => ({ task: { data: null } })],
  ['data-without-id', () => ({ task: { data: { type: 'tasks' } } })],
  ['type-workspaces', (taskId) => ({ task: { data: { id: taskId, type: 'workspaces' } } })],
  ['type-missing', (taskId) => ({ task: { data: { id: taskId } } })],
];

for (const [label, relationships] of BAD_TASK_RELATIONSHIP) {
  suite.check(`ws-task.validate.task-relationship[${label}]`, (t) =>
    expectCreateRefused(t, (taskId) => ({ data: { type: 'workspace-tasks', attributes: VALID, relationships: relationships(taskId) } }), true),
  );
}
