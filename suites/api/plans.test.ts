// Plan limits (api-facts §5): an organization's run-task-limit, where its entitlement set reports one, is enforced.
import { defineSuite } from './_harness/suite.ts';
import { taskBody } from './_harness/payloads.ts';

const suite = defineSuite('plans');

/** Past this many tasks the check costs too much on a real organization. */
const PLAN_LIMIT_MAX = 5;

suite.check('plans.task-limit', async (t) => {
  const { runTaskLimit: limit } = await t.suite.capabilities();
  if (limit === null) return t.notApplicable('the entitlement set reports no numeric run-task-limit');
  if (limit > PLAN_LIMIT_MAX) t.notApplicable(`run-task-limit ${limit} is more than ${PLAN_LIMIT_MAX} tasks: too costly to fill`);
  const existing = (await t.allTasks()).length;
  if (existing > limit) t.inconclusive(`the organization already holds ${existing} tasks, over its run-task-limit ${limit}`);
  for (let i = existing; i < limit; i++) await t.createTask(); // removed again when the check ends
  const res = await t.api.createTask(taskBody(await t.validTaskAttributes()));
  t.keepCreated(res);
  t.status(res, 422, `creating task ${limit + 1} with run-task-limit ${limit}`);
});
