import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { check, makeReport } from './fixture.ts';

describe('renderMarkdown', () => {
  const md = renderMarkdown(makeReport());

  it('starts with the verdict and has the totals table', () => {
    expect(md.split('\n')[0]).toContain('non-conformant');
    expect(md).toContain('| failed | 2 |');
    expect(md).toContain('| expected failures | 1 |');
  });

  it('says why the exit code is what it is before anything else', () => {
    const gate = md.indexOf('### Why the exit code is 1');
    expect(gate).toBeGreaterThan(0);
    expect(gate).toBeLessThan(md.indexOf('| outcome |'));
    expect(md).toContain('- expected failure task.create.status now passes: remove it from the list');
    expect(md).toContain('- 1 MUST check failed: task.create.rejects-bad-url');
  });

  it('lists baseline ids, regressions first', () => {
    expect(md).toContain('`task.create.rejects-bad-url`');
    expect(md.indexOf('**Regressions** (1)')).toBeGreaterThan(0);
    expect(md.indexOf('**Regressions**')).toBeLessThan(md.indexOf('Fixed (1)'));
  });

  it('has one escaped row per non-passing check', () => {
    const rows = md.split('\n').filter((l) => /^\| `/.test(l));
    expect(rows).toHaveLength(5);
    const failRow = rows.find((r) => r.includes('rejects-bad-url')) ?? '';
    expect(failRow).toContain('got 201 \\| body echoed &lt;script&gt;');
    expect(failRow).toContain('a\\|b<br>second line');
    expect(md).not.toContain('<script');
    expect(md).toContain('| `ws-task.stages.valid[pre_plan,post_plan]` | MUST (observed) | not applicable |');
    expect(md).toContain('known HCP deviation — error document');
  });

  it('shows coverage, and says so when everything passed', () => {
    expect(md).toContain('8 of 8 requirements have a check; 4 were judged in this run (pass, fail or warn)');
    const clean = renderMarkdown(makeReport({ checks: [check({ id: 'a.b', outcome: 'pass' })], baseline: undefined }));
    expect(clean).toContain('Every check passed');
    expect(clean).not.toContain('baseline');
  });
});
