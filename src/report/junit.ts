// JUnit XML for CI test tabs: one testsuite per family, one testcase per check.
import junitModule from 'junit-report-builder';
import type { Builder, TestCase } from 'junit-report-builder';
import { displayOf, groupBy, oneLine, transcriptSummary, truncate } from './derive.ts';
import type { CheckResult, GateReason, Report } from './model.ts';

// The package is CommonJS (module.exports = builder) while its types declare an ES default export; under
// NodeNext those disagree, so accept either shape.
const junit: Builder =
  (junitModule as unknown as { default?: Builder }).default ?? (junitModule as unknown as Builder);

// Characters XML 1.0 cannot carry at all (xmlbuilder throws on them), e.g. control bytes in a body.
const XML_INVALID = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text safe for an attribute or a CDATA section (xmlbuilder only splits the first "]]>" itself). */
function xmlSafe(text: string): string {
  return text.replace(XML_INVALID, '\uFFFD').replaceAll(']]>', ']] >');
}

const MAX_MESSAGE = 1000; // attribute shown inline by most CI viewers
const MAX_DETAILS = 16_000;

function details(check: CheckResult): string {
  const transcript = transcriptSummary(check.transcript);
  const parts = [
    `${check.appliedLevel} ${check.requirementId}: "${oneLine(check.requirement)}"`,
    `level: judged ${check.appliedLevel} (${check.levelReason}; stated ${check.level}), evidence ${check.evidence}`,
    `source: ${check.source}`,
    check.message,
    check.reproduction && `reproduce (the token from $TFE_TOKEN):\n${check.reproduction}`,
    transcript && `transcript:\n${transcript}`,
  ];
  return xmlSafe(truncate(parts.filter(Boolean).join('\n\n'), MAX_DETAILS));
}

function shortMessage(text: string): string {
  return xmlSafe(truncate(oneLine(text), MAX_MESSAGE));
}

function expectedNote(check: CheckResult): string {
  const ef = check.expectedFailure;
  if (!ef) return '';
  const link = ef.link ? ` (${ef.link})` : '';
  return `${ef.reason}${link}`;
}

/** Notes for a passing check that a reader may still want to know about. */
function passNotes(check: CheckResult): string {
  const notes: string[] = [];
  if (check.flaky) notes.push('flaky: failed, then passed on re-run');
  if (check.expectedFailure) notes.push(`expected to fail but passed: ${expectedNote(check)}`);
  return notes.join('\n');
}

function describeOutcome(testCase: TestCase, check: CheckResult): void {
  switch (displayOf(check)) {
    case 'fail':
      testCase.failure(shortMessage(check.message), 'fail').stacktrace(details(check));
      return;
    case 'inconclusive':
      testCase.error(shortMessage(check.message), 'inconclusive', details(check));
      return;
    case 'not-applicable':
      testCase.skipped().standardOutput(xmlSafe(`not applicable: ${check.message}`));
      return;
    case 'expected-failure':
      testCase.skipped().standardOutput(xmlSafe(`expected failure: ${expectedNote(check)}\n\n${details(check)}`));
      return;
    case 'warn':
      testCase.standardOutput(xmlSafe(`warning: ${check.message}\n\n${details(check)}`));
      return;
    case 'pass': {
      const notes = passNotes(check);
      if (notes) testCase.standardOutput(xmlSafe(notes));
      return;
    }
  }
}

/** Reasons for the exit code that no check's testcase shows (a stale expected failure, an interruption, a suite error). */
const OWN_TESTCASE: ReadonlySet<GateReason['kind']> = new Set(['expected-failure-passes', 'expected-failure-expired', 'interrupted', 'suite-error']);
/** Of those, the ones where the run itself went wrong (an error), not a judgement (a failure). */
const RUN_ERROR: ReadonlySet<GateReason['kind']> = new Set(['interrupted', 'suite-error']);

/** A `gate` testsuite: every reason as a property, and a failing testcase for each reason no check shows. */
function gateSuite(builder: Builder, report: Report): void {
  const { reasons } = report.gate;
  if (reasons.length === 0) return;
  const suite = builder.testSuite().name('gate').timestamp(report.startedAt).property('exitCode', String(report.exitCode));
  reasons.forEach((r, i) => suite.property(`reason.${i + 1}`, xmlSafe(r.message)));
  for (const r of reasons.filter((x) => OWN_TESTCASE.has(x.kind))) {
    const testCase = suite.testCase().className('gate').name(xmlSafe(r.entry ? `${r.kind}: ${r.entry}` : r.kind));
    if (RUN_ERROR.has(r.kind)) testCase.error(shortMessage(r.message), r.kind);
    else testCase.failure(shortMessage(r.message), r.kind);
  }
}

/** What the check judges, as testcase properties (the requirement text lives here, not in the name). */
function checkProperties(testCase: TestCase, check: CheckResult): void {
  const properties: [string, string | null][] = [
    ['requirement', check.requirement],
    ['requirementId', check.requirementId],
    ['level', check.appliedLevel],
    ['statedLevel', check.level],
    ['evidence', check.evidence],
    ['source', check.source],
    ['endpoint', check.endpoint],
    ['suite', check.suite],
  ];
  for (const [name, value] of properties) if (value !== null) testCase.property(name, xmlSafe(value));
}

export function renderJunit(report: Report): string {
  const builder = junit.newBuilder().name(xmlSafe(`${report.tool.name} ${report.runId}`));
  gateSuite(builder, report);
  for (const [family, checks] of groupBy(report.checks, (c) => c.family)) {
    const suite = builder
      .testSuite()
      .name(xmlSafe(family))
      .timestamp(report.startedAt)
      .time(checks.reduce((sum, c) => sum + c.durationMs, 0) / 1000)
      .property('target', xmlSafe(report.target.address))
      .property('organization', xmlSafe(report.target.organization ?? ''))
      .property('seed', String(report.seed))
      .property('strict', String(report.strict ?? false))
      .property('runId', xmlSafe(report.runId));
    for (const check of checks) {
      // The name is the check id alone, stable across edits of the quoted text; no `file`: a suite name is no path.
      const testCase = suite.testCase().className(xmlSafe(family)).name(xmlSafe(check.id)).time(check.durationMs / 1000);
      checkProperties(testCase, check);
      describeOutcome(testCase, check);
    }
  }
  return builder.build();
}
