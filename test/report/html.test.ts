import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.ts';
import { REQUIREMENT_IDS, makeReport } from './fixture.ts';

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

  it('shows header facts, outcome classes and details for non-pass checks', () => {
    expect(html).toContain('<span class="verdict">non-conformant</span>');
    expect(html).toContain('http://127.0.0.1:4567');
    expect(html).toContain('a1b2c3d4');
    for (const o of ['pass', 'fail', 'warn', 'not-applicable', 'inconclusive', 'expected-failure']) {
      expect(html).toContain(`class="check o-${o}"`);
    }
    expect(html.match(/<details( open)?>/g)).toHaveLength(5);
    expect(html.match(/<details open>/g)).toHaveLength(1); // the one failure is open for the reader
    expect(html).toContain('<blockquote>The response SHOULD carry a Location header.</blockquote>');
  });

  it('says why the exit code is what it is before the totals', () => {
    expect(html.indexOf('<section id="gate"><h2>Why the exit code is 1</h2>')).toBeGreaterThan(0);
    expect(html.indexOf('id="gate"')).toBeLessThan(html.indexOf('id="totals"'));
    expect(html).toContain('expected failure task.create.status now passes: remove it from the list');
  });

  it('pretty-prints JSON bodies and truncates long ones', () => {
    expect(html).toContain('{\n  &quot;data&quot;: {\n    &quot;id&quot;: &quot;task-1&quot;');
    expect(html).toMatch(/x{8192}… \[11808 more characters truncated\]/);
  });
});
