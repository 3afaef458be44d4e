// Variants caught by the resilience checks: a service that a refused callback, or a 200 in one of its two
// forms, takes down.
import type { ReferenceHooks } from '../../../../src/integration/reference-service/index.ts';
import { broken } from '../variant.ts';

/** Stops serving (as a process that crashes would) once a callback is answered with `status`. */
const crashesOn = (status: number): ReferenceHooks => ({ onCallbackAnswer: (answer, service) => void (answer === status && service.close()) });

/**
 * Stops serving when a callback's 200 comes without a body, as a service that parses the answer as JSON
 * and dies would. Every run answers some stage's callbacks so (stageCallbackAnswers), whatever the seed.
 */
const crashesOnBodylessAnswer: ReferenceHooks = { onCallbackAnswer: (answer, service, body) => void (answer === 200 && body === '' && service.close()) };

/** Answers 500 to every request after any refused callback (its state is broken, not its socket). */
function brokenAfterRefusal(): ReferenceHooks {
  let refused = false;
  return {
    onCallbackAnswer: (answer) => void (answer !== null && answer >= 400 && (refused = true)),
    decide: (_request, faithful) => (refused ? { status: 500, run: false } : faithful),
  };
}

/** Answers a pre-plan request, then stops serving: as a sample that reads plan_json_api_url, absent at pre_plan, dies. */
const diesAfterPrePlan: ReferenceHooks = {
  decide: (_request, faithful, payload, service) => {
    if (payload?.stage !== 'pre_plan' || payload.access_token === 'test-token') return faithful;
    setTimeout(() => void service.close(), 0);
    return { ...faithful, run: false };
  },
};

export const RESILIENCE_VARIANTS = [
  broken({
    name: 'dies-after-pre-plan',
    description: 'answers the pre_plan request 200, then stops serving (it read plan_json_api_url, which pre_plan requests do not carry)',
    suites: ['stages'],
    hooks: diesAfterPrePlan,
    caughtBy: ['integration.resilience.keeps-serving[pre_plan]'],
    notCaughtBy: ['integration.request.accepted', 'integration.resilience.keeps-serving[post_plan]'],
  }),
  broken({
    name: 'crashes-on-bodyless-callback-answer',
    description: 'stops serving when the 200 to its callback has no body (the docs\' "No Content"; the OpenAPI description has a task-results document)',
    suites: ['stages'],
    hooks: crashesOnBodylessAnswer,
    caughtBy: ['integration.resilience.keeps-serving'],
    notCaughtBy: ['integration.request.accepted'],
  }),
  broken({
    name: 'crashes-after-401',
    description: 'stops serving when its callback is answered 401 (an expired token)',
    suites: ['resilience'],
    hooks: crashesOn(401),
    caughtBy: ['integration.resilience.callback-401'],
  }),
  broken({
    name: 'crashes-after-422',
    description: 'stops serving when its callback is answered 422',
    suites: ['resilience'],
    hooks: crashesOn(422),
    caughtBy: ['integration.resilience.callback-422'],
    notCaughtBy: ['integration.resilience.callback-401'],
  }),
  broken({
    name: 'broken-after-refusal',
    description: 'answers 500 to every request once any callback was refused',
    suites: ['resilience'],
    hooks: brokenAfterRefusal(),
    caughtBy: ['integration.resilience.callback-401'],
  }),
];
