// The harness's HCP Terraform stand-in: what a run-task integration service talks to while it is checked.
// It issues task results (a callback URL and an access token per request), answers their callbacks as HCP
// Terraform documents (401, 422, 409, 200 with a task-results document or without a body), serves
// plan_json_api_url (307 to a short-lived URL) and configuration_version_download_url (302 to a small tar.gz),
// and GET /api/v2/ping. It records every request it gets, so checks judge what the service sent, whatever the
// stand-in answered.
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { planJson } from './plan.ts';

export const JSON_API = 'application/vnd.api+json';
/** Oldest requests are dropped beyond this, so a chatty service cannot grow memory without bound. */
export const MAX_RECORDED = 2000;
/** Larger than any callback the contract allows (outcome bodies up to 5 MB each: integration-facts §3.2). */
const MAX_BODY = 16 * 1024 * 1024;
/** How long the temporary URL behind plan_json_api_url lives (integration-facts §1.3: about a minute). */
const TEMPORARY_TTL_MS = 60_000;

const CONFIGURATION = readFileSync(new URL('./configuration.tar.gz', import.meta.url));
const FINAL: ReadonlySet<string> = new Set(['passed', 'failed']);
const ACCEPTED_STATUSES: ReadonlySet<string> = new Set(['running', 'passed', 'failed']);

/** accept: as HCP Terraform; unauthorized: 401 to every callback (an expired token); invalid: 422 to every callback. */
export type CallbackMode = 'accept' | 'unauthorized' | 'invalid';
/**
 * The form of the 200 to an accepted callback: the task-results document of the OpenAPI description, or no body
 * ("200 | No Content" in the docs' table). The sources conflict (integration-facts §3.4, §6.7), so a service
 * must take either; the harness uses both in every run.
 */
export type CallbackAnswer = 'document' | 'empty';
export type ResultStatus = 'pending' | 'running' | 'passed' | 'failed';
export type RequestKind = 'callback' | 'plan-json' | 'configuration' | 'temporary' | 'ping' | 'unknown';

export interface RecordedRequest {
  receivedAt: string;
  /** Date.now() when the request had arrived whole. */
  atMs: number;
  method: string;
  /** Path and query, as received. */
  path: string;
  /** Lower-case names; repeated headers joined with ', '. */
  headers: Record<string, string>;
  /** Raw body, exactly as received. */
  body: string;
  kind: RequestKind;
  /** The task result whose callback URL (or token, for downloads) the request reached; null when none. */
  taskResultId: string | null;
  status: number;
  answer: string;
  /** Why the stand-in refused it, in one line; null when it was accepted. */
  refusal: string | null;
}

export interface TaskResult {
  id: string;
  guid: string;
  stage: string;
  accessToken: string;
  callbackUrl: string;
  planJsonUrl: string;
  configurationUrl: string;
  planId: string;
  configurationVersionId: string;
  speculative: boolean;
  mode: CallbackMode;
  answer: CallbackAnswer;
  /** What HCP Terraform would hold after the accepted callbacks. */
  status: ResultStatus;
  message: string | null;
  url: string | null;
  outcomes: unknown[];
  /** Every request to this task result's callback URL, refused ones included, in arrival order. */
  attempts: RecordedRequest[];
  /** How many callbacks were accepted. */
  accepted: number;
  createdAt: string;
  updatedAt: string;
}

export interface IssueSpec {
  stage: string;
  planId: string;
  configurationVersionId: string;
  speculative?: boolean;
  mode?: CallbackMode;
  /** Default: the document. */
  answer?: CallbackAnswer;
  /** Default: a fresh token shaped like HCP Terraform's (`<14>.atlasv1.<64>`). */
  accessToken?: string;
}

export type SettleOutcome = 'final' | 'inactive' | 'total';

export interface SettleOptions {
  /** Time allowed without an accepted callback (documented: 10 minutes). */
  inactivityMs: number;
  /** Time allowed in all (documented: 60 minutes). */
  totalMs: number;
  /** After the final status, how long to keep listening for callbacks that should not come. */
  settleMs: number;
}

