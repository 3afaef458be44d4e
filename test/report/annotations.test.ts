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

  it('stops at GitHub\'s limit with a notice of the rest', () => {
    const lines = renderAnnotations(reportOf(Array.from({ length: 30 }, (_, i) => check({ id: `r.n${i}`, outcome: 'fail', message: 'no' }))));
    expect(lines).toHaveLength(MAX_ANNOTATIONS);
    expect(lines.at(-1)).toBe('::notice title=run-tasks-conformance::21 more failures: see the job summary and report.html');
  });

  it('is empty for a green run', () => {
    expect(renderAnnotations(reportOf([check({ id: 'a.b', outcome: 'pass' })]))).toEqual([]);
  });
});
