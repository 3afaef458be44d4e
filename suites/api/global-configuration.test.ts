// Global configuration of a run task: data.attributes.global-configuration (run-tasks-api § Create a Run
// Task and § Update a Run Task, Request Body; api-facts §4). Only organizations with the global-run-tasks
// entitlement see the block; without it a create carrying the block succeeds and the block is dropped.
import type { ApiResponse } from '../../src/client/index.ts';
import type { TaskDocument } from '../../src/types/contract.ts';
import { INVALID_ENFORCEMENT, INVALID_STAGES, stageCombinations, taskBody } from './_harness/payloads.ts';
import { statusProblem } from './_harness/predicates.ts';
import { defineSuite } from './_harness/suite.ts';

const suite = defineSuite('global-configuration');

const GLOBAL = 'global-configuration';
type Global = Record<string, unknown>;

/** Off, so that a task created by a check is never attached to every workspace of a real organization. */
const QUIET: Global = { 'enabled': false, 'stages': ['pre_plan'], 'enforcement-level': 'advisory' };

suite.check('task.global.default-enabled', async (t) => {
  await t.requireGlobalRunTasks(true);
  const { id, res } = await t.createTask();
  const answers: [string, ApiResponse][] = [['create', res], ['show', await t.api.showTask(id)]];
  t.none(answers.map(([where, r]) => {
    const global = globalOf(r);
    if (!global) return `${where}: the entitled organization's task has no ${GLOBAL}`;
    return global.enabled === false ? undefined : `${where}: ${GLOBAL}.enabled defaults to false, got ${JSON.stringify(global.enabled)}`;
  }));
});

/** Stages deliberately out of lifecycle order: the service keeps the order it was given. */
const ROUND_TRIPS: readonly [label: string, global: Global][] = [
  ['enabled', { 'enabled': true, 'stages': ['post_plan', 'pre_plan'], 'enforcement-level': 'mandatory' }],
  ['disabled', { 'enabled': false, 'stages': ['post_apply', 'pre_plan', 'pre_apply'], 'enforcement-level': 'advisory' }],
];

for (const [label, global] of ROUND_TRIPS) {
  suite.check(`task.global.round-trip[${label}]`, async (t) => {
    await t.requireGlobalRunTasks(true);
    // Disabled: a global, enabled task would run on every workspace of a real organization while it exists.
    const { id, res } = await t.createTask({ enabled: false, [GLOBAL]: global });
    const shown = await t.api.showTask(id);
    t.none([...globalProblems('create', globalOf(res), global), ...globalProblems('show', globalOf(shown), global)]);
  });
}

for (const stages of stageCombinations()) {
  suite.check(`task.global.stages-accepted[${stages.join(',')}]`, async (t) => {
    await t.requireGlobalRunTasks(true);
    const { id } = await t.createTask();
    const res = await t.api.updateTask(id, taskBody({ [GLOBAL]: { stages } }));
    t.assert(res.status >= 200 && res.status < 300, `PATCH with stages ${JSON.stringify(stages)} was refused: ${statusProblem(res, 200) ?? ''}`);
    const got = globalOf(await t.api.showTask(id))?.stages;
    t.assert(same(got, stages), `stages patched to ${JSON.stringify(stages)}, show gives ${JSON.stringify(got)}`);
  });
}

/** One invalid member per refusal; on update a valid change rides along and must not be applied either. */
const REFUSALS: readonly [requirement: string, member: string, cases: readonly [string, unknown][], update: Global][] = [
  ['task.global.stages-refused', 'stages', INVALID_STAGES, { 'enforcement-level': 'mandatory' }],
  ['task.global.enforcement-refused', 'enforcement-level', INVALID_ENFORCEMENT, { stages: ['post_apply'] }],
];

for (const [requirement, member, cases, update] of REFUSALS) {
  for (const [label, value] of cases) {
    suite.check(`${requirement}[create:${label}]`, async (t) => {
      await t.requireGlobalRunTasks(true);
      const attributes = await t.validTaskAttributes({ [GLOBAL]: { ...QUIET, [member]: value } });
      const res = await t.api.createTask(taskBody(attributes));
      t.keepCreated(res);
      t.error(res, 422);
      const left = (await t.allTasks()).filter((task) => task.attributes?.name === attributes.name);
      for (const task of left) t.track({ kind: 'task', id: task.id, name: String(attributes.name) });
      t.none(left.map((task) => `the refused create left task ${task.id} in the organization`));
    });

    suite.check(`${requirement}[update:${label}]`, async (t) => {
      await t.requireGlobalRunTasks(true);
      const { id } = await t.createTask({ [GLOBAL]: QUIET });
      const before = globalOf(await t.api.showTask(id));
      t.error(await t.api.updateTask(id, taskBody({ [GLOBAL]: { ...update, [member]: value } })), 422);
      const after = globalOf(await t.api.showTask(id));
      t.assert(JSON.stringify(after) === JSON.stringify(before), `the refused PATCH changed ${GLOBAL} from ${JSON.stringify(before)} to ${JSON.stringify(after)}`);
    });
  }
}

suite.check('task.global.dropped-without-entitlement', async (t) => {
  await t.requireGlobalRunTasks(false);
  await t.roomFor(1);
  const attributes = await t.validTaskAttributes({ enabled: false, [GLOBAL]: { 'enabled': true, 'stages': ['pre_plan'], 'enforcement-level': 'mandatory' } });
  const res = await t.api.createTask(taskBody(attributes));
  const id = t.keepCreated(res);
  if (id === undefined) return t.fail(`a create with a ${GLOBAL} block must succeed without the entitlement: ${statusProblem(res, 201) ?? 'no data.id in the answer'}`);
  const shown = await t.api.showTask(id);
  const answers: [string, ApiResponse][] = [['create', res], ['show', shown]];
  t.none(answers.map(([where, r]) => (GLOBAL in (attributesOf(r) ?? {}) ? `${where}: ${GLOBAL} must be dropped without the entitlement, got ${JSON.stringify(attributesOf(r)?.[GLOBAL])}` : undefined)));
});

// ---- helpers

const attributesOf = (res: ApiResponse) => (res.json as TaskDocument | undefined)?.data?.attributes as Record<string, unknown> | undefined;

function globalOf(res: ApiResponse): Global | undefined {
  const global = attributesOf(res)?.[GLOBAL];
  return typeof global === 'object' && global !== null && !Array.isArray(global) ? (global as Global) : undefined;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Each member sent must come back unchanged (stages in the order sent). */
function globalProblems(where: string, got: Global | undefined, sent: Global): string[] {
  if (!got) return [`${where}: no ${GLOBAL} in the answer`];
  return Object.entries(sent).flatMap(([key, value]) => (same(got[key], value) ? [] : [`${where}: ${GLOBAL}.${key} sent ${JSON.stringify(value)}, got ${JSON.stringify(got[key])}`]));
}

