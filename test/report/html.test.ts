import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.ts';
import { REQUIREMENT_IDS, check, makeReport, reportOf } from './fixture.ts';

const at = (html: string, text: string) => html.indexOf(text);

describe('renderHtml', () => {
  const html = renderHtml(makeReport());

  it('escapes data: no markup from the report reaches the page', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('is self-contained: no external resources, no scripts, every link internal', () => {
    expect(html).not.toMatch(/\ssrc\s*=/i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).not.toMatch(/href="(?!#)/);
    expect(html).not.toMatch(/<link\b/i);
  });

  it('has a catalogue anchor per requirement, and every check links to its own', () => {
    const catalogue = html.slice(html.indexOf('Requirement catalogue'));
    for (const id of REQUIREMENT_IDS) {
      expect(html.split(`id="req-${id}"`)).toHaveLength(2);
      expect(catalogue).toContain(`id="req-${id}"`);
      expect(html).toContain(`href="#req-${encodeURIComponent(id)}"`);
    }
    for (const [, target] of html.matchAll(/href="#([^"]+)"/g)) {
      expect(html).toContain(`id="${decodeURIComponent(target ?? '')}"`);
    }
  });

  it('says why the exit code is what it is, then failures, warnings, inconclusive, expected failures, the rest last', () => {
    const order = ['<section id="gate"><h2>Why the exit code is 1</h2>', 'id="totals"', '<h2>Failures (1)</h2>', '<h2>Warnings (1)</h2>', '<h2>Inconclusive (1 check, 1 cause)</h2>', '<h2>Expected failures (1)</h2>', '<h2>Not applicable (1 check, 1 cause)</h2>', '<h2>Passed (2)</h2>'].map((s) => at(html, s));
    expect(order.every((i) => i > 0), String(order)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain('expected failure task.create.status now passes: remove it from the list');
  });

  it('shows each failure on one line with its reason, details on demand', () => {
    expect(html).toMatch(/<li id="check-task.create.rejects-bad-url" class="check o-fail"><details><summary class="row">.*<span class="msg">expected 422, got 201 \| body echoed &lt;script&gt;/);
    expect(html).not.toContain('<details open');
    expect(html).toContain('<blockquote>The response SHOULD carry a Location header.</blockquote>');
  });

  it('groups inconclusive checks by cause: 117 checks of one cause are one line', () => {
    const many = Array.from({ length: 117 }, (_, i) => check({ id: `ws.n${i}`, outcome: 'inconclusive', message: `precondition: creating a workspace answered 500 (rtc-0badc0de-ws-${i})` }));
    const page = renderHtml(reportOf(many));
    expect(page.match(/<details class="cause">/g)).toHaveLength(1);
    expect(page).toContain('<summary><strong>117 checks</strong>: precondition: creating a workspace answered 500 (&lt;name&gt;)</summary>');
  });

  it('filters by outcome without a script: radio inputs ahead of the groups, CSS that hides the others', () => {
    const results = html.slice(at(html, '<section id="results">'));
    const inputs = [...results.matchAll(/<input type="radio" name="show" id="f-([a-z-]+)"( checked)?>/g)].map((m) => [m[1], Boolean(m[2])]);
    expect(inputs).toEqual([['open', true], ['fail', false], ['warn', false], ['inconclusive', false], ['expected-failure', false], ['not-applicable', false], ['pass', false], ['all', false]]);
    expect(at(results, '<input')).toBeLessThan(at(results, '<nav'));
    expect(at(results, '<nav')).toBeLessThan(at(results, '<div class="groups">'));
    for (const [id] of inputs) expect(results).toContain(`<label for="f-${id}">`);
    expect(html).toContain('#f-open:checked~.groups>.o-not-applicable,#f-open:checked~.groups>.o-pass{display:none}');
    expect(html).toContain('#f-fail:checked~.groups>.o-warn,');
    expect(html).toMatch(/#f-all:checked~nav label\[for=f-all\]/);
    expect(html).not.toMatch(/#f-all:checked~\.groups>[^{]*\{display:none\}/);
  });

  it('carries the curl reproduction of a failure', () => {
    const page = renderHtml(reportOf([check({ id: 'a.b', outcome: 'fail', message: 'no', reproduction: `curl -sS -i -H "Authorization: Bearer $TFE_TOKEN" 'http://x/api/v2/tasks/1'` })]));
    expect(page).toContain('<pre class="curl">curl -sS -i -H &quot;Authorization: Bearer $TFE_TOKEN&quot; &#39;http://x/api/v2/tasks/1&#39;</pre>');
  });

  it('pretty-prints JSON bodies and truncates long ones', () => {
    expect(html).toContain('{\n  &quot;data&quot;: {\n    &quot;id&quot;: &quot;task-1&quot;');
    expect(html).toMatch(/x{8192}… \[11808 more characters truncated\]/);
  });
});
