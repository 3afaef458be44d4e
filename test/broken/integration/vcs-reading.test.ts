// The VCS reading of each stage request (a repository, members null, members left out) is arranged over the
// four stages by the seed (stageVcsReadings). The detection test runs seed 1; this one runs a seed whose
// stage without the members comes last, to show the reading follows the seed through the harness and a
// service that cannot take it is caught at exactly the stages that carry it.
import { describe, expect, it } from 'vitest';
import { stageVcsReadings, STAGES } from '../../../src/integration/payloads/index.ts';
import { runIntegrationVariant } from './direct.ts';
import { VCS_VARIANTS } from './variants/vcs.ts';

const SEED = Array.from({ length: 50 }, (_, i) => i + 2).find((s) => stageVcsReadings(s).post_apply === 'absent')!;
const variant = (name: string) => VCS_VARIANTS.find((v) => v.name === name)!;

describe.each([
  ['needs-vcs-members', 'absent'],
  ['refuses-null-vcs', 'null'],
] as const)('%s', (name, reading) => {
  it(`fails integration.request.accepted at the stages sent with the members ${reading}, passes it at the others`, async () => {
    expect(SEED, 'a seed whose post_apply request leaves the members out').toBeDefined();
    const readings = stageVcsReadings(SEED);
    const outcomes = await runIntegrationVariant(variant(name), { seed: SEED });
    const judged = STAGES.map((stage) => [stage, outcomes[`integration.request.accepted[${stage}]`]]);
    expect(judged).toEqual(STAGES.map((stage) => [stage, readings[stage] === reading ? 'fail' : 'pass']));
  });
});
