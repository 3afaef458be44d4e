// What the integration suites need to know about the run, handed to them by vitest's provide/inject
// (`rtcIntegration`). It holds a secret (the HMAC key): passed in memory to the workers, never written.

export interface StandInSettings {
  host: string;
  /** 0: any free port (a tunnel needs a fixed one: --callback-port). */
  port: number;
  /** --callback-base-url: where the service reaches the stand-in; null: its listening address. */
  publicUrl: string | null;
  /** --tls: the stand-in's generated certificate and key (PEM). */
  tls: { cert: string; key: string } | null;
}

export interface IntegrationSuiteConfig {
  runId: string;
  /** The service's run-task URL: the target. */
  url: string;
  /** True when the target is the embedded reference service. */
  embedded: boolean;
  hmacKey: string | null;
  seed: number;
  strict: boolean;
  /** How long a request may wait for the service's answer (--request-timeout). */
  requestTimeoutMs: number;
  /** How long the service may go without an accepted callback (--callback-timeout; documented: 10 minutes). */
  callbackTimeoutMs: number;
  /** How long in all (6 x callbackTimeoutMs, as documented 10 and 60 minutes). */
  callbackTotalMs: number;
  /**
   * The documented window without progress (10 minutes). A callback missing when the harness's shorter window
   * ends is inconclusive, not a failure: the service may still be within its rights. The project's tests
   * shrink it with the harness's window, to model the documented deadline passing.
   */
  documentedCallbackTimeoutMs: number;
  /** After a final status (or a refused request), how long to listen for callbacks that should not come. */
  settleMs: number;
  standIn: StandInSettings;
}

/** Documented: 10 minutes without a progress update, 60 minutes in all (integration-facts §3.6). */
export const DOCUMENTED_INACTIVITY_MS = 10 * 60 * 1000;
export const TOTAL_PER_INACTIVITY = 6;

declare module 'vitest' {
  interface ProvidedContext {
    rtcIntegration: IntegrationSuiteConfig;
  }
}
