// Baselines, expected failures, summaries and exit codes: pure functions over results.
import { describe, expect, it } from 'vitest';
import { compareWithBaseline } from '../../src/runner/baseline.ts';
import { applyExpectedFailures, parseExpectedFailures } from '../../src/runner/expected.ts';
import { exitCodeFor, summarize, toCheckResults, verdictFor } from '../../src/runner/results.ts';
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
      new: ['task.update.status'],
      removed: ['task.delete.status'],
    });
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
  const { checks: marked, problems } = applyExpectedFailures(checks, entries, today);

  it('marks failing checks named by id or by requirement id', () => {
    expect(marked.filter((c) => c.expectedFailure).map((c) => c.id)).toEqual(['task.create.status', 'pagination.max-size[tasks]']);
  });

  it('fails the run for an expected failure that passes, and for an expired entry', () => {
    expect(problems).toEqual(['expected failure task.show.status now passes: remove it from the list', 'expected failure task.list.status expired on 2026-01-01']);
  });

  it('does not count expected failures as failures in the summary', () => {
    expect(summarize(marked)).toMatchObject({ failed: 1, warned: 0, passed: 1, expectedFailures: 2 });
  });

  it('reads the example file of the repository', () => {
    const text = readFileSync(new URL('../../examples/expected-failures.yaml', import.meta.url), 'utf8');
    expect(parseExpectedFailures(text, 'expected-failures.yaml').map((e) => e.check)).toEqual(['ws-task.create.document', 'pagination.max-size']);
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

describe('exit codes and verdicts', () => {
  const summary = (inconclusive: number) => summarize(inconclusive ? [check('task.show.status', 'inconclusive')] : [check('task.show.status', 'pass')]);
  it.each([
    [false, 0, 0, 'conformant'],
    [true, 0, 1, 'non-conformant'],
    [false, 1, 3, 'inconclusive'],
    [true, 1, 1, 'non-conformant'],
  ] as const)('failing=%s inconclusive=%i -> exit %i (%s)', (failing, inconclusive, code, verdict) => {
    const exit = exitCodeFor(summary(inconclusive), failing);
    expect(exit).toBe(code);
    expect(verdictFor(exit)).toBe(verdict);
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
