// Baselines, expected failures, summaries and exit codes: pure functions over results.
import { describe, expect, it } from 'vitest';
import { compareWithBaseline } from '../../src/runner/baseline.ts';
import { applyExpectedFailures, entriesNamingNoCheck, parseExpectedFailures } from '../../src/runner/expected.ts';
import { causeOf, exitCodeOf, gateFor, type GateInput } from '../../src/runner/gate.ts';
import { summarize, toCheckResults, verdictFor } from '../../src/runner/results.ts';
import type { CheckResult } from '../../src/report/model.ts';
import { readFileSync } from 'node:fs';

const check = (id: string, outcome: CheckResult['outcome'], extra: Partial<CheckResult> = {}): CheckResult =>
  toCheckResults([{ id, suite: 's', state: 'passed', meta: { id, outcome, message: '' }, error: undefined, durationMs: 1, flaky: false, attempts: 1 }]).map((c) => ({ ...c, ...extra }))[0]!;

describe('baseline', () => {
  const before = [check('task.create.status', 'pass'), check('task.show.status', 'fail'), check('task.list.status', 'fail'), check('task.delete.status', 'pass')];
  const now = [check('task.create.status', 'fail'), check('task.show.status', 'pass'), check('task.list.status', 'fail'), check('task.update.status', 'pass')];

  it('lists regressions, fixes, still failing, new and removed check ids', () => {
    expect(compareWithBaseline({ checks: before }, now, 'old.json')).toEqual({
      path: 'old.json',
      regressions: ['task.create.status'],
      fixed: ['task.show.status'],
      stillFailing: ['task.list.status'],
      passToInconclusive: [],
      inconclusiveToPass: [],
      new: ['task.update.status'],
      removed: ['task.delete.status'],
    });
  });

  it('counts only a baseline pass as able to regress (a warning, not applicable or inconclusive cannot)', () => {
    const was = [check('task.show.status', 'warn'), check('task.list.status', 'not-applicable'), check('task.update.status', 'inconclusive'), check('task.delete.status', 'pass')];
    const is = ['task.show.status', 'task.list.status', 'task.update.status', 'task.delete.status'].map((id) => check(id, 'fail'));
    expect(compareWithBaseline({ checks: was }, is, 'hcp.json').regressions).toEqual(['task.delete.status']);
  });

  it('lists pass -> inconclusive and back as their own groups, neither regressed nor fixed', () => {
    const was = [check('task.create.status', 'pass'), check('task.show.status', 'inconclusive')];
    const is = [check('task.create.status', 'inconclusive'), check('task.show.status', 'pass')];
    expect(compareWithBaseline({ checks: was }, is, 'old.json')).toMatchObject({ regressions: [], fixed: [], passToInconclusive: ['task.create.status'], inconclusiveToPass: ['task.show.status'] });
  });

  it('does not count an expected failure as a regression', () => {
    const expected = check('task.create.status', 'fail', { expectedFailure: { reason: 'known' } });
    expect(compareWithBaseline({ checks: before }, [expected], 'old.json').regressions).toEqual([]);
  });
});

