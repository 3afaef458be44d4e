// The integration side's task results, rendered as HCP Terraform shows them: status, message, details link,
// each outcome with its Status and Severity tags in their own columns (headings matched without case), the
// other tags, the body; every text escaped, only http(s) URLs as links, nothing on the API side.
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { assertValidReport } from '../../src/report/index.ts';
import { taskResultsHtml, taskResultsMarkdown } from '../../src/report/task-results.ts';
import { check, HOSTILE, makeReport, reportOf } from './fixture.ts';

const outcome = {
  type: 'task-result-outcomes',
  attributes: {
    'outcome-id': 'PRTNR-CC-TF-127',
    description: `S3 bucket ${HOSTILE}`,
    body: '# Resolution\n\n<b>not markup</b>',
    url: 'https://external.service.dev/result/PRTNR-CC-TF-127',
    tags: { status: [{ label: 'Denied', level: 'error' }], Severity: [{ label: 'High', level: 'error' }, { label: 'Recoverable', level: 'info' }], 'Cost Centre': [{ label: 'IT-OPS' }] },
  },
};

const integration = () =>
  reportOf(
    [
      check({
        id: 'integration.callback.final[post_plan]',
        outcome: 'pass',
        side: 'integration',
        taskResult: { stage: 'post_plan', status: 'failed', message: `1 failed ${HOSTILE}`, url: 'javascript:alert(1)', outcomes: [outcome] },
      }),
      check({ id: 'integration.callback.final[pre_plan]', outcome: 'inconclusive', side: 'integration', taskResult: { stage: 'pre_plan', status: 'pending', message: null, url: null, outcomes: [] } }),
    ],
    { side: 'integration' },
  );

describe('task results', () => {
  it('are a valid part of report.json', () => {
    expect(() => assertValidReport(integration())).not.toThrow();
  });

  it('show status, message and each outcome with Status and Severity columns, the other tags and the body', () => {
    const html = taskResultsHtml(integration());
    expect(html).toContain('<code>post_plan</code> <span class="tr-status">✗ Failed</span>');
    expect(html).toContain('<code>pre_plan</code> <span class="tr-status">○ Pending</span>');
    expect(html).toMatch(/<td><span class="tag tag-error">✖ Denied<\/span><\/td><td><span class="tag tag-error">✖ High<\/span> <span class="tag tag-info">ℹ Recoverable<\/span><\/td>/);
    expect(html).toContain('<span class="muted">Cost Centre:</span> <span class="tag tag-none">IT-OPS</span>');
    expect(html).toContain('&lt;b&gt;not markup&lt;/b&gt;');
    expect(html).toContain('<a href="https://external.service.dev/result/PRTNR-CC-TF-127" rel="noreferrer">View details</a>');
  });

  it('escape every text and make only http(s) URLs links', () => {
    const html = taskResultsHtml(integration());
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('Details <code>javascript:alert(1)</code>');
  });

  it('label the requests the target made in a transcript (its callbacks), in HTML and JUnit', async () => {
    const { renderJunit } = await import('../../src/report/junit.ts');
    const { exchange } = await import('./fixture.ts');
    const back = exchange({ method: 'PATCH', url: 'http://127.0.0.1:1/api/v2/task-results/g/callback', status: 401, direction: 'from-target' });
    const report = reportOf([check({ id: 'integration.callback.token[post_plan]', outcome: 'fail', side: 'integration', transcript: [exchange({ direction: 'to-target' }), back] })], { side: 'integration' });
    expect(renderHtml(report)).toContain('<span class="muted">from the target:</span> <span class="status s4xx">401</span> <code>PATCH http://127.0.0.1:1/api/v2/task-results/g/callback</code>');
    expect(renderJunit(report)).toContain('from the target: PATCH http://127.0.0.1:1/api/v2/task-results/g/callback -> 401');
  });

  it('appear in the HTML report and the Markdown summary of an integration run, titled for it; not on the API side', () => {
    const report = integration();
    expect(renderHtml(report)).toContain('<section id="task-results">');
    expect(renderHtml(report)).toContain('Run task integration conformance');
    expect(renderMarkdown(report)).toContain('| `post_plan` | ✗ Failed |');
    expect(taskResultsHtml(makeReport())).toBe('');
    expect(taskResultsMarkdown(makeReport())).toBeNull();
    expect(renderHtml(makeReport())).toContain('Run Tasks API conformance');
  });
});
