// Compares a run with an earlier report.json: what regressed, what got fixed, what is new or gone.
import { readFileSync } from 'node:fs';
import { ConfigError } from '../config/config.ts';
import type { Baseline, CheckResult, Report } from '../report/model.ts';

export type Previous = Pick<Report, 'checks'>;

export function loadBaseline(path: string): Previous {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new ConfigError(`--baseline ${path} is not a readable report.json`);
  }
  const checks = (data as { checks?: unknown } | null)?.checks;
  if (!Array.isArray(checks) || !checks.every((c) => c && typeof c.id === 'string' && typeof c.outcome === 'string')) {
    throw new ConfigError(`--baseline ${path} is not a report.json of run-tasks-conformance (no checks[] with id and outcome)`);
  }
  return { checks: checks as CheckResult[] };
}

/** A failure that counts: a MUST failure not marked as expected. */
export const isFailure = (c: Pick<CheckResult, 'outcome' | 'expectedFailure'>) => c.outcome === 'fail' && !c.expectedFailure;

/**
 * A regression is a check that passed in the baseline and fails now. Only a pass counts as the baseline's
 * promise: a check the baseline target warned on, could not run or could not judge cannot regress. So a run
 * judged against a report of HCP Terraform fails only where HCP Terraform itself passed (README, Gating).
 */
export function compareWithBaseline(previous: Previous, current: readonly CheckResult[], path: string): Baseline {
  const before = new Map(previous.checks.map((c) => [c.id, c]));
  const now = new Map(current.map((c) => [c.id, c]));
  const ids = (pred: (was: CheckResult | undefined, is: CheckResult | undefined) => boolean, from: Iterable<string>) => [...from].filter((id) => pred(before.get(id), now.get(id))).sort();
  return {
    path,
    regressions: ids((was, is) => was?.outcome === 'pass' && is !== undefined && isFailure(is), now.keys()),
    fixed: ids((was, is) => was !== undefined && isFailure(was) && is !== undefined && !isFailure(is), now.keys()),
    stillFailing: ids((was, is) => was !== undefined && isFailure(was) && is !== undefined && isFailure(is), now.keys()),
    // Neither a regression nor a fix: the target could not be judged on one side (counted only when opted in).
    passToInconclusive: ids((was, is) => was?.outcome === 'pass' && is?.outcome === 'inconclusive', now.keys()),
    inconclusiveToPass: ids((was, is) => was?.outcome === 'inconclusive' && is?.outcome === 'pass', now.keys()),
    new: ids((was) => was === undefined, now.keys()),
    removed: ids((_, is) => is === undefined, before.keys()),
  };
}
