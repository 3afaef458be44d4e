// From a run's raw results to what its report says, the same for both sides: check results by applied
// level, expected failures applied, the summary, the baseline comparison, the gate and its exit code.
import type { Gating } from '../config/config.ts';
import type { Baseline, CheckResult, Gate, Summary } from '../report/model.ts';
import { compareWithBaseline, type Previous } from './baseline.ts';
import { applyExpectedFailures, type ExpectedFailureEntry } from './expected.ts';
import { exitCodeOf, gateFor } from './gate.ts';
import { summarize, toCheckResults } from './results.ts';
import type { RawResult } from './vitest-run.ts';

export interface Judgement {
  checks: CheckResult[];
  summary: Summary;
  baseline: Baseline | undefined;
  gate: Gate;
  /** The exit code the report records (the process's is 130/143 when interrupted). */
  reportExitCode: 0 | 1 | 2 | 3;
}

export interface JudgementInput {
  raws: readonly RawResult[];
  config: Pick<Gating, 'strict' | 'failOn' | 'inconclusiveRegressions' | 'baseline'>;
  expected: readonly ExpectedFailureEntry[];
  previous: Previous | null;
  /** The run's start, whose date decides which expected failures have expired. */
  startedAt: Date;
  interrupted: NodeJS.Signals | null;
  /** Errors that escaped a suite outside every check, redacted. */
  suiteErrors?: readonly string[];
}

export function judgeRun({ raws, config, expected, previous, startedAt, interrupted, suiteErrors = [] }: JudgementInput): Judgement {
  const { checks, stale } = applyExpectedFailures(toCheckResults(raws, config.strict), expected, startedAt.toISOString().slice(0, 10));
  const baseline = previous ? compareWithBaseline(previous, checks, config.baseline!) : undefined;
  const gate = gateFor({ checks, failOn: config.failOn, inconclusiveRegressions: config.inconclusiveRegressions, baseline, stale, interrupted, suiteErrors });
  return { checks, summary: summarize(checks), baseline, gate, reportExitCode: exitCodeOf(gate) };
}
