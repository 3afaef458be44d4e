// The requirement catalogue: every testable statement of both contracts, defined once. The entries live
// per side (api-requirements.ts, integration-requirements.ts); reports, filters and expected-failure
// files speak in their ids. A check id is a requirement id, optionally followed by a `[variant]`.
import { API_REQUIREMENTS } from './api-requirements.ts';
import { INTEGRATION_REQUIREMENTS } from './integration-requirements.ts';
import type { Requirement, Side } from './requirement.ts';

export type { AppliedLevel, Evidence, EvidenceGrade, Family, Level, Requirement, Side } from './requirement.ts';
export { appliedLevel } from './requirement.ts';
export { ENDPOINTS } from './api-requirements.ts';

export { INTEGRATION_ENDPOINTS } from './integration-requirements.ts';

export const REQUIREMENTS: readonly Requirement[] = [...API_REQUIREMENTS, ...INTEGRATION_REQUIREMENTS];

/** The entries of one side. */
export const requirementsOf = (side: Side): readonly Requirement[] => REQUIREMENTS.filter((r) => r.side === side);

const byId = new Map(REQUIREMENTS.map((r) => [r.id, r]));

/** The requirement a check id belongs to: `ws-task.stage.deprecated[update]` -> `ws-task.stage.deprecated`. */
export function requirementIdOf(checkId: string): string {
  const bracket = checkId.indexOf('[');
  return bracket === -1 ? checkId : checkId.slice(0, bracket);
}

export function requirementFor(checkId: string): Requirement {
  const requirement = byId.get(requirementIdOf(checkId));
  if (!requirement) throw new Error(`check id "${checkId}" names no requirement of the catalogue`);
  return requirement;
}

export function findRequirement(id: string): Requirement | undefined {
  return byId.get(id);
}
