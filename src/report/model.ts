// The report.json model. Hand-written to match schemas/report.schema.json exactly; the schema is the
// authority (and the format's documentation), so change both together.

export type Outcome = 'pass' | 'fail' | 'warn' | 'not-applicable' | 'inconclusive';
export type Level = 'MUST' | 'SHOULD';
export type Verdict = 'conformant' | 'non-conformant' | 'inconclusive';

export interface Report {
  reportVersion: 1;
  tool: { name: 'run-tasks-conformance'; version: string };
  runId: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** Never holds a token. */
  target: { address: string; embedded: boolean; organization: string; plan?: string | null };
  seed: number;
  numRuns: number;
  exitCode: 0 | 1 | 2 | 3;
  verdict: Verdict;
  summary: Summary;
  /** A requirement is covered when at least one check of it has an outcome. */
  coverage: { requirements: number; covered: number; uncovered: string[] };
  stats: { requests: number; retries429: number; waitedMs: number };
  checks: CheckResult[];
  /** Every list holds check ids. */
  baseline?: Baseline;
  /** Resources the run could not delete. */
  leftovers?: Leftover[];
}

export interface Summary {
  total: number;
  passed: number;
  failed: number;
  warned: number;
  notApplicable: number;
  inconclusive: number;
  expectedFailures: number;
}

export interface Baseline {
  path: string;
  regressions: string[];
  fixed: string[];
  stillFailing: string[];
  new: string[];
  removed: string[];
}

export interface Leftover {
  kind: string;
  id: string;
  name?: string;
}

export interface ExpectedFailure {
  reason: string;
  link?: string;
  expires?: string;
}

export interface CheckResult {
  /** Requirement id, optionally with a [variant]. */
  id: string;
  requirementId: string;
  /** The quoted documentation statement. */
  requirement: string;
  level: Level;
  /** e.g. "run-tasks-api § Create a Run Task" or "api-facts §4". */
  source: string;
  /** e.g. "POST /organizations/:organization_name/tasks". */
  endpoint: string | null;
  /** e.g. "task-lifecycle", "pagination", "permissions". */
  family: string;
  /** Suite file name. */
  suite: string;
  outcome: Outcome;
  /** Why; empty for a plain pass. */
  message: string;
  durationMs: number;
  expectedFailure?: ExpectedFailure;
  /** Failed, then passed on re-run. */
  flaky?: boolean;
  /** Redacted request/response pairs behind a non-pass outcome. */
  transcript?: Exchange[];
}

export interface Exchange {
  method: string;
  url: string;
  /** null when no response arrived (see error). */
  status: number | null;
  requestHeaders: Record<string, string>;
  requestBody?: string;
  responseHeaders: Record<string, string>;
  responseBody?: string;
  durationMs: number;
  error?: string;
  startedAt: string;
}
