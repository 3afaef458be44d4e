// HCP Terraform refuses a callback (401: the token expired; 422: the payload is invalid): the service takes
// it in its stride and answers the next request as before. Runs last: a service that fails it may be down.
import type { CallbackMode } from '../../src/integration/stand-in/index.ts';
import { isSuccess } from './_harness/exchange.ts';
import { judgeFinal } from './_harness/predicates.ts';
import { defineIntegrationSuite } from './_harness/suite.ts';

const suite = defineIntegrationSuite('resilience');

const CASES: [string, CallbackMode, number][] = [
  ['integration.resilience.callback-401', 'unauthorized', 401],
  ['integration.resilience.callback-422', 'invalid', 422],
];

for (const [id, mode, answer] of CASES) {
  suite.check(id, async (t) => {
    const refused = await t.send({ key: `${id}[refused]`, stage: 'post_plan', mode, wait: 'first' });
    const status = t.status(refused);
    if (!isSuccess(status)) t.inconclusive(`precondition: the service answered ${status} to the request whose callback was to be refused`);
    if (!refused.result.attempts.some((r) => r.status === answer)) t.inconclusive(`precondition: the service sent no callback, so none could be refused with ${answer}`);
    const next = await t.send({ key: `${id}[next]`, stage: 'pre_apply', wait: 'final' });
    if (next.error) t.fail(`after its callback was refused with ${answer}, the service stopped answering: ${next.error.message}`);
    const after = next.response!.status;
    if (!isSuccess(after)) t.fail(`after its callback was refused with ${answer}, the service answered the next request ${after}`);
    const judged = judgeFinal(next, t.config);
    if (judged.outcome === 'fail') t.fail(`after its callback was refused with ${answer}, the next run got no final status: ${judged.message}`);
    if (judged.outcome === 'inconclusive') t.inconclusive(judged.message);
  });
}
