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
