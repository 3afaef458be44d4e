// GitHub Actions workflow commands for what fails the gate, so the failures show on the run's page and in a
// pull request: one ::error per failing check (and per stale entry or interruption), a few at most.
import { checksWith, counted, oneLine, truncate } from './derive.ts';
import type { Report } from './model.ts';

/** GitHub shows at most 10 error annotations per step: that many ::error lines, then one ::notice for the rest. */
export const MAX_ANNOTATIONS = 10;
const MAX_TEXT = 500;

/** Escapes of the workflow-command syntax: data may not carry %, CR or LF; properties neither : nor ,. */
const escapeData = (text: string) => text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
const escapeProperty = (text: string) => escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');

const command = (kind: 'error' | 'notice', title: string, message: string) => `::${kind} title=${escapeProperty(title)}::${escapeData(truncate(oneLine(message), MAX_TEXT))}`;

/** The annotations of a run: the checks and reasons that made its exit code 1 or 2. */
export function renderAnnotations(report: Report): string[] {
  const gating = new Set(report.gate.reasons.filter((r) => r.kind === 'failure' || r.kind === 'regression').flatMap((r) => r.checks));
  const checks = [...checksWith(report, 'fail'), ...checksWith(report, 'inconclusive')].filter((c) => gating.has(c.id));
  const others = report.gate.reasons.filter((r) => r.kind !== 'failure' && r.kind !== 'regression' && r.exitCode !== 3);
  const all = [
    ...others.map((r) => command('error', 'run-tasks-conformance', r.message)),
    ...checks.map((c) => command('error', `${c.id} (${c.appliedLevel})`, `${c.message} — ${c.requirement}`)),
  ];
  if (all.length <= MAX_ANNOTATIONS) return all;
  // A notice is not an error annotation, so it does not take one of the ten.
  const rest = all.length - MAX_ANNOTATIONS;
  return [...all.slice(0, MAX_ANNOTATIONS), command('notice', 'run-tasks-conformance', `${counted(rest, 'more failure')}: see the job summary and report.html`)];
}
