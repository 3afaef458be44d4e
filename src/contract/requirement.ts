// What a requirement of the catalogue is, and the builder each side's list uses. Kept apart from the
// catalogue itself (catalogue.ts) so that the per-side lists can import it without an import cycle.

export type Level = 'MUST' | 'SHOULD';

/** Which contract a requirement belongs to: the Run Tasks API, or the integration a run task calls. */
export type Side = 'api' | 'integration';

export interface Requirement {
  id: string;
  level: Level;
  /** The documentation statement, quoted (or closely paraphrased where the page says it in a table row). */
  statement: string;
  /** Where it comes from: `run-tasks-api § <section>` or `api-facts §N` (with confidence). */
  source: string;
  endpoint: string | null;
  family: Family;
  side: Side;
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

export type Family = ApiFamily;

export type Row = [id: string, level: Level, statement: string, source: string, endpoint: string | null];

/** The rows of one family, as requirements of one side. */
export function family(side: Side, name: Family, rows: Row[]): Requirement[] {
  return rows.map(([id, level, statement, source, endpoint]) => ({ id, level, statement, source, endpoint, family: name, side }));
}
