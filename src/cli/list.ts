// `list`: the check ids a run would judge, with level, evidence and the requirement, without a target.
import { resolveConfig, type RawOptions } from '../config/config.ts';
import { selectedChecks, type DefinedCheck } from '../runner/definitions.ts';
import { shortRequirement } from '../report/derive.ts';

const MAX_ID = 56;

/** One line per check: id, level, where the statement comes from, its first sentence. */
export function listLines(checks: readonly DefinedCheck[]): string[] {
  const idWidth = Math.min(MAX_ID, Math.max(...checks.map((c) => c.id.length)));
  const sourceWidth = Math.max(...checks.map((c) => c.requirement.source.length));
  const lines = checks.map(({ id, requirement: r }) => `${id.padEnd(idWidth)}  ${r.level.padEnd(6)}  ${r.source.padEnd(sourceWidth)}  ${shortRequirement(r.statement, 100)}`);
  const requirements = new Set(checks.map((c) => c.requirement.id)).size;
  return [...lines, `${checks.length} check${checks.length === 1 ? '' : 's'} of ${requirements} requirement${requirements === 1 ? '' : 's'}`];
}

export async function list(options: RawOptions, io: { log(line: string): void }): Promise<number> {
  // Only the selection flags matter: the environment's target settings are not read.
  const { suites, grep } = resolveConfig({ suite: options.suite, grep: options.grep }, {});
  for (const line of listLines(await selectedChecks({ suites, grep }))) io.log(line);
  return 0;
}
