// What the suites need to know about the run, handed to them by vitest's provide/inject.
// It holds secrets (tokens): it is passed in memory to the workers, never written or printed.

export interface SuiteConfig {
  runId: string;
  /** Every resource a run creates starts with this (e.g. `rtc-1a2b3c4d-`), so leftovers can be found and swept. */
  prefix: string;
  address: string;
  embedded: boolean;
  organization: string;
  token: string;
  restrictedToken: string | null;
  foreignOrganization: string | null;
  foreignTaskId: string | null;
  foreignWorkspaceId: string | null;
  /** A URL that answers 200 to a POST, for targets that verify task URLs; null = the suite's own loopback receiver. */
  runTaskUrl: string | null;
  seed: number;
  numRuns: number;
  timeoutMs: number;
  maxRps: number;
  /** Where created resources are journalled (one JSON line each); null = no journal. */
  journalPath: string | null;
  /** --strict: a MUST whose evidence is only the documentation fails instead of warning (appliedLevel). */
  strict: boolean;
  /** What the organization's entitlement set allows, read once by the preflight. */
  capabilities: Capabilities;
}

/** The entitlements that decide which checks apply; null: unlimited, or unknown (the set is not readable). */
export interface Capabilities {
  runTaskLimit: number | null;
  runTaskWorkspaceLimit: number | null;
  mandatoryEnforcementLimit: number | null;
  globalRunTasks: boolean | null;
}

const numberOrNull = (value: unknown) => (typeof value === 'number' ? value : null);

export function capabilitiesOf(attributes: Record<string, unknown> | undefined): Capabilities {
  const global = attributes?.['global-run-tasks'];
  return {
    runTaskLimit: numberOrNull(attributes?.['run-task-limit']),
    runTaskWorkspaceLimit: numberOrNull(attributes?.['run-task-workspace-limit']),
    mandatoryEnforcementLimit: numberOrNull(attributes?.['run-task-mandatory-enforcement-limit']),
    globalRunTasks: typeof global === 'boolean' ? global : null,
  };
}

declare module 'vitest' {
  interface ProvidedContext {
    rtc: SuiteConfig;
  }
}

export const isLoopback = (address: string): boolean => {
  const host = new URL(address).hostname;
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\./.test(host);
};
