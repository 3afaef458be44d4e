// A count of one reads as one everywhere: "1 check", "1 was judged", "1 expected failure", never "1 checks".
import { describe, expect, it } from 'vitest';
import { formatConsoleSummary } from '../../src/report/console.ts';
import { truncate } from '../../src/report/derive.ts';
import { renderHtml } from '../../src/report/html.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import type { Report } from '../../src/report/model.ts';
import { gateFor } from '../../src/runner/gate.ts';
import { leftWords } from '../../src/runner/interrupt.ts';
import { interruptedLine } from '../../src/runner/run.ts';
import { check, reportOf } from './fixture.ts';

/** A report where every count is 1: one check (an expected failure), one requirement, one judged, one request. */
const single = reportOf([check({ id: 'a.b', outcome: 'fail', expectedFailure: { reason: 'known' } })], {
  coverage: { requirements: 1, withChecks: 1, covered: 1, judged: 1, uncovered: [] },
  stats: { requests: 1, retries429: 0, waitedMs: 0 },
});

/** "1 checks", "1 were", "1 expected failures" and the like. */
const PLURAL_AFTER_ONE = /\b1 (?:checks|requests|requirements|were|expected failures|causes|resources|leftovers)\b/;

describe.each([
  { name: 'console', render: (r: Report) => formatConsoleSummary(r, { color: false }), total: '1 check: ', counts: '1 expected failure' },
  { name: 'summary.md', render: renderMarkdown, total: '**1 check:**', counts: '1 expected failure' },
  { name: 'report.html', render: renderHtml, total: '<strong>1 check</strong>', counts: null },
])('$name with counts of one', ({ render, total, counts }) => {
  const text = render(single);

  it('says "1 check", "1 of 1 requirement has a check; 1 was judged" and "1 request"', () => {
    expect(text).toContain(total);
    if (counts) expect(text).toContain(counts);
    expect(text).toContain('1 of 1 requirement has a check; 1 was judged in this run');
    if (!text.startsWith('#')) expect(text).toContain('1 request, 0 retried after 429');
    expect(text).not.toMatch(PLURAL_AFTER_ONE);
  });
});

describe('other counts of one', () => {
  it('report.html folds away "1 check that passed or does not apply"', () => {
    expect(renderHtml(reportOf([check({ id: 'a.b', outcome: 'pass' })]))).toContain('1 check that passed or does not apply is folded away');
  });

  it('truncation counts "1 more character"', () => {
    expect(truncate('abc', 2)).toBe('ab… [1 more character truncated]');
  });

  it('the gate says "1 check passed in the baseline and is inconclusive now"', () => {
    const baseline = { path: 'b.json', regressions: [], fixed: [], stillFailing: [], passToInconclusive: ['a.b'], inconclusiveToPass: [], new: [], removed: [] };
    const gate = gateFor({ checks: [], failOn: 'regressions', inconclusiveRegressions: true, baseline, stale: [], interrupted: null });
    expect(gate.reasons[0]?.message).toBe('1 check passed in the baseline and is inconclusive now (counted by --regressions-include-inconclusive)');
  });

  it('an interruption names "1 resource" and removes "it"', () => {
    expect(leftWords(['task task-1'])).toBe('1 resource may be left behind (task task-1): `run-tasks-conformance sweep --yes` removes it');
    expect(interruptedLine({ signalName: 'SIGINT', code: 130 }, '.rtc/journal-1.jsonl', [{ kind: 'task', id: 'task-1' }])).toBe(
      'interrupted by SIGINT, exit 130: 1 resource could not be deleted in time and stays in .rtc/journal-1.jsonl (task task-1): run `run-tasks-conformance sweep --yes` to remove it',
    );
  });
});
