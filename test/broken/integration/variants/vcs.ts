// Variants that cannot take one reading of a run without VCS (integration-facts §1.2, §7): its vcs_* members
// left out, as two SDKs declare them omitempty, or null, as the docs' table has it. Every run spreads the
// three readings (a repository, null, left out) over its four stage requests (stageVcsReadings), so each
// variant is caught whatever the seed, at the stages of its reading.
import type { Payload, ReferenceHooks } from '../../../../src/integration/reference-service/index.ts';
import { broken } from '../variant.ts';
import { decide, isStageRun } from './hooks.ts';

/** How a stage request sends vcs_repo_url: a string, null, or not at all. */
export function repoUrlReading(payload: Payload): 'present' | 'null' | 'absent' {
  if (!('vcs_repo_url' in payload)) return 'absent';
  return payload.vcs_repo_url === null ? 'null' : 'present';
}

/** Answers 500 to a stage request of this reading, as a handler that fails on it would. */
const refuses = (reading: 'null' | 'absent'): ReferenceHooks => decide((d, p) => (isStageRun(p) && repoUrlReading(p) === reading ? { status: 500, run: false } : d));

/** Answers a stage request without vcs_repo_url 200, then stops serving: its background work read the member. */
const diesWithoutVcsMembers: ReferenceHooks = {
  decide: (_request, faithful, payload, service) => {
    if (!isStageRun(payload) || repoUrlReading(payload) !== 'absent') return faithful;
    setTimeout(() => void service.close(), 0);
    return { ...faithful, run: false };
  },
};

export const VCS_VARIANTS = [
  broken({
    name: 'needs-vcs-members',
    description: 'answers 500 to a stage request that leaves the vcs_* members out (it reads payload["vcs_repo_url"] and fails on a missing key)',
    suites: ['stages'],
    hooks: refuses('absent'),
    caughtBy: ['integration.request.accepted'],
    notCaughtBy: ['integration.resilience.keeps-serving'],
  }),
  broken({
    name: 'dies-without-vcs-members',
    description: 'answers a stage request without the vcs_* members 200, then stops serving (its work read vcs_repo_url)',
    suites: ['stages'],
    hooks: diesWithoutVcsMembers,
    caughtBy: ['integration.resilience.keeps-serving'],
    notCaughtBy: ['integration.request.accepted'],
  }),
  broken({
    name: 'refuses-null-vcs',
    description: 'answers 500 to a stage request whose vcs_* members are null (it defaults a missing member to "" but calls string methods on null)',
    suites: ['stages'],
    hooks: refuses('null'),
    caughtBy: ['integration.request.accepted'],
    notCaughtBy: ['integration.resilience.keeps-serving'],
  }),
];