export interface StandIn {
  /** Public base put into payloads (no trailing slash): --callback-base-url, or the listening address. */
  url: string;
  /** Where it listens (no trailing slash). */
  localUrl: string;
  tls: boolean;
  requests: RecordedRequest[];
  issue(spec: IssueSpec): TaskResult;
  taskResult(id: string): TaskResult | undefined;
  /** Requests of one kind, optionally only those after `sinceMs`. */
  requestsOf(kind: RequestKind, sinceMs?: number): RecordedRequest[];
  /** Waits for a final status (then `settleMs` more), or until a deadline runs out; says which. */
  settle(result: TaskResult, options: SettleOptions): Promise<SettleOutcome>;
  /** Resolves true at the next request to the result's callback URL, false after `timeoutMs` or on close. */
  nextAttempt(result: TaskResult, timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface StandInOptions {
  host?: string;
  port?: number;
  /** HTTPS with this certificate (see tls.ts). */
  tls?: { cert: string; key: string } | null;
  /** The base URL a service reaches the stand-in at (a tunnel); default: the listening address. */
  publicUrl?: string | null;
  temporaryTtlMs?: number;
}

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  refusal?: string;
  taskResultId?: string;
  kind: RequestKind;
}

const CALLBACK = /\/api\/v2\/task-results\/([^/]+)\/callback$/;
const PLAN_JSON = /\/api\/v2\/plans\/([^/]+)\/json-output$/;
const CONFIGURATION_DOWNLOAD = /\/api\/v2\/configuration-versions\/([^/]+)\/download$/;
const TEMPORARY = /\/_archivist\/([A-Za-z0-9_-]+)$/;
const PING = /\/api\/v2\/ping$/;

const alnum = (n: number) => randomBytes(n * 2).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, n).padEnd(n, '0');
const newToken = () => `${alnum(14)}.atlasv1.${alnum(64)}`;

function error(status: number, title: string, detail: string, pointer?: string): Pick<Answer, 'status' | 'headers' | 'body' | 'refusal'> {
  const body = JSON.stringify({ errors: [{ status: String(status), title, detail, ...(pointer ? { source: { pointer } } : {}) }] });
  return { status, headers: { 'content-type': JSON_API }, body, refusal: `${status} ${detail}` };
}

