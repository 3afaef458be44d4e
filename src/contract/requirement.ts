// What a requirement of the catalogue is, and the builder each side's list uses. Kept apart from the
// catalogue itself (catalogue.ts) so that the per-side lists can import it without an import cycle.

export type Level = 'MUST' | 'SHOULD';

/** Which contract a requirement belongs to: the Run Tasks API, or the integration a run task calls. */
export type Side = 'api' | 'integration';

export type EvidenceGrade = 'observed' | 'documented' | 'open';

export interface Evidence {
  /** observed: the documentation states it and the real service is shown doing it (go-tfe integration tests,
   *  terraform-provider-tfe acceptance tests, captured responses, HashiCorp docs of the behaviour);
   *  documented: the documentation states it, nothing shows the service enforcing it;
   *  open: the documentation contradicts itself or is silent: the check accepts every reading (and may warn). */
  grade: EvidenceGrade;
  /** Where the evidence is, at least one: "hashicorp/go-tfe run_task_integration_test.go (TestRunTasksDelete)",
   *  "api-facts §2", "integration-facts §1.4", "run-tasks-api § Create a Run Task". */
  sources: string[];
  /** One line: what the evidence shows, or why the documentation alone is all there is. */
  note?: string;
}

export interface Requirement {
  id: string;
  /** What the documentation's wording demands; the level a run applies is appliedLevel()'s to say. */
  level: Level;
  /** The documentation statement, quoted (or closely paraphrased where the page says it in a table row). */
  statement: string;
  /** Where it comes from: `run-tasks-api § <section>` or `api-facts §N` (with confidence). */
  source: string;
  endpoint: string | null;
  family: Family;
  side: Side;
  evidence: Evidence;
}

export type ApiFamily =
  | 'task-lifecycle'
  | 'task-validation'
  | 'global-configuration'
  | 'workspace-task-lifecycle'
  | 'workspace-task-validation'
  | 'pagination'
  | 'include'
  | 'media-type-and-errors'
  | 'permissions'
  | 'url-verification'
  | 'properties'
  | 'plans';

/** The integration side's families (src/contract/integration-requirements.ts). */
export type IntegrationFamily = 'verification' | 'stage-request' | 'callback' | 'callback-body' | 'signature' | 'resilience';

export type Family = ApiFamily | IntegrationFamily;

export type Row = [id: string, level: Level, statement: string, source: string, endpoint: string | null, evidence: Evidence];

/** The rows of one family, as requirements of one side. */
export function family(side: Side, name: Family, rows: Row[]): Requirement[] {
  return rows.map(([id, level, statement, source, endpoint, evidence]) => ({ id, level, statement, source, endpoint, family: name, side, evidence }));
}

// ---- evidence builders, so a row reads as its grade: observed('note', 'source', …)

const evidence =
  (grade: EvidenceGrade) =>
  (note: string, ...sources: [string, ...string[]]): Evidence => ({ grade, sources, note });

export const observed = evidence('observed');
export const documented = evidence('documented');
export const open = evidence('open');

// ---- the level a run applies

export interface AppliedLevel {
  level: Level;
  reason: string;
}

/**
 * The level a run judges a requirement at. Only what the real service is shown doing fails by default; what
 * the documentation alone states warns unless `strict` (the documentation's letter) is asked for; where the
 * documentation contradicts itself or is silent, and for every SHOULD, a miss warns.
 */
export function appliedLevel(r: Pick<Requirement, 'level' | 'evidence'>, strict: boolean): AppliedLevel {
  if (r.level === 'SHOULD') return { level: 'SHOULD', reason: 'SHOULD: the documentation does not demand it' };
  switch (r.evidence.grade) {
    case 'observed':
      return { level: 'MUST', reason: `observed: ${r.evidence.sources[0]}` };
    case 'documented':
      return strict
        ? { level: 'MUST', reason: 'documented only: MUST under --strict (the documentation\'s letter)' }
        : { level: 'SHOULD', reason: 'documented only: warns unless --strict' };
    case 'open':
      return { level: 'SHOULD', reason: 'open: the documentation contradicts itself or is silent' };
  }
}
