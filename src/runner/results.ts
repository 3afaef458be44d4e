// Pure functions from raw vitest results to the report's check results, summary, verdict and exit code.
import { appliedLevel, requirementFor, requirementsOf, type Side } from '../contract/catalogue.ts';
import type { CheckResult, Report, Summary } from '../report/model.ts';
import { curlFor } from '../report/reproduce.ts';
import type { Outcome } from './check-meta.ts';
import type { RawResult } from './vitest-run.ts';

export const EXIT = { ok: 0, mustFailed: 1, cannotRun: 2, inconclusive: 3 } as const;

function outcomeOf(raw: RawResult): { outcome: Outcome; message: string } {
  if (raw.meta) return { outcome: raw.meta.outcome, message: raw.meta.message };
  // No meta: the check never reached its end (a vitest timeout, a failing hook).
  if (raw.state === 'failed') return { outcome: 'inconclusive', message: `the check did not finish: ${raw.error ?? 'unknown error'}` };
  return { outcome: 'not-applicable', message: 'not run' };
}

/** A failure seen on every attempt is labelled consistent, so a reader can tell it from a flake. */
function consistency(raw: RawResult, outcome: Outcome, message: string): string {
  return raw.attempts > 1 && (outcome === 'fail' || outcome === 'inconclusive') ? `${message} (consistent: on all ${raw.attempts} attempts)` : message;
}

/**
 * Results of checks vitest did not run (filtered out by --grep) are left out, not reported. `strict` must be
 * the run's: the checks judged at the same applied level (Suite.runCheck), the report says which and why.
 */
export function toCheckResults(raws: readonly RawResult[], strict = false): CheckResult[] {
  return raws
    .filter((raw) => raw.meta || raw.state === 'failed')
    .map((raw) => {
      const requirement = requirementFor(raw.id);
      const { outcome, message } = outcomeOf(raw);
      const applied = appliedLevel(requirement, strict);
      return {
        id: raw.id,
        requirementId: requirement.id,
        requirement: requirement.statement,
        level: requirement.level,
        appliedLevel: applied.level,
        levelReason: applied.reason,
        evidence: requirement.evidence.grade,
        source: requirement.source,
        endpoint: requirement.endpoint,
        family: requirement.family,
        suite: raw.suite,
        outcome,
        message: raw.flaky ? `flaky: failed, then passed on a re-run${message ? `; ${message}` : ''}` : consistency(raw, outcome, message),
        durationMs: Math.round(raw.durationMs),
        ...(raw.flaky ? { flaky: true } : {}),
        ...(raw.meta?.judged && (outcome === 'fail' || outcome === 'warn') ? { reproduction: curlFor(raw.meta.judged) } : {}),
        ...(raw.meta?.transcript?.length ? { transcript: raw.meta.transcript } : {}),
        ...(requirement.side === 'api' ? {} : { side: requirement.side }),
        ...(raw.meta?.taskResult ? { taskResult: raw.meta.taskResult } : {}),
      };
    });
}

export function summarize(checks: readonly CheckResult[]): Summary {
  const count = (o: Outcome) => checks.filter((c) => c.outcome === o && !c.expectedFailure).length;
  return {
    total: checks.length,
    passed: count('pass'),
    failed: count('fail'),
    warned: count('warn'),
    notApplicable: count('not-applicable'),
    inconclusive: count('inconclusive'),
    expectedFailures: checks.filter((c) => c.expectedFailure).length,
  };
}

const JUDGED: ReadonlySet<Outcome> = new Set(['pass', 'fail', 'warn']);

/**
 * How much of one side's catalogue the run exercised. `withChecks`: the requirement ids some check of the
 * suites judges (definitions.ts), run or not.
 */
export function coverage(checks: readonly CheckResult[], withChecks: ReadonlySet<string>, side: Side = 'api'): Report['coverage'] {
  const entries = requirementsOf(side);
  const covered = new Set(checks.map((c) => c.requirementId));
  const judged = new Set(checks.filter((c) => JUDGED.has(c.outcome)).map((c) => c.requirementId));
  const uncovered = entries.map((r) => r.id).filter((id) => !covered.has(id));
  return { requirements: entries.length, withChecks: entries.filter((r) => withChecks.has(r.id)).length, covered: entries.length - uncovered.length, judged: judged.size, uncovered };
}

/** The verdict of a report's exit code (see gate.ts): 2 (interrupted) and 3 are inconclusive. */
export function verdictFor(exitCode: number): Report['verdict'] {
  return exitCode === EXIT.ok ? 'conformant' : exitCode === EXIT.mustFailed ? 'non-conformant' : 'inconclusive';
}
