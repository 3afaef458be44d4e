// ::error workflow commands under GitHub Actions: one per check or reason that fails the gate, escaped, capped.
import { describe, expect, it } from 'vitest';
import { MAX_ANNOTATIONS, renderAnnotations } from '../../src/report/annotations.ts';
import { check, makeReport, reportOf } from './fixture.ts';

describe('renderAnnotations', () => {
  it('annotates the stale entry and the failing check, not the warning nor the inconclusive', () => {
    const lines = renderAnnotations(makeReport());
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('::error title=run-tasks-conformance::expected failure task.create.status now passes: remove it from the list');
    expect(lines[1]).toMatch(/^::error title=task.create.rejects-bad-url \(MUST\)::expected 422, got 201 \| body echoed <script>alert\("x"\)<\/script> a\|b second line — The response MUST/);
  });

  it('escapes what would end the command or a property', () => {
    const [line] = renderAnnotations(reportOf([check({ id: 'x.y[a,b]', outcome: 'fail', message: '100% broken\r\nat: here' })]));
    expect(line).toMatch(/^::error title=x\.y\[a%2Cb\] \(MUST\)::100%25 broken at: here — /);
  });

  const failing = (n: number) => renderAnnotations(reportOf(Array.from({ length: n }, (_, i) => check({ id: `r.n${i}`, outcome: 'fail', message: 'no' }))));
  const errors = (lines: readonly string[]) => lines.filter((l) => l.startsWith('::error '));
  const notices = (lines: readonly string[]) => lines.filter((l) => l.startsWith('::notice '));

  it.each([
    { failures: 1, errors: 1, notice: null },
    { failures: MAX_ANNOTATIONS, errors: MAX_ANNOTATIONS, notice: null },
    { failures: MAX_ANNOTATIONS + 1, errors: MAX_ANNOTATIONS, notice: '1 more failure' },
    { failures: 30, errors: MAX_ANNOTATIONS, notice: '20 more failures' },
  ])('$failures failing checks: $errors ::error lines (GitHub\'s limit), then a notice of the rest: $notice', ({ failures, errors: expected, notice }) => {
    const lines = failing(failures);
    expect(MAX_ANNOTATIONS).toBe(10);
    expect(errors(lines)).toHaveLength(expected);
    expect(notices(lines)).toEqual(notice ? [`::notice title=run-tasks-conformance::${notice}: see the job summary and report.html`] : []);
    expect(lines).toHaveLength(expected + (notice ? 1 : 0));
    expect(lines.at(-1)).toBe(notice ? notices(lines)[0] : errors(lines).at(-1));
  });

  it('is empty for a green run', () => {
    expect(renderAnnotations(reportOf([check({ id: 'a.b', outcome: 'pass' })]))).toEqual([]);
  });
});
