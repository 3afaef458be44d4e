// A small report touching every outcome, an expected failure, a flaky pass, a baseline and hostile text.
import type { CheckResult, Exchange, Report } from '../../src/report/model.ts';
import { exitCodeOf, gateFor } from '../../src/runner/gate.ts';
import { summarize, verdictFor } from '../../src/runner/results.ts';

export const HOSTILE = '<script>alert("x")</script> a|b';

export function exchange(overrides: Partial<Exchange> = {}): Exchange {
  return {
    method: 'POST',
    url: 'http://127.0.0.1:4567/api/v2/organizations/acme/tasks',
    status: 201,
    requestHeaders: { authorization: '[redacted]', 'content-type': 'application/vnd.api+json' },
    requestBody: '{"data":{"type":"tasks","attributes":{"name":"rtc-a1b2c3d4-task"}}}',
    responseHeaders: { 'content-type': 'application/vnd.api+json' },
    responseBody: '{"data":{"id":"task-1","type":"tasks"}}',
    durationMs: 12,
    startedAt: '2025-01-02T03:04:05.678Z',
    ...overrides,
  };
}

export function check(overrides: Partial<CheckResult> & Pick<CheckResult, 'id' | 'outcome'>): CheckResult {
  return {
    requirementId: overrides.id.replace(/\[.*\]$/, ''),
    requirement: 'The response MUST be 201 Created. It carries the new task.',
    level: 'MUST',
    appliedLevel: overrides.level ?? 'MUST',
    levelReason: 'observed: hashicorp/go-tfe run_task_integration_test.go (TestRunTasksCreate)',
    evidence: 'observed',
    source: 'run-tasks-api § Create a Run Task',
    endpoint: 'POST /organizations/:organization_name/tasks',
    family: 'task-lifecycle',
    suite: 'task-lifecycle.test.ts',
    message: '',
    durationMs: 40,
    ...overrides,
  };
}

export const CHECKS: CheckResult[] = [
  check({ id: 'task.create.status', outcome: 'pass', flaky: true }),
  check({
    id: 'task.create.rejects-bad-url',
    outcome: 'fail',
    message: `expected 422, got 201 | body echoed ${HOSTILE}\nsecond line`,
    transcript: [
      exchange({ requestBody: JSON.stringify({ data: { attributes: { url: HOSTILE } } }), responseBody: HOSTILE }),
      exchange({ method: 'DELETE', status: 204, responseBody: 'x'.repeat(20_000) }),
    ],
  }),
  check({
    id: 'task.create.location',
    outcome: 'warn',
    level: 'SHOULD',
    requirement: 'The response SHOULD carry a Location header.',
    message: 'no Location header',
    transcript: [exchange()],
  }),
  check({
    id: 'ws-task.stages.valid[pre_plan,post_plan]',
    outcome: 'not-applicable',
    endpoint: 'POST /workspaces/:workspace_id/tasks',
    family: 'workspace-tasks',
    suite: 'workspace-tasks.test.ts',
    message: 'the organization has no run task entitlement',
  }),
  check({
    id: 'pagination.page-size.max',
    outcome: 'inconclusive',
    endpoint: 'GET /organizations/:organization_name/tasks',
    family: 'pagination',
    suite: 'pagination.test.ts',
    message: 'connection refused',
    transcript: [exchange({ method: 'GET', status: null, error: 'ECONNREFUSED', responseBody: undefined })],
  }),
  check({
    id: 'errors.content-type',
    outcome: 'fail',
    endpoint: null,
    family: 'errors',
    suite: 'errors.test.ts',
    source: 'api-facts §4',
    message: 'error document served as application/json',
    expectedFailure: { reason: 'known HCP deviation', link: 'https://example.invalid/issue/1', expires: '2026-06-30' },
  }),
  check({ id: 'ws-task.stages.valid[post_plan]', outcome: 'pass', endpoint: 'POST /workspaces/:workspace_id/tasks', family: 'workspace-tasks' }),
];

export const REQUIREMENT_IDS = [...new Set(CHECKS.map((c) => c.requirementId))];

export function makeReport(overrides: Partial<Report> = {}): Report {
  return {
    reportVersion: 1,
    tool: { name: 'run-tasks-conformance', version: '0.1.0' },
    runId: 'a1b2c3d4',
    startedAt: '2025-01-02T03:04:00.000Z',
    finishedAt: '2025-01-02T03:05:00.000Z',
    durationMs: 60_000,
    target: { address: 'http://127.0.0.1:4567', embedded: true, organization: 'acme', plan: null },
    seed: 42,
    numRuns: 25,
    exitCode: 1,
    verdict: 'non-conformant',
    gate: {
      failOn: 'failures',
      inconclusiveRegressions: false,
      reasons: [
        { kind: 'expected-failure-passes', exitCode: 1, message: 'expected failure task.create.status now passes: remove it from the list', checks: ['task.create.status'], entry: 'task.create.status' },
        { kind: 'failure', exitCode: 1, message: '1 MUST check failed', checks: ['task.create.rejects-bad-url'] },
        { kind: 'inconclusive', exitCode: 3, message: '1 check inconclusive: connection refused', checks: ['pagination.page-size.max'], cause: 'connection refused' },
      ],
    },
    summary: { total: 7, passed: 2, failed: 2, warned: 1, notApplicable: 1, inconclusive: 1, expectedFailures: 1 },
    coverage: { requirements: 8, withChecks: 8, covered: 6, judged: 4, uncovered: ['task.delete.cascade', 'task.update.partial'] },
    stats: { requests: 120, retries429: 3, waitedMs: 2500 },
    checks: structuredClone(CHECKS),
    baseline: {
      path: 'reports/baseline.json',
      regressions: ['task.create.rejects-bad-url'],
      fixed: ['task.create.status'],
      stillFailing: ['errors.content-type'],
      passToInconclusive: ['pagination.page-size.max'],
      inconclusiveToPass: [],
      new: ['ws-task.stages.valid[post_plan]'],
      removed: ['task.old'],
    },
    leftovers: [{ kind: 'tasks', id: 'task-9', name: 'rtc-a1b2c3d4-task' }],
    ...overrides,
  };
}

/** A report whose summary and gate follow from its checks, as the runner derives them. */
export function reportOf(checks: CheckResult[], overrides: Partial<Report> = {}): Report {
  const gate = gateFor({ checks, failOn: 'failures', inconclusiveRegressions: false, baseline: undefined, stale: [], interrupted: null });
  const exitCode = exitCodeOf(gate);
  return makeReport({ checks, summary: summarize(checks), gate, exitCode, verdict: verdictFor(exitCode), baseline: undefined, ...overrides });
}
