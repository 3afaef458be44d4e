// `list`: the check ids a run would judge, with the level it applies, the evidence grade and the requirement,
// without a target.
import { resolveConfig, type RawOptions } from '../config/config.ts';
import { resolveIntegrationConfig } from '../config/integration.ts';
import { appliedLevel, type Requirement } from '../contract/requirement.ts';
import { selectedChecks, type DefinedCheck } from '../runner/definitions.ts';
import { counted, shortRequirement } from '../report/derive.ts';

const MAX_ID = 56;

/** The level a run applies, and the documentation's own when it differs: "SHOULD (stated MUST)". */
function levelText(r: Requirement, strict: boolean): string {
  const applied = appliedLevel(r, strict).level;
  return applied === r.level ? applied : `${applied} (stated ${r.level})`;
}

/** One line per check: id, the level applied, the evidence grade, the statement's first sentence. */
export function listLines(checks: readonly DefinedCheck[], strict = false): string[] {
  const idWidth = Math.min(MAX_ID, Math.max(...checks.map((c) => c.id.length)));
  const levelWidth = Math.max(...checks.map((c) => levelText(c.requirement, strict).length));
  const lines = checks.map(({ id, requirement: r }) => `${id.padEnd(idWidth)}  ${levelText(r, strict).padEnd(levelWidth)}  ${r.evidence.grade.padEnd(10)}  ${shortRequirement(r.statement, 100)}`);
  const requirements = new Set(checks.map((c) => c.requirement.id)).size;
  return [...lines, `${counted(checks.length, 'check')} of ${counted(requirements, 'requirement')}`];
}

export async function list(options: RawOptions, io: { log(line: string): void }): Promise<number> {
  // Only the selection flags matter: the environment's target settings are not read.
  const selection = { suite: options.suite, grep: options.grep, strict: options.strict };
  const side = options.side === 'integration' ? 'integration' : 'api';
  const { suites, grep, strict } = side === 'integration' ? resolveIntegrationConfig(selection, {}) : resolveConfig(selection, {});
  for (const line of listLines(await selectedChecks({ suites, grep }, side), strict)) io.log(line);
  return 0;
}
