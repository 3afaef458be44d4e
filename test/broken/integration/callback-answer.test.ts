// The stand-in's 200 to a callback comes with or without a body, arranged over the four stages by the seed
// (stageCallbackAnswers). The detection test runs seed 1; this one runs a seed whose first bodyless stage
// comes late, to show the form follows the seed through the harness and the crash is caught where it happens.
import { expect, it } from 'vitest';
import { stageCallbackAnswers, STAGES } from '../../../src/integration/payloads/index.ts';
import { runIntegrationVariant } from './direct.ts';
import { RESILIENCE_VARIANTS } from './variants/resilience.ts';

const variant = RESILIENCE_VARIANTS.find((v) => v.name === 'crashes-on-bodyless-callback-answer')!;
const firstBodyless = (seed: number) => STAGES.findIndex((stage) => stageCallbackAnswers(seed)[stage] === 'empty');

/** Before the crash the service serves; at it, keeps-serving fails; after it, there is nothing to judge. */
const expected = (first: number) => STAGES.map((stage, i) => [stage, i < first ? 'pass' : i === first ? 'fail' : 'inconclusive']);

it('a service that a bodyless 200 takes down is caught at the first stage answered so, not before', async () => {
  const seed = Array.from({ length: 50 }, (_, i) => i + 2).find((s) => firstBodyless(s) >= 2)!;
  expect(seed, 'a seed whose first bodyless stage is pre_apply or later').toBeDefined();
  const outcomes = await runIntegrationVariant(variant, { seed });
  expect(STAGES.map((stage) => [stage, outcomes[`integration.resilience.keeps-serving[${stage}]`]])).toEqual(expected(firstBodyless(seed)));
});
