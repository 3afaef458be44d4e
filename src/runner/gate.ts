// The gate: every reason for a run's exit code, computed once and recorded in report.json, so the exit code
// is derived from the same reasons every report shows and cannot say red while a report says green.
import type { FailOn } from '../config/config.ts';
import type { Baseline, CheckResult, Gate, GateReason } from '../report/model.ts';
import { causeOf, counted as count } from '../report/derive.ts';
import { isFailure } from './baseline.ts';

export { causeOf };

export interface GateInput {
  checks: readonly CheckResult[];
  failOn: FailOn;
  /** --regressions-include-inconclusive: pass -> inconclusive counts as a regression under --fail-on regressions. */
  inconclusiveRegressions: boolean;
  baseline: Baseline | undefined;
  /** Expected-failure entries that pass or expired (from applyExpectedFailures). */
  stale: readonly GateReason[];
  interrupted: NodeJS.Signals | null;
  /** Errors that escaped a suite outside every check (already redacted); none when absent. */
  suiteErrors?: readonly string[];
}

function reason(kind: GateReason['kind'], exitCode: GateReason['exitCode'], message: string, checks: readonly string[]): GateReason {
  return { kind, exitCode, message, checks: [...checks] };
}

function failureReasons(input: GateInput): GateReason[] {
  if (input.failOn === 'failures') {
    const ids = input.checks.filter(isFailure).map((c) => c.id);
    return ids.length ? [reason('failure', 1, `${count(ids.length, 'MUST check')} failed`, ids)] : [];
  }
  const b = input.baseline;
  if (!b) return [];
  const reasons: GateReason[] = [];
  if (b.regressions.length) reasons.push(reason('regression', 1, `${count(b.regressions.length, 'check')} regressed since the baseline (passed there, fail now)`, b.regressions));
  if (input.inconclusiveRegressions && b.passToInconclusive.length) {
    reasons.push(reason('regression', 1, `${count(b.passToInconclusive.length, 'check')} passed in the baseline and ${b.passToInconclusive.length === 1 ? 'is' : 'are'} inconclusive now (counted by --regressions-include-inconclusive)`, b.passToInconclusive));
  }
  return reasons;
}

/** One reason per cause, the largest group first: 117 checks with one cause are one line, not 117. */
export function inconclusiveReasons(checks: readonly CheckResult[]): GateReason[] {
  const groups = new Map<string, string[]>();
  for (const c of checks) {
    if (c.outcome !== 'inconclusive') continue;
    const cause = causeOf(c.message);
    groups.set(cause, [...(groups.get(cause) ?? []), c.id]);
  }
  return [...groups]
    .sort((a, b) => b[1].length - a[1].length)
    .map(([cause, ids]) => ({ ...reason('inconclusive', 3, `${count(ids.length, 'check')} inconclusive: ${cause}`, ids), cause }));
}

/**
 * An error outside every check is the harness's, not the target's: it cannot fail the run, but a run it
 * happened in must not say conformant either, since a result may be missing.
 */
function suiteErrorReasons(errors: readonly string[]): GateReason[] {
  if (errors.length === 0) return [];
  const first = errors[0]!.split('\n')[0]!.slice(0, 200);
  return [reason('suite-error', 3, `${count(errors.length, 'error')} escaped a suite outside every check (a defect of the harness; results may be incomplete): ${first}`, [])];
}

export function gateFor(input: GateInput): Gate {
  const interrupted = input.interrupted ? [reason('interrupted', 2, `interrupted by ${input.interrupted}: checks that had not run are not reported`, [])] : [];
  return {
    failOn: input.failOn,
    inconclusiveRegressions: input.inconclusiveRegressions,
    reasons: [...interrupted, ...input.stale, ...failureReasons(input), ...inconclusiveReasons(input.checks), ...suiteErrorReasons(input.suiteErrors ?? [])],
  };
}

/** The exit code the reasons stand for: interrupted (2) before a failure (1) before inconclusive (3). */
export function exitCodeOf(gate: Pick<Gate, 'reasons'>): 0 | 1 | 2 | 3 {
  const codes = new Set(gate.reasons.map((r) => r.exitCode));
  for (const code of [2, 1, 3] as const) if (codes.has(code)) return code;
  return 0;
}
