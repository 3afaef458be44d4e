// One run-task request per stage, then the callbacks the service sends back: each requirement is judged on
// every stage (check id `<requirement>[<stage>]`).
import { STAGES } from '../../src/integration/payloads/index.ts';
import { callbacksOf, type ServiceExchange } from './_harness/exchange.ts';
import {
  afterFinalProblems,
  bodyProblems,
  exactly200Problem,
  judgeFinal,
  mediaTypeProblems,
  outcomesLocationProblems,
  requestProblems,
  successProblem,
  tokenProblems,
  type BodyArea,
} from './_harness/predicates.ts';
import { defineIntegrationSuite, type IntegrationContext } from './_harness/suite.ts';

const suite = defineIntegrationSuite('stages');

/** Judges of the callbacks: they need something to judge (a callback), else the check is inconclusive. */
const callbackJudges: [string, (ex: ServiceExchange) => string[]][] = [
  ['integration.callback.request', requestProblems],
  ['integration.callback.token', tokenProblems],
  ['integration.callback.media-type', mediaTypeProblems],
  ['integration.callback.final-once', afterFinalProblems],
  ...(['body', 'message', 'url', 'outcomes', 'tags'] as BodyArea[]).map((area): [string, (ex: ServiceExchange) => string[]] => [`integration.callback.${area}`, (ex) => bodyProblems(ex, area)]),
  ['integration.callback.outcomes-location', outcomesLocationProblems],
];

/** The request was accepted, so callbacks are owed; without any there is nothing to judge. */
function callbacksToJudge(t: IntegrationContext, ex: ServiceExchange): void {
  const status = t.status(ex);
  if (status < 200 || status > 299) t.inconclusive(`precondition: the service answered ${status} (see integration.request.accepted)`);
  if (ex.result.attempts.length === 0 && callbacksOf(ex).length === 0) t.inconclusive('precondition: the service sent no callback (see integration.callback.final)');
}

for (const stage of STAGES) {
  const v = `[${stage}]`;

  suite.check(`integration.request.accepted${v}`, async (t) => {
    t.none([successProblem(t.status(await t.stage(stage)))]);
  });

  suite.check(`integration.request.status-200${v}`, async (t) => {
    t.none([exactly200Problem(t.status(await t.stage(stage)))]);
  });

  suite.check(`integration.request.timely${v}`, async (t) => {
    const ex = await t.stage(stage);
    if (ex.error?.kind === 'timeout') t.fail(`no answer within ${t.config.requestTimeoutMs / 1000} s: the 200 acknowledges the request, the result comes by callback`);
    t.status(ex);
  });

  suite.check(`integration.callback.final${v}`, async (t) => {
    const ex = await t.stage(stage);
    const status = t.status(ex);
    if (status < 200 || status > 299) t.inconclusive(`precondition: the service answered ${status} (see integration.request.accepted)`);
    t.show(ex);
    const judged = judgeFinal(ex, t.config);
    if (judged.outcome === 'fail') t.fail(judged.message);
    if (judged.outcome === 'inconclusive') t.inconclusive(judged.message);
  });

  suite.check(`integration.resilience.keeps-serving${v}`, async (t) => {
    const ex = await t.stage(stage);
    if (ex.aliveBefore === false) t.inconclusive('precondition: the service had stopped answering before this request');
    if (ex.aliveAfter === false) {
      const answer = ex.response ? `answered it ${ex.response.status}` : `did not answer it (${ex.error?.kind ?? 'no answer'})`;
      t.fail(`the service stopped answering after the ${stage} request: it ${answer}, then a GET to its URL could not connect`);
    }
  });

  for (const [id, judge] of callbackJudges) {
    suite.check(`${id}${v}`, async (t) => {
      const ex = await t.stage(stage);
      callbacksToJudge(t, ex);
      t.none(judge(ex));
    });
  }
}
