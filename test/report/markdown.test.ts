import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/report/markdown.ts';
import type { GateReason } from '../../src/report/model.ts';
import { exitCodeOf, gateFor } from '../../src/runner/gate.ts';
import { check, makeReport, reportOf } from './fixture.ts';

const section = (md: string, title: string) => md.indexOf(`### ${title}`);

describe('renderMarkdown', () => {
  const md = renderMarkdown(makeReport());

  it('starts with the verdict, then why the exit code is what it is, then the failures', () => {
    expect(md.split('\n')[0]).toContain('non-conformant');
    expect(section(md, 'Why the exit code is 1')).toBeGreaterThan(0);
    expect(md).toContain('- expected failure task.create.status now passes: remove it from the list');
    expect(md).toContain('- 1 MUST check failed: task.create.rejects-bad-url');
    const order = ['Why the exit code is 1', 'Failures (1)', 'Inconclusive (1 check, 1 cause)', 'Warnings (1)', 'Expected failures (1)'].map((t) => section(md, t));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(md.indexOf('**7 checks:** 2 passed · 2 failed · 1 warned · 1 not applicable · 1 inconclusive · 1 expected failure')).toBeGreaterThan(section(md, 'Expected failures'));
  });

  it('lists baseline ids, regressions first, pass -> inconclusive as its own group', () => {
    expect(md.indexOf('**Regressions** (1)')).toBeGreaterThan(0);
    expect(md.indexOf('**Regressions**')).toBeLessThan(md.indexOf('Fixed (1)'));
    expect(md).toContain('- Pass → inconclusive (1): `pagination.page-size.max`');
  });

  it('has one escaped row per failure, warning and expected failure, on one line each', () => {
    const rows = md.split('\n').filter((l) => /^\| `/.test(l));
    expect(rows).toHaveLength(3);
    const failRow = rows.find((r) => r.includes('rejects-bad-url')) ?? '';
    expect(failRow).toBe('| `task.create.rejects-bad-url` | MUST (observed) | expected 422, got 201 \\| body echoed &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; a\\|b second line |');
    expect(md).not.toContain('<script');
    expect(md).toContain('known HCP deviation — error document');
  });

  it('groups inconclusive and not-applicable checks by cause, the latter folded', () => {
    expect(md).toContain('| 1 | connection refused | `pagination.page-size.max` |');
    expect(md).toMatch(/<details><summary>1 check not applicable<\/summary>\n\n### Not applicable \(1 check, 1 cause\)\n\n[^]*\| 1 \| the organization has no run task entitlement \| `ws-task.stages.valid\[pre_plan,post_plan\]` \|\n\n<\/details>/);
  });

  it('caps every table and says how many rows are left out', () => {
    const failures = Array.from({ length: 45 }, (_, i) => check({ id: `r.n${i}`, outcome: 'fail', message: `broken ${i}` }));
    const inconclusive = Array.from({ length: 117 }, (_, i) => check({ id: `ws.n${i}`, outcome: 'inconclusive', message: `precondition: creating a workspace answered 200 (rtc-0badc0de-ws-${i})` }));
    const big = renderMarkdown(reportOf([...failures, ...inconclusive]));
    expect(big.split('\n').filter((l) => /^\| `r\.n/.test(l))).toHaveLength(20);
    expect(big).toContain('…and 25 more in report.html');
    expect(big).toContain('### Inconclusive (117 checks, 1 cause)');
    expect(big).toContain('| 117 | precondition: creating a workspace answered 200 (&lt;name&gt;) | `ws.n0`, `ws.n1`, `ws.n2` and 114 more |');
    expect(big.length).toBeLessThan(8000);
  });

  it('shows coverage, and says so when everything passed', () => {
    expect(md).toContain('8 of 8 requirements have a check; 4 were judged in this run (pass, fail or warn)');
    const clean = renderMarkdown(reportOf([check({ id: 'a.b', outcome: 'pass' })]));
    expect(clean).toContain('Every check passed');
    const someNotApplicable = renderMarkdown(reportOf([check({ id: 'a.b', outcome: 'pass' }), check({ id: 'a.c', outcome: 'not-applicable' })]));
    expect(someNotApplicable).toContain('### Every check that applies passed (1 check not applicable, listed below)');
    expect(clean).not.toContain('Why the exit code');
    expect(clean).not.toContain('baseline');
  });

  // Every check passed, yet the gate fails the run: the summary must not read as green.
  const STALE: GateReason = { kind: 'expected-failure-passes', exitCode: 1, message: 'expected failure a.b now passes: remove it from the list', checks: ['a.b'], entry: 'a.b' };
  const EXPIRED: GateReason = { kind: 'expected-failure-expired', exitCode: 1, message: 'expected failure a.gone expired on 2020-01-01', checks: [], entry: 'a.gone' };
  describe.each([
    { name: 'a stale expected-failure entry', stale: [STALE], interrupted: null, suiteErrors: [], code: 1 },
    { name: 'an expired entry that matched no check', stale: [EXPIRED], interrupted: null, suiteErrors: [], code: 1 },
    { name: 'an interruption', stale: [], interrupted: 'SIGINT' as const, suiteErrors: [], code: 2 },
    { name: 'a suite error', stale: [], interrupted: null, suiteErrors: ['TypeError: boom'], code: 3 },
  ])('when every check passed but the gate has $name', ({ stale, interrupted, suiteErrors, code }) => {
    const checks = [check({ id: 'a.b', outcome: 'pass' })];
    const gate = gateFor({ checks, failOn: 'failures', inconclusiveRegressions: false, baseline: undefined, stale, interrupted, suiteErrors });
    const exitCode = exitCodeOf(gate);
    const red = renderMarkdown(reportOf(checks, { gate, exitCode, verdict: exitCode === 1 ? 'non-conformant' : 'inconclusive' }));

    it('does not say every check passed, and points at the reasons for the exit code', () => {
      expect(exitCode).toBe(code);
      expect(red).not.toContain('Every check passed');
      expect(red).toContain(`### Why the exit code is ${code}`);
      expect(red).toContain(`### No check failed\n\nNo check failed, warned or was inconclusive, but the run is not green: exit code ${code} comes from the reasons above.`);
      expect(red.indexOf('### Why the exit code')).toBeLessThan(red.indexOf('### No check failed'));
    });
  });
});
