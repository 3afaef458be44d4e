import type { Dispatcher } from 'undici';

export interface ClientOptions {
  /** e.g. http://127.0.0.1:4000; a path prefix in it is kept (http://host/tfe + /api/v2/x). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Per HTTP exchange (connect + headers + body), default 15000. */
  timeoutMs?: number;
  /** Client-side pacing; 0/undefined = unpaced (until a server announces X-RateLimit-Limit or -Remaining). */
  maxRps?: number;
  /** Aborting it refuses every queued and later request (TransportError 'aborted'); requests on the wire finish. */
  signal?: AbortSignal;
  /** Default 5. */
  max429Retries?: number;
  /** Cap of one 429 wait, default 60000. */
  max429WaitMs?: number;
  /** Extra values to redact wherever they appear (hmac keys, other tokens). */
  secrets?: string[];
  /** Every finished exchange (429s and transport failures included), already redacted. */
  onExchange?(e: Exchange): void;
  /** Share one keep-alive Agent/Pool; default: the module-level Agent. */
  dispatcher?: Dispatcher;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** JSON-encoded before sending. */
  body?: unknown;
  /** Sent as is; wins over `body`. */
  rawBody?: string;
  query?: Record<string, string>;
  /** Override the client's token; null = send no Authorization. */
  token?: string | null;
  /** Default application/vnd.api+json when there is a body; a string is sent even without a body; null = none. */
  contentType?: string | null;
}

export interface ApiResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ', '. */
  headers: Record<string, string>;
  /** Raw, unredacted: checks judge what the target really sent. */
  text: string;
  /** Parsed, or undefined when the body is empty or not JSON. */
  json: unknown;
  durationMs: number;
  exchange: Exchange;
}

export interface Exchange {
  method: string;
  url: string;
  /** null when no response arrived (transport failure). */
  status: number | null;
  requestHeaders: Record<string, string>;
  requestBody?: string;
  responseHeaders: Record<string, string>;
  responseBody?: string;
  durationMs: number;
  error?: string;
  startedAt: string;
  /** to-target: the harness asked the target; from-target: the target asked the harness (an integration's callback). Absent: to-target. */
  direction?: 'to-target' | 'from-target';
}

export interface ClientStats {
  /** HTTP exchanges attempted, retries included. */
  requests: number;
  /** 429s that were followed by a retry (a 429 returned when retries ran out is not counted). */
  retries429: number;
  /** Time requests spent queued for pacing and 429 waits, summed over requests. */
  waitedMs: number;
}
