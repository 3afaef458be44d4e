// Expected-failure lists: how an implementation gates its CI while it catches up. An entry names a check id
// (or a requirement id, covering all its variants). An expected failure does not fail the run; an expected
// failure that passes, or an expired entry, does, so the list cannot go stale.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../config/config.ts';
import { findRequirement, requirementIdOf } from '../contract/catalogue.ts';
import type { CheckResult, GateReason } from '../report/model.ts';

export interface ExpectedFailureEntry {
  check: string;
  reason: string;
  link?: string;
  expires?: string;
}

function entryProblem(entry: unknown, index: number): string | undefined {
  if (!entry || typeof entry !== 'object') return `entry ${index + 1} is not an object`;
  const e = entry as Record<string, unknown>;
  if (typeof e.check !== 'string' || !e.check) return `entry ${index + 1} has no "check"`;
  if (!findRequirement(requirementIdOf(e.check))) return `entry ${index + 1}: "${e.check}" names no requirement of the catalogue`;
  if (typeof e.reason !== 'string' || !e.reason.trim()) return `entry ${index + 1} (${e.check}) has no "reason"`;
  if (e.link !== undefined && typeof e.link !== 'string') return `entry ${index + 1} (${e.check}): "link" must be a string`;
  if (e.expires !== undefined && !(typeof e.expires === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(e.expires))) return `entry ${index + 1} (${e.check}): "expires" must be YYYY-MM-DD`;
  return undefined;
}

export function parseExpectedFailures(text: string, path: string): ExpectedFailureEntry[] {
  let data: unknown;
  try {
    data = /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`--expected-failures ${path} is not valid ${/\.ya?ml$/i.test(path) ? 'YAML' : 'JSON'}: ${(err as Error).message.split('\n')[0]}`);
  }
  const list = Array.isArray(data) ? data : (data as { expectedFailures?: unknown } | null)?.expectedFailures;
  if (!Array.isArray(list)) throw new ConfigError(`--expected-failures ${path} must hold a list of {check, reason, link?, expires?}`);
  const problem = list.map(entryProblem).find(Boolean);
  if (problem) throw new ConfigError(`--expected-failures ${path}: ${problem}`);
  return list as ExpectedFailureEntry[];
}

export function loadExpectedFailures(path: string): ExpectedFailureEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(`--expected-failures ${path} cannot be read`);
  }
  return parseExpectedFailures(text, path);
}

/**
 * The entries that cover no check the project defines (every suite of both sides, whatever this run
 * selects): a renamed or removed check, or a typo in a variant, which would otherwise be ignored in silence.
 */
export function entriesNamingNoCheck(entries: readonly ExpectedFailureEntry[], defined: readonly { id: string; requirementId: string }[]): string[] {
  const known = new Set(defined.flatMap((c) => [c.id, c.requirementId]));
  return [...new Set(entries.map((e) => e.check).filter((check) => !known.has(check)))];
}

/** The warning a run prints for them (it does not change the exit code); null when every entry covers a check. */
export function namingNoCheckWarning(path: string, entries: readonly ExpectedFailureEntry[], defined: readonly { id: string; requirementId: string }[]): string | null {
  const unknown = entriesNamingNoCheck(entries, defined);
  const n = unknown.length;
  if (n === 0) return null;
  return `! --expected-failures ${path}: ${n} entr${n === 1 ? 'y names' : 'ies name'} no check of the suite, and ${n === 1 ? 'is' : 'are'} ignored: ${unknown.join(', ')} (renamed or removed? \`run-tasks-conformance list\` shows the check ids)`;
}

const covers = (entry: ExpectedFailureEntry, check: CheckResult) => entry.check === check.id || entry.check === check.requirementId;
const failing = (c: CheckResult) => c.outcome === 'fail' || c.outcome === 'warn';

/** Marks expected failures on the checks; returns the stale entries, each a reason that fails the run. */
export function applyExpectedFailures(checks: CheckResult[], entries: readonly ExpectedFailureEntry[], today: string): { checks: CheckResult[]; stale: GateReason[] } {
  const stale: GateReason[] = [];
  for (const entry of entries) {
    const matched = checks.filter((c) => covers(entry, c));
    const ids = matched.map((c) => c.id);
    if (entry.expires && entry.expires < today) stale.push({ kind: 'expected-failure-expired', exitCode: 1, message: `expected failure ${entry.check} expired on ${entry.expires}`, checks: ids, entry: entry.check });
    else if (matched.length > 0 && !matched.some(failing) && matched.some((c) => c.outcome === 'pass')) {
      stale.push({ kind: 'expected-failure-passes', exitCode: 1, message: `expected failure ${entry.check} now passes: remove it from the list`, checks: ids, entry: entry.check });
    }
  }
  const marked = checks.map((check) => {
    const entry = entries.find((e) => covers(e, check) && !(e.expires && e.expires < today));
    if (!entry || !failing(check)) return check;
    return { ...check, expectedFailure: { reason: entry.reason, ...(entry.link ? { link: entry.link } : {}), ...(entry.expires ? { expires: entry.expires } : {}) } };
  });
  return { checks: marked, stale };
}
