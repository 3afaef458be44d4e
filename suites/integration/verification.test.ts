// The verification ("test") request HCP Terraform sends when a run task is created or updated.
import { callbacksOf } from './_harness/exchange.ts';
import { defineIntegrationSuite } from './_harness/suite.ts';

const suite = defineIntegrationSuite('verification');
const READINGS = ['test', 'post_plan'] as const;

suite.check('integration.verification.status', async (t) => {
  const answers = await Promise.all(READINGS.map(async (r) => [r, t.status(await t.verification(r))] as const));
  if (!answers.some(([, status]) => status === 200)) t.fail(`HCP Terraform creates the task only on a 200: ${answers.map(([r, s]) => `stage "${r}" answered ${s}`).join(', ')}`);
});

suite.check('integration.verification.every-reading', async (t) => {
  const answers = await Promise.all(READINGS.map(async (r) => [r, t.status(await t.verification(r))] as const));
  t.none(answers.map(([r, status]) => (status === 200 ? undefined : `the reading with stage "${r}" answered ${status}`)));
});

suite.check('integration.verification.no-callback', async (t) => {
  const calls = (await Promise.all(READINGS.map((r) => t.verification(r)))).flatMap(callbacksOf);
  t.none(calls.map((r) => `${r.method} ${r.path.split('?')[0]} with the test token (answered ${r.status})`), 'a callback to the verification request');
});