describe('expected failures', () => {
  const today = '2026-11-28';
  const entries = parseExpectedFailures(
    JSON.stringify([
      { check: 'task.create.status', reason: 'known' },
      { check: 'pagination.max-size', reason: 'requirement id covers variants' },
      { check: 'task.show.status', reason: 'fixed since', link: 'https://example.com/1' },
      { check: 'task.list.status', reason: 'old', expires: '2026-01-01' },
    ]),
    'x.json',
  );
  const checks = [check('task.create.status', 'fail'), check('pagination.max-size[tasks]', 'warn'), check('task.show.status', 'pass'), check('task.list.status', 'fail')];
  const { checks: marked, stale } = applyExpectedFailures(checks, entries, today);

  it('marks failing checks named by id or by requirement id', () => {
    expect(marked.filter((c) => c.expectedFailure).map((c) => c.id)).toEqual(['task.create.status', 'pagination.max-size[tasks]']);
  });

  it('fails the run for an expected failure that passes, and for an expired entry', () => {
    expect(stale).toEqual([
      { kind: 'expected-failure-passes', exitCode: 1, message: 'expected failure task.show.status now passes: remove it from the list', checks: ['task.show.status'], entry: 'task.show.status' },
      { kind: 'expected-failure-expired', exitCode: 1, message: 'expected failure task.list.status expired on 2026-01-01', checks: ['task.list.status'], entry: 'task.list.status' },
    ]);
  });

  it('does not count expected failures as failures in the summary', () => {
    expect(summarize(marked)).toMatchObject({ failed: 1, warned: 0, passed: 1, expectedFailures: 2 });
  });

  it('finds the entries that cover no defined check, by id or requirement id, once each', () => {
    const defined = [{ id: 'pagination.max-size[tasks]', requirementId: 'pagination.max-size' }, { id: 'task.create.status', requirementId: 'task.create.status' }];
    const named = (...ids: string[]) => ids.map((check) => ({ check, reason: 'r' }));
    expect(entriesNamingNoCheck(named('task.create.status', 'pagination.max-size', 'pagination.max-size[tasks]'), defined)).toEqual([]);
    expect(entriesNamingNoCheck(named('pagination.max-size[taks]', 'task.show.status', 'pagination.max-size[taks]'), defined)).toEqual(['pagination.max-size[taks]', 'task.show.status']);
  });

  it('reads the example file of the repository', () => {
    const text = readFileSync(new URL('../../examples/expected-failures.yaml', import.meta.url), 'utf8');
    expect(parseExpectedFailures(text, 'expected-failures.yaml').map((e) => e.check)).toEqual(['task.enabled.boolean', 'ws-task.stage.deprecated']);
  });
});

describe('applied level', () => {
  const raw = (id: string, outcome: CheckResult['outcome']) => ({ id, suite: 's', state: 'passed' as const, meta: { id, outcome, message: '' }, error: undefined, durationMs: 1, flaky: false, attempts: 1 });

  it('records the stated level, the applied level, its reason and the evidence grade', () => {
    expect(toCheckResults([raw('task.show.status', 'pass')])[0]).toMatchObject({ level: 'MUST', appliedLevel: 'MUST', levelReason: expect.stringMatching(/^observed: /), evidence: 'observed' });
    expect(toCheckResults([raw('task.validate.category[other]', 'warn')])[0]).toMatchObject({ level: 'MUST', appliedLevel: 'SHOULD', levelReason: 'documented only: warns unless --strict', evidence: 'documented' });
  });

  it('applies the documentation\'s letter under --strict', () => {
    expect(toCheckResults([raw('task.validate.category[other]', 'fail')], true)[0]).toMatchObject({ level: 'MUST', appliedLevel: 'MUST', evidence: 'documented' });
  });

  it('does not count a warning of a documented-only MUST as a failure', () => {
    expect(summarize(toCheckResults([raw('task.validate.category[other]', 'warn')]))).toMatchObject({ failed: 0, warned: 1 });
  });
});

