import type { Dispatcher } from 'undici';
import { defaultDispatcher } from './dispatcher.ts';
import { Deadline, TIMEOUT } from './deadline.ts';
import { classifyError, errorMessage, TransportError } from './errors.ts';
import { Pacer } from './pacer.ts';
import { retryDelayMs } from './retry.ts';
import { SecretSet } from './secrets.ts';
import { parseBase, resolveTarget, type Base, type Target } from './target.ts';
import type { ApiResponse, ClientOptions, ClientStats, Exchange, RequestOptions } from './types.ts';

export const JSON_API = 'application/vnd.api+json';

/** What withToken siblings share: pacing, stats, secrets, pool and settings. @internal */
interface Shared {
  base: Base;
  timeoutMs: number;
  max429Retries: number;
  max429WaitMs: number;
  pacer: Pacer;
  stats: ClientStats;
  secrets: SecretSet;
  onExchange: ((e: Exchange) => void) | undefined;
  dispatcher: Dispatcher | undefined;
}

const NO_OPTIONS: RequestOptions = {};

interface Raw {
  status: number;
  headers: Record<string, string>;
  text: string;
}

export class ApiClient {
  readonly #s: Shared;
  readonly #token: string | null;

  /** `shared` is internal: withToken passes its own. */
  constructor(o: ClientOptions, shared?: Shared) {
    this.#token = o.token ?? null;
    this.#s = shared ?? {
      base: parseBase(o.baseUrl),
      timeoutMs: o.timeoutMs ?? 15_000,
      max429Retries: o.max429Retries ?? 5,
      max429WaitMs: o.max429WaitMs ?? 60_000,
      pacer: new Pacer(o.maxRps, o.signal ? { signal: o.signal } : {}),
      stats: { requests: 0, retries429: 0, waitedMs: 0 },
      secrets: new SecretSet(o.secrets),
      onExchange: o.onExchange,
      dispatcher: o.dispatcher,
    };
    this.#s.secrets.add(this.#token);
  }

  /** A client with another credential (null = anonymous) sharing pacing, stats, secrets and pool. */
  withToken(token: string | null): ApiClient {
    return new ApiClient({ baseUrl: '', token: token ?? undefined }, this.#s);
  }

  stats(): ClientStats {
    return { ...this.#s.stats };
  }

  /** Adds a value to redact from every later exchange and text (e.g. a token sent inside a body). */
  addSecret(secret: string | null | undefined): void {
    this.#s.secrets.add(secret);
  }

  /** Hides every secret this client knows (tokens, learned HMAC keys) in a text meant for a report. */
  redact(text: string): string {
    return this.#s.secrets.redact(text);
  }

  /** Header values redacted the same way; Authorization always hidden. */
  redactHeaders(headers: Record<string, string>): Record<string, string> {
    return this.#s.secrets.redactHeaders(headers);
  }

  get(path: string, o?: RequestOptions): Promise<ApiResponse> {
    return this.request('GET', path, o);
  }
  post(path: string, body?: unknown, o?: RequestOptions): Promise<ApiResponse> {
    return this.request('POST', path, withBody(o, body));
  }
  patch(path: string, body?: unknown, o?: RequestOptions): Promise<ApiResponse> {
    return this.request('PATCH', path, withBody(o, body));
  }
  delete(path: string, o?: RequestOptions): Promise<ApiResponse> {
    return this.request('DELETE', path, o);
  }

  /**
   * Sends, waiting for pacing and retrying 429s; throws TransportError when no response could be had, or
   * (kind 'aborted') when the client's signal aborted before the request could be sent.
   */
  async request(method: string, pathOrUrl: string, o: RequestOptions = NO_OPTIONS): Promise<ApiResponse> {
    const s = this.#s;
    const target = resolveTarget(s.base, pathOrUrl, o.query);
    const token = o.token === undefined ? this.#token : o.token;
    if (o.token) s.secrets.add(o.token);
    const body = o.rawBody ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
    if (body !== undefined) s.secrets.learnFrom(body);
    const headers = buildHeaders(token, body !== undefined, o);
    s.secrets.learnFromHeaders(headers);
    // The server counts per credential; deletions jump the queue (cleanup must not wait behind checks).
    const key = token ?? '';
    const priority = method === 'DELETE' ? 'deletion' : 'check';
    for (let attempt = 0; ; attempt++) {
      const wait = s.pacer.acquire(key, priority);
      if (wait) {
        try {
          s.stats.waitedMs += await wait;
        } catch (err) {
          throw new TransportError('aborted', `${method} ${s.secrets.redact(target.origin + target.path)}: not sent, the run is stopping`, { cause: err });
        }
      }
      let res: ApiResponse;
      try {
        res = await this.#send(method, target, headers, body);
      } catch (err) {
        s.pacer.settle(key, undefined);
        throw err;
      }
      s.pacer.settle(key, res.headers);
      if (res.status !== 429 || attempt >= s.max429Retries) return res;
      s.stats.retries429++;
      s.pacer.pause(key, retryDelayMs(res.headers, attempt, s.max429WaitMs));
    }
  }

  /** One HTTP exchange under one deadline covering connect, headers and body. */
  async #send(method: string, t: Target, headers: Record<string, string>, body: string | undefined): Promise<ApiResponse> {
    const s = this.#s;
    s.stats.requests++;
    const startedAt = isoNow();
    const t0 = performance.now();
    const deadline = new Deadline(s.timeoutMs);
    let raw: Raw;
    try {
      const r = await deadline.send(s.dispatcher ?? defaultDispatcher(), {
        origin: t.origin,
        path: t.path,
        method: method as Dispatcher.HttpMethod,
        headers,
        body,
        signal: deadline,
        // undici's own per-phase timers: a second line, cheap (they live on the socket).
        headersTimeout: s.timeoutMs,
        bodyTimeout: s.timeoutMs,
      });
      raw = { status: r.statusCode, headers: flattenHeaders(r.headers), text: await r.body.text() };
    } catch (err) {
      const durationMs = performance.now() - t0;
      const kind = err === TIMEOUT ? 'timeout' : classifyError(err);
      const msg = kind === 'timeout' ? `timed out after ${s.timeoutMs}ms` : errorMessage(err);
      const exchange = this.#record(method, t, headers, body, undefined, durationMs, startedAt, msg);
      throw new TransportError(kind, `${method} ${exchange.url}: ${exchange.error}`, { cause: err, exchange });
    } finally {
      deadline.clear();
    }
    const durationMs = performance.now() - t0;
    const exchange = this.#record(method, t, headers, body, raw, durationMs, startedAt, undefined);
    return { status: raw.status, headers: raw.headers, text: raw.text, json: parseJson(raw.text), durationMs, exchange };
  }

  /** Builds the redacted Exchange and hands it to onExchange. */
  #record(
    method: string,
    t: Target,
    headers: Record<string, string>,
    body: string | undefined,
    raw: Raw | undefined,
    durationMs: number,
    startedAt: string,
    error: string | undefined,
  ): Exchange {
    const sec = this.#s.secrets;
    const e: Exchange = {
      method,
      url: sec.redact(t.origin + t.path),
      status: raw ? raw.status : null,
      requestHeaders: sec.redactHeaders(headers),
      responseHeaders: raw ? sec.redactHeaders(raw.headers) : {},
      durationMs,
      startedAt,
    };
    if (body !== undefined) e.requestBody = sec.redact(body);
    if (raw) e.responseBody = sec.redact(raw.text);
    if (error !== undefined) e.error = sec.redact(error);
    this.#s.onExchange?.(e);
    return e;
  }
}

function withBody(o: RequestOptions | undefined, body: unknown): RequestOptions {
  return body === undefined ? (o ?? NO_OPTIONS) : { ...o, body };
}

function buildHeaders(token: string | null, hasBody: boolean, o: RequestOptions): Record<string, string> {
  const h: Record<string, string> = { accept: JSON_API };
  const ct = o.contentType === undefined ? (hasBody ? JSON_API : null) : o.contentType;
  if (ct !== null) h['content-type'] = ct;
  if (token) h['authorization'] = `Bearer ${token}`;
  if (o.headers) for (const k in o.headers) h[k.toLowerCase()] = o.headers[k] ?? '';
  return h;
}

/** undici gives string[] for repeated headers; the contract speaks in single strings. */
function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  for (const k in h) {
    const v = h[k];
    if (typeof v !== 'string') h[k] = Array.isArray(v) ? v.join(', ') : '';
  }
  return h as Record<string, string>;
}

let lastMs = 0;
let lastIso = '';
/** Date#toISOString is a visible share of a loopback request; requests in the same millisecond share it. */
function isoNow(): string {
  const now = Date.now();
  if (now !== lastMs) {
    lastMs = now;
    lastIso = new Date(now).toISOString();
  }
  return lastIso;
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
