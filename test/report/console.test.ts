import { describe, expect, it } from 'vitest';
import { formatConsoleSummary } from '../../src/report/console.ts';
import { check, makeReport, reportOf } from './fixture.ts';

const ANSI = /\u001b\[/;

describe('formatConsoleSummary', () => {
  it('without colour has no ANSI escapes and names verdict, counts, regressions, failures, stats', () => {
    const text = formatConsoleSummary(makeReport(), { color: false });
    expect(text).not.toMatch(ANSI);
    expect(text).toContain('NON-CONFORMANT');
    expect(text).toContain('7 checks: 2 passed, 2 failed, 1 warned, 1 not applicable, 1 inconclusive, 1 expected failure');
    // The reasons for the exit code, one line each, the inconclusive ones grouped by cause.
    expect(text).toContain('✗ expected failure task.create.status now passes: remove it from the list');
    expect(text).toContain('✗ 1 MUST check failed: task.create.rejects-bad-url');
    expect(text).toContain('✗ 1 check inconclusive: connection refused: pagination.page-size.max');
    expect(text).toContain('120 requests, 3 retried after 429, 2.5 s waiting');
    expect(text).toContain('8 of 8 requirements have a check; 4 were judged in this run');
    expect(text.split('\n').length).toBeLessThan(12);
  });

  it('with colour uses ANSI escapes', () => {
    expect(formatConsoleSummary(makeReport(), { color: true })).toMatch(ANSI);
  });

  it('cuts long failure lists', () => {
    const checks = Array.from({ length: 25 }, (_, i) => check({ id: `r.n${i}`, outcome: 'fail' }));
    const text = formatConsoleSummary(reportOf(checks), { color: false });
    expect(text).toContain('✗ 25 MUST checks failed: r.n0, r.n1, r.n2, r.n3, r.n4 and 20 more');
    expect(text).not.toContain('r.n5');
  });
});
