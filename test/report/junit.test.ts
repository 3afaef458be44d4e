import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../src/report/junit.ts';
import { exchange, check, makeReport } from './fixture.ts';

const count = (xml: string, tag: string) => (xml.match(new RegExp(`<${tag}[\\s/>]`, 'g')) ?? []).length;

describe('renderJunit', () => {
  const xml = renderJunit(makeReport());

  it('has one testsuite per family and one testcase per check, plus the gate', () => {
    expect(count(xml, 'testsuite')).toBe(5);
    expect(count(xml, 'testcase')).toBe(8);
    expect(xml).toMatch(/<testsuites[^>]* tests="8" failures="2" errors="1" skipped="2"/);
  });

  it('names each testcase by its check id alone, with the requirement in properties and no made-up file', () => {
    expect(xml).toMatch(/<testcase classname="task-lifecycle" name="task\.create\.status" time="0\.04">\s*<properties>\s*<property name="requirement" value="The response MUST be 201 Created\. It carries the new task\."\/>\s*<property name="requirementId" value="task\.create\.status"\/>\s*<property name="level" value="MUST"\/>/);
    expect(xml).toContain('<property name="evidence" value="observed"/>');
    expect(xml).toContain('<property name="endpoint" value="POST /organizations/:organization_name/tasks"/>');
    expect(xml).not.toMatch(/\sfile=/);
  });

  it('fails a gate testcase for a stale expected failure, which no check shows, and lists every reason', () => {
    expect(xml).toMatch(/<testsuite name="gate"[^>]* failures="1"/);
    expect(xml).toMatch(/<testcase classname="gate" name="expected-failure-passes: task\.create\.status"[^>]*>\s*<failure message="expected failure task\.create\.status now passes: remove it from the list" type="expected-failure-passes"/);
    expect(xml).toContain('<property name="reason.3" value="1 check inconclusive: connection refused"/>');
  });

  it('maps outcomes: fail -> failure, inconclusive -> error, n/a and expected failure -> skipped', () => {
    expect(count(xml, 'failure')).toBe(2);
    expect(count(xml, 'error')).toBe(1);
    expect(count(xml, 'skipped')).toBe(2);
    expect(xml).toContain('not applicable: the organization has no run task entitlement');
    expect(xml).toContain('expected failure: known HCP deviation (https://example.invalid/issue/1)');
    expect(xml).toContain('warning: no Location header');
    expect(xml).toContain('flaky: failed, then passed on re-run');
  });

  it('puts the transcript summary under the failure and escapes markup in attributes', () => {
    expect(xml).toMatch(/transcript:\nPOST http:\/\/127\.0\.0\.1:4567\/api\/v2\/organizations\/acme\/tasks -> 201 in 12 ms/);
    expect(xml).toContain('GET http://127.0.0.1:4567/api/v2/organizations/acme/tasks -> no response (ECONNREFUSED)');
    expect(xml).toMatch(/<failure message="expected 422, got 201 \| body echoed &lt;script>alert\(&quot;x&quot;\)/);
  });

  it('survives text XML cannot carry', () => {
    const hostile = check({
      id: 'x.y',
      outcome: 'fail',
      message: 'nul\u0000 bell\u0007 ]]> end',
      transcript: [exchange({ responseBody: ']]>' })],
    });
    const out = renderJunit(makeReport({ checks: [hostile] }));
    expect(out).not.toMatch(/[\u0000\u0007]/);
    expect(out.split('<![CDATA[').length).toBe(out.split(']]>').length);
  });
});