/** What HCP Terraform is documented to refuse with 422: not a task-results document, or a status it does not accept. */
export function callbackBodyProblem(json: unknown): { pointer: string; detail: string } | undefined {
  const data = (json as { data?: unknown } | null)?.data;
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return { pointer: '', detail: 'the body must be a JSON:API document (an object)' };
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { pointer: '/data', detail: 'data must be an object' };
  const { type, attributes } = data as { type?: unknown; attributes?: unknown };
  if (type !== 'task-results') return { pointer: '/data/type', detail: `data.type must be "task-results", got ${JSON.stringify(type) ?? 'nothing'}` };
  if (attributes === null || typeof attributes !== 'object' || Array.isArray(attributes)) return { pointer: '/data/attributes', detail: 'data.attributes must be an object' };
  const status = (attributes as { status?: unknown }).status;
  if (typeof status !== 'string' || !ACCEPTED_STATUSES.has(status)) {
    return { pointer: '/data/attributes/status', detail: `status must be one of running, passed, failed; got ${JSON.stringify(status) ?? 'nothing'}` };
  }
  return undefined;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The bearer credential of a request, or undefined (the scheme is case-insensitive: RFC 6750). */
function bearer(headers: Record<string, string>): string | undefined {
  const m = /^bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  return m?.[1];
}

function document(result: TaskResult): string {
  return JSON.stringify({
    data: {
      id: result.id,
      type: 'task-results',
      attributes: {
        status: result.status,
        message: result.message,
        url: result.url,
        stage: result.stage,
        'is-speculative': result.speculative,
        'task-result-outcomes-count': result.outcomes.length,
        'status-timestamps': { [`${result.status}-at`]: result.updatedAt },
        'created-at': result.createdAt,
        'updated-at': result.updatedAt,
      },
    },
  });
}

export async function startStandIn(o: StandInOptions = {}): Promise<StandIn> {
  const host = o.host ?? '127.0.0.1';
  const ttl = o.temporaryTtlMs ?? TEMPORARY_TTL_MS;
  const byId = new Map<string, TaskResult>();
  const byGuid = new Map<string, TaskResult>();
  const temporary = new Map<string, { expires: number; type: string; content: Buffer | string }>();
  const waiters = new Map<TaskResult, Set<(hit: boolean) => void>>();
  const requests: RecordedRequest[] = [];
  let base = '';

  const resultFor = (token: string | undefined, match: (r: TaskResult) => boolean) =>
    token === undefined ? undefined : [...byId.values()].find((r) => r.accessToken === token && match(r));

  const temporaryUrl = (type: string, content: Buffer | string) => {
    const code = alnum(32);
    temporary.set(code, { expires: Date.now() + ttl, type, content });
    return `${base}/_archivist/${code}`;
  };

  function callback(result: TaskResult | undefined, method: string, headers: Record<string, string>, body: string): Answer {
    const kind = 'callback' as const;
    if (!result) return { kind, ...error(404, 'not found', 'no task result has this callback URL') };
    const taskResultId = result.id;
    if (method !== 'PATCH') return { kind, taskResultId, ...error(404, 'not found', `the callback URL takes PATCH, not ${method}`) };
    if (bearer(headers) !== result.accessToken) {
      const sent = headers.authorization === undefined ? 'no Authorization header' : 'a token that is not this task result\'s access_token';
      return { kind, taskResultId, ...error(401, 'unauthorized', `not authorized: ${sent}`) };
    }
    if (result.mode === 'unauthorized') return { kind, taskResultId, ...error(401, 'unauthorized', 'not authorized: the access token has expired (refused on purpose by the stand-in)') };
    const parsed = parseJson(body);
    if (!parsed.ok) return { kind, taskResultId, ...error(400, 'bad request', 'the body is not JSON') };
    const problem = callbackBodyProblem(parsed.value);
    if (problem) return { kind, taskResultId, ...error(422, 'invalid attribute', problem.detail, problem.pointer) };
    if (result.mode === 'invalid') return { kind, taskResultId, ...error(422, 'invalid attribute', 'invalid payload (refused on purpose by the stand-in)', '/data/attributes') };
    if (FINAL.has(result.status)) return { kind, taskResultId, ...error(409, 'conflict', `the task result is already ${result.status} and cannot be updated`) };
    const data = (parsed.value as { data: { attributes: Record<string, unknown>; relationships?: { outcomes?: { data?: unknown } } } }).data;
    result.status = data.attributes.status as ResultStatus;
    if (typeof data.attributes.message === 'string') result.message = data.attributes.message;
    if (typeof data.attributes.url === 'string') result.url = data.attributes.url;
    const outcomes = data.relationships?.outcomes?.data;
    if (Array.isArray(outcomes)) result.outcomes = outcomes;
    result.accepted += 1;
    result.updatedAt = new Date().toISOString();
    if (result.answer === 'empty') return { kind, taskResultId, status: 200 };
    return { kind, taskResultId, status: 200, headers: { 'content-type': JSON_API }, body: document(result) };
  }

  function route(method: string, path: string, headers: Record<string, string>, body: string): Answer {
    const pathname = path.split('?')[0]!;
    let m: RegExpExecArray | null;
    if ((m = CALLBACK.exec(pathname))) return callback(byGuid.get(m[1]!), method, headers, body);
    if (method !== 'GET' && method !== 'HEAD') return { kind: 'unknown', ...error(404, 'not found', `no ${method} route at ${pathname}`) };
    if (PING.test(pathname)) {
      return { kind: 'ping', status: 204, headers: { 'tfp-api-version': '2.6', 'tfp-appname': 'HCP Terraform', 'x-ratelimit-limit': '30' } };
    }
    if ((m = PLAN_JSON.exec(pathname))) {
      const planId = m[1]!;
      const result = resultFor(bearer(headers), (r) => r.planId === planId);
      if (!result) return { kind: 'plan-json', ...error(401, 'unauthorized', 'not authorized: the bearer token is not an access_token issued for this plan') };
      // Before the plan has finished the endpoint answers 204 (integration-facts §1.3); a pre-plan token comes before it.
      if (result.stage === 'pre_plan') return { kind: 'plan-json', taskResultId: result.id, status: 204 };
      const location = temporaryUrl('application/json', JSON.stringify(planJson(planId)));
      return { kind: 'plan-json', taskResultId: result.id, status: 307, headers: { location, 'content-type': JSON_API }, body: '' };
    }
    if ((m = CONFIGURATION_DOWNLOAD.exec(pathname))) {
      const cv = m[1]!;
      const result = resultFor(bearer(headers), (r) => r.configurationVersionId === cv);
      if (!result) return { kind: 'configuration', ...error(401, 'unauthorized', 'not authorized: the bearer token is not an access_token issued for this configuration version') };
      return { kind: 'configuration', taskResultId: result.id, status: 302, headers: { location: temporaryUrl('application/octet-stream', CONFIGURATION) }, body: '' };
    }
    if ((m = TEMPORARY.exec(pathname))) {
      const entry = temporary.get(m[1]!);
      if (!entry || entry.expires < Date.now()) return { kind: 'temporary', status: 404, headers: { 'content-type': 'text/plain' }, body: 'not found or expired', refusal: '404 the temporary URL is unknown or expired' };
      return { kind: 'temporary', status: 200, headers: { 'content-type': entry.type }, body: entry.content };
    }
    return { kind: 'unknown', ...error(404, 'not found', `no route at ${pathname}`) };
  }

  function record(req: IncomingMessage, headers: Record<string, string>, body: string, answer: Answer): RecordedRequest {
    const entry: RecordedRequest = {
      receivedAt: new Date().toISOString(),
      atMs: Date.now(),
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers,
      body,
      kind: answer.kind,
      taskResultId: answer.taskResultId ?? null,
      status: answer.status,
      answer: typeof answer.body === 'string' ? answer.body : answer.body ? `<${answer.body.length} bytes>` : '',
      refusal: answer.refusal ?? null,
    };
    requests.push(entry);
    if (requests.length > MAX_RECORDED) requests.shift();
    const result = entry.kind === 'callback' && entry.taskResultId ? byId.get(entry.taskResultId) : undefined;
    if (result) {
      result.attempts.push(entry);
      for (const wake of waiters.get(result) ?? []) wake(true);
    }
    return entry;
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        res.writeHead(413, { 'content-type': JSON_API, connection: 'close' }).end();
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (size > MAX_BODY) return;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      const body = Buffer.concat(chunks).toString('utf8');
      const answer = route(req.method ?? 'GET', req.url ?? '/', headers, body);
      record(req, headers, body, answer);
      const payload = answer.body ?? '';
      res.writeHead(answer.status, { ...answer.headers, 'content-length': String(Buffer.byteLength(payload)) });
      res.end(req.method === 'HEAD' ? undefined : payload);
    });
    req.on('error', () => res.destroy());
  };

  const server: Server = o.tls ? createHttpsServer({ cert: o.tls.cert, key: o.tls.key }, handler) : createHttpServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const localUrl = `${o.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  base = (o.publicUrl ?? localUrl).replace(/\/+$/, '');

  const nextAttempt = (result: TaskResult, timeoutMs: number): Promise<boolean> =>
    new Promise((resolve) => {
      const set = waiters.get(result) ?? new Set();
      waiters.set(result, set);
      const done = (hit: boolean) => {
        clearTimeout(timer);
        set.delete(done);
        resolve(hit);
      };
      const timer = setTimeout(() => done(false), Math.max(0, timeoutMs));
      set.add(done);
    });

  let closed = false;
  return {
    url: base,
    localUrl,
    tls: Boolean(o.tls),
    requests,
    issue(spec) {
      const id = `taskrs-${alnum(16)}`;
      const guid = randomUUID();
      const now = new Date().toISOString();
      const result: TaskResult = {
        id,
        guid,
        stage: spec.stage,
        accessToken: spec.accessToken ?? newToken(),
        callbackUrl: `${base}/api/v2/task-results/${guid}/callback`,
        planJsonUrl: `${base}/api/v2/plans/${spec.planId}/json-output`,
        configurationUrl: `${base}/api/v2/configuration-versions/${spec.configurationVersionId}/download`,
        planId: spec.planId,
        configurationVersionId: spec.configurationVersionId,
        speculative: spec.speculative ?? false,
        mode: spec.mode ?? 'accept',
        answer: spec.answer ?? 'document',
        status: 'pending',
        message: null,
        url: null,
        outcomes: [],
        attempts: [],
        accepted: 0,
        createdAt: now,
        updatedAt: now,
      };
      byId.set(id, result);
      byGuid.set(guid, result);
      return result;
    },
    taskResult: (id) => byId.get(id),
    requestsOf: (kind, sinceMs = 0) => requests.filter((r) => r.kind === kind && r.atMs >= sinceMs),
    nextAttempt,
    async settle(result, { inactivityMs, totalMs, settleMs }) {
      const start = Date.now();
      let progress = start;
      while (!FINAL.has(result.status)) {
        const inactiveAt = progress + inactivityMs;
        const totalAt = start + totalMs;
        const left = Math.min(inactiveAt, totalAt) - Date.now();
        if (left <= 0 || closed) return inactiveAt <= totalAt ? 'inactive' : 'total';
        const before = result.accepted;
        await nextAttempt(result, left);
        if (result.accepted > before) progress = Date.now();
      }
      if (settleMs > 0 && !closed) await sleep(settleMs);
      return 'final';
    },
    close() {
      closed = true;
      for (const set of waiters.values()) for (const wake of set) wake(false);
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