describe('the gate: exit codes, verdicts and their reasons', () => {
  const input = (checks: CheckResult[], more: Partial<GateInput> = {}): GateInput => ({ checks, failOn: 'failures', inconclusiveRegressions: false, baseline: undefined, stale: [], interrupted: null, ...more });
  const stale = applyExpectedFailures([check('task.show.status', 'pass')], [{ check: 'task.show.status', reason: 'old' }], '2026-01-01').stale;
  const baseline = compareWithBaseline({ checks: [check('task.show.status', 'pass'), check('task.list.status', 'pass')] }, [check('task.show.status', 'inconclusive'), check('task.list.status', 'pass')], 'b.json');

  // [what, gate input, exit code, verdict, reason kinds]
  it.each([
    ['all pass', input([check('task.show.status', 'pass')]), 0, 'conformant', []],
    ['a MUST failure', input([check('task.show.status', 'fail')]), 1, 'non-conformant', ['failure']],
    ['a warning only', input([check('task.show.status', 'warn')]), 0, 'conformant', []],
    ['inconclusive only', input([check('task.show.status', 'inconclusive')]), 3, 'inconclusive', ['inconclusive']],
    ['a failure and an inconclusive', input([check('task.show.status', 'fail'), check('task.list.status', 'inconclusive')]), 1, 'non-conformant', ['failure', 'inconclusive']],
    ['every check passes, but an expected failure is stale', input([check('task.show.status', 'pass')], { stale }), 1, 'non-conformant', ['expected-failure-passes']],
    ['an interruption', input([check('task.show.status', 'fail')], { interrupted: 'SIGINT' }), 2, 'inconclusive', ['interrupted', 'failure']],
    ['pass -> inconclusive under --fail-on regressions', input(baselineChecks(), { failOn: 'regressions', baseline }), 3, 'inconclusive', ['inconclusive']],
    ['... opted in as a regression', input(baselineChecks(), { failOn: 'regressions', baseline, inconclusiveRegressions: true }), 1, 'non-conformant', ['regression', 'inconclusive']],
    ['every check passes, but an error escaped a suite', input([check('task.show.status', 'pass')], { suiteErrors: ['TypeError: boom\n    at afterAll'] }), 3, 'inconclusive', ['suite-error']],
    ['a failure and a suite error', input([check('task.show.status', 'fail')], { suiteErrors: ['boom'] }), 1, 'non-conformant', ['failure', 'suite-error']],
  ] as const)('%s -> exit %i (%s)', (_, gateInput, code, verdict, kinds) => {
    const gate = gateFor(gateInput);
    expect(gate.reasons.map((r) => r.kind)).toEqual(kinds);
    expect(exitCodeOf(gate)).toBe(code);
    expect(verdictFor(exitCodeOf(gate))).toBe(verdict);
  });

  it('groups inconclusive checks by cause, whatever names, ids and attempts their messages carry', () => {
    const failed = (id: string, n: number) => check(id, 'inconclusive', { message: `precondition: could not create a workspace (rtc-0badc0de-${id}-ws${n}): expected status 201, got 200 (consistent: on all 2 attempts)` });
    const down = check('task.list.status', 'inconclusive', { message: 'the target could not be reached (timeout): GET http://x/api/v2/tasks/task-AbC123xyz: timed out after 1000ms' });
    const gate = gateFor(input([failed('ws-task.create.status', 0), failed('ws-task.show.status', 1), down]));
    expect(gate.reasons).toEqual([
      { kind: 'inconclusive', exitCode: 3, message: '2 checks inconclusive: precondition: could not create a workspace (<name>): expected status 201, got 200', cause: 'precondition: could not create a workspace (<name>): expected status 201, got 200', checks: ['ws-task.create.status', 'ws-task.show.status'] },
      { kind: 'inconclusive', exitCode: 3, message: '1 check inconclusive: the target could not be reached (timeout)', cause: 'the target could not be reached (timeout)', checks: ['task.list.status'] },
    ]);
    expect(causeOf('GET /api/v2/workspaces/ws-1234567890abcdef/tasks/wstask-abcdefgh answered 500')).toBe('GET /api/v2/workspaces/<id>/tasks/<id> answered 500');
  });

  it('turns a check that left no outcome (a vitest timeout) into inconclusive', () => {
    const [result] = toCheckResults([{ id: 'task.show.status', suite: 's', state: 'failed', meta: undefined, error: 'Test timed out', durationMs: 1, flaky: false, attempts: 1 }]);
    expect(result).toMatchObject({ outcome: 'inconclusive', message: expect.stringContaining('Test timed out') });
  });

  it('labels a check that failed once then passed as flaky', () => {
    const [result] = toCheckResults([{ id: 'task.show.status', suite: 's', state: 'passed', meta: { id: 'task.show.status', outcome: 'pass', message: '' }, error: undefined, durationMs: 1, flaky: true, attempts: 2 }]);
    expect(result).toMatchObject({ outcome: 'pass', flaky: true, message: expect.stringMatching(/^flaky/) });
  });

  it('labels a check that failed on every attempt as consistent', () => {
    const [result] = toCheckResults([{ id: 'task.show.status', suite: 's', state: 'failed', meta: { id: 'task.show.status', outcome: 'fail', message: 'got 500' }, error: undefined, durationMs: 1, flaky: false, attempts: 2 }]);
    expect(result).toMatchObject({ outcome: 'fail', message: 'got 500 (consistent: on all 2 attempts)' });
  });
});

function baselineChecks(): CheckResult[] {
  return [check('task.show.status', 'inconclusive'), check('task.list.status', 'pass')];
}
