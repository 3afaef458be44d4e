// The reference run-task integration: a small service that does what the integration contract asks, used
// as the target when `integration` is run without --url (and, through its hooks, as the broken variants of
// the project's own tests). It imports nothing of the harness: if both shared a rule and the rule were
// wrong, nothing would notice. What it does, in the order the contract has it:
//   - refuses a request whose X-TFC-Task-Signature is not the HMAC-SHA512 of the raw body under its key (401);
//   - refuses a body that is not a JSON run-task request (400);
//   - answers the verification request (access_token "test-token") with 200 and nothing more;
//   - answers every other request with 200 at once, then reads the plan JSON (post_plan and later, following
//     the 307) or the configuration version (pre_plan), and calls back: `running` (naming the branch and
//     commit when the run has VCS; without, the vcs_* members may be null or left out), then `passed` with outcomes;
//   - takes a 200 with or without a body, a 401, 422 or a network error from the callback in its stride: it
//     logs it and keeps serving.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';

const VERIFICATION_TOKEN = 'test-token';
const SIGNATURE = 'x-tfc-task-signature';
const JSON_API = 'application/vnd.api+json';
const USER_AGENT = 'run-tasks-conformance-reference-service/1';
const MAX_BODY = 1024 * 1024;
const MAX_LOG = 500;

export interface IncomingRun {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** The members of a run-task request the service uses. */
export interface Payload {
  stage: string;
  access_token: string;
  task_result_callback_url: string;
  task_result_id?: string;
  workspace_name?: string;
  run_id?: string;
  plan_json_api_url?: string;
  configuration_version_download_url?: string | null;
  /** A string with VCS; without, null or left out (both are read the same: integration-facts §1.2). */
  vcs_branch?: string | null;
  vcs_commit_hash?: string | null;
  [member: string]: unknown;
}

/** How the service answers one request. */
export interface Decision {
  status: number;
  /** Do the work and call back. */
  run: boolean;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Call back before answering (as the HashiCorp scaffolding does), instead of after. */
  callbackFirst?: boolean;
}

/** One callback the service is about to send, concrete enough for a hook to change anything in it. */
export interface CallbackStep {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  delayMs?: number;
}

export interface LogEntry {
  at: string;
  event: 'request' | 'callback' | 'fetch' | 'error';
  detail: string;
}

/** Points where the project's own tests make the service deviate (test/broken/integration/). */
export interface ReferenceHooks {
  /** Changes how a request is answered; `payload` is undefined when the body is not a JSON object. */
  decide?(request: IncomingRun, faithful: Decision, payload: Payload | undefined, service: ReferenceService): Decision;
  /** Changes the callbacks sent for a request (drop, add, reorder, rewrite). */
  callbacks?(steps: CallbackStep[], payload: Payload): CallbackStep[];
  /** Sees the answer to each callback (status and body; null: no answer); may e.g. close the service. */
  onCallbackAnswer?(status: number | null, service: ReferenceService, body: string | null): void;
}

export interface ReferenceOptions {
  host?: string;
  port?: number;
  /** The task's HMAC key; null or empty: requests are not verified. */
  hmacKey?: string | null;
  /** Certificates (PEM) to trust when calling back over https, e.g. the stand-in's self-signed one. */
  ca?: string | null;
  /** Timeout of each of its own outgoing requests (default 10 s). */
  timeoutMs?: number;
  hooks?: ReferenceHooks;
}

export interface ReferenceService {
  /** http://host:port/ */
  url: string;
  log: LogEntry[];
  close(): Promise<void>;
}

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Constant-time comparison of the header with the lowercase hex HMAC-SHA512 of the raw body. */
function signatureValid(body: string, header: string | undefined, key: string): boolean {
  if (header === undefined || header === '') return false;
  const want = Buffer.from(createHmac('sha512', key).update(body, 'utf8').digest('hex'), 'utf8');
  const got = Buffer.from(header, 'utf8');
  return got.length === want.length && timingSafeEqual(got, want);
}

function asPayload(text: string): Payload | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    const p = value as Payload;
    return typeof p.access_token === 'string' && typeof p.task_result_callback_url === 'string' && typeof p.stage === 'string' ? p : undefined;
  } catch {
    return undefined;
  }
}

/** The faithful answer: signature first (it covers the raw bytes), then the body, then the verification short cut. */
function faithfulDecision(request: IncomingRun, payload: Payload | undefined, key: string | null): Decision {
  if (key && !signatureValid(request.body, request.headers[SIGNATURE], key)) return { status: 401, run: false };
  if (!payload) return { status: 400, run: false };
  if (payload.access_token === VERIFICATION_TOKEN) return { status: 200, run: false };
  return { status: 200, run: true };
}

export async function startReferenceService(o: ReferenceOptions = {}): Promise<ReferenceService> {
  const host = o.host ?? '127.0.0.1';
  const key = o.hmacKey || null;
  const timeoutMs = o.timeoutMs ?? 10_000;
  const hooks = o.hooks ?? {};
  const log: LogEntry[] = [];
  const stop = new AbortController();
  const pending = new Set<Promise<unknown>>();

  const note = (event: LogEntry['event'], detail: string) => {
    log.push({ at: new Date().toISOString(), event, detail });
    if (log.length > MAX_LOG) log.shift();
  };

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      if (ms <= 0 || stop.signal.aborted) return resolve();
      // The listener goes with the timer: a service that waits often must not pile them up on one signal.
      const onAbort = () => (clearTimeout(timer), resolve());
      const timer = setTimeout(() => (stop.signal.removeEventListener('abort', onAbort), resolve()), ms);
      stop.signal.addEventListener('abort', onAbort, { once: true });
    });

  /** One outgoing HTTP exchange; follows up to `redirects` redirects (the plan JSON answers 307). */
  function send(method: string, url: string, headers: Record<string, string>, body?: string, redirects = 0): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const target = new URL(url);
      const call = target.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = call(target, { method, headers: { 'user-agent': USER_AGENT, ...headers, ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }) }, signal: stop.signal, timeout: timeoutMs, ...(o.ca ? { ca: o.ca } : {}) }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const location = res.headers.location;
          if (redirects > 0 && status >= 300 && status < 400 && location) {
            // A temporary URL carries its own credential: the bearer token is not forwarded to it.
            const { authorization: _dropped, ...rest } = headers;
            send('GET', new URL(location, target).toString(), rest, undefined, redirects - 1).then(resolve, reject);
            return;
          }
          resolve({ status, headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)])), body: Buffer.concat(chunks) });
        });
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  /** What the task found: the plan's resource changes, or that the configuration could be read. */
  async function inspect(payload: Payload): Promise<{ ok: boolean; message: string; outcomes: Record<string, unknown>[] }> {
    const auth = { authorization: `Bearer ${payload.access_token}` };
    try {
      if (typeof payload.plan_json_api_url === 'string') {
        const res = await send('GET', payload.plan_json_api_url, { ...auth, accept: 'application/json' }, undefined, 1);
        note('fetch', `plan JSON: ${res.status}`);
        if (res.status !== 200) return { ok: false, message: `could not read the plan JSON (${res.status})`, outcomes: [] };
        const plan = JSON.parse(res.body.toString('utf8')) as { resource_changes?: { address?: string; change?: { actions?: string[] } }[] };
        const changes = plan.resource_changes ?? [];
        return {
          ok: true,
          message: `${changes.length} resource ${changes.length === 1 ? 'change' : 'changes'} checked, none refused`,
          outcomes: changes.slice(0, 250).map((c, i) => outcome(`RTC-PLAN-${i + 1}`, `${c.address ?? 'a resource'} will ${(c.change?.actions ?? ['change']).join(' and ')}`, 'Passed', 'info')),
        };
      }
      if (typeof payload.configuration_version_download_url === 'string') {
        const res = await send('GET', payload.configuration_version_download_url, auth, undefined, 1);
        note('fetch', `configuration version: ${res.status}`);
        const gzip = res.body[0] === 0x1f && res.body[1] === 0x8b;
        if (res.status !== 200 || !gzip) return { ok: false, message: `could not read the configuration version (${res.status})`, outcomes: [] };
        return { ok: true, message: `configuration version read (${res.body.length} bytes)`, outcomes: [outcome('RTC-CONFIG-1', 'The configuration version was downloaded', 'Passed', 'info')] };
      }
      return { ok: true, message: 'nothing to inspect at this stage', outcomes: [] };
    } catch (err) {
      return { ok: false, message: `could not inspect the run: ${(err as Error).message}`.slice(0, 1000), outcomes: [] };
    }
  }

  function outcome(id: string, description: string, status: string, level: string): Record<string, unknown> {
    return {
      type: 'task-result-outcomes',
      attributes: {
        'outcome-id': id,
        description: description.slice(0, 1000),
        body: `## ${description.slice(0, 200)}\n\nChecked by the run-tasks-conformance reference service.`,
        tags: { Status: [{ label: status, level }], Severity: [{ label: 'Low', level: 'none' }] },
      },
    };
  }

  function step(payload: Payload, attributes: Record<string, unknown>, outcomes?: Record<string, unknown>[]): CallbackStep {
    const data = { type: 'task-results', attributes, ...(outcomes?.length ? { relationships: { outcomes: { data: outcomes } } } : {}) };
    return {
      method: 'PATCH',
      url: payload.task_result_callback_url,
      headers: { 'content-type': JSON_API, accept: JSON_API, authorization: `Bearer ${payload.access_token}` },
      body: JSON.stringify({ data }),
    };
  }

  /** Where the run's code comes from, for the progress message; nothing without VCS, however that is sent. */
  function source(payload: Payload): string {
    const branch = typeof payload.vcs_branch === 'string' ? payload.vcs_branch : undefined;
    const commit = typeof payload.vcs_commit_hash === 'string' ? payload.vcs_commit_hash.slice(0, 7) : undefined;
    if (branch === undefined) return '';
    return commit === undefined ? ` (branch ${branch})` : ` (${commit} on ${branch})`;
  }

  async function work(payload: Payload): Promise<void> {
    const found = await inspect(payload);
    const resultUrl = `${service.url}results/${encodeURIComponent(payload.task_result_id ?? 'unknown')}`;
    const faithful = [
      step(payload, { status: 'running', message: `Checking ${payload.workspace_name ?? 'the workspace'} at ${payload.stage}${source(payload)}`.slice(0, 1000) }),
      step(payload, { status: found.ok ? 'passed' : 'failed', message: found.message, url: resultUrl }, found.outcomes),
    ];
    for (const s of hooks.callbacks ? hooks.callbacks(faithful, payload) : faithful) {
      await wait(s.delayMs ?? 0);
      if (stop.signal.aborted) return;
      let status: number | null = null;
      let answer: string | null = null;
      try {
        const reply = await send(s.method, s.url, s.headers, s.body);
        status = reply.status;
        answer = reply.body.toString('utf8');
        // The 200 comes with the task-results document or without a body (integration-facts §6.7): neither is needed.
        note('callback', `${s.method} ${s.url}: ${status}${answer ? '' : ' (no body)'}`);
      } catch (err) {
        note('error', `callback ${s.url}: ${(err as Error).message}`);
      }
      hooks.onCallbackAnswer?.(status, service, answer);
      // A refused update is not retried: the contract says nothing of retries, and a 401 will not heal.
    }
  }

  const track = (p: Promise<unknown>) => {
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };

  async function handle(request: IncomingRun, res: ServerResponse): Promise<void> {
    const payload = asPayload(request.body);
    const faithful = faithfulDecision(request, payload, key);
    const decision = hooks.decide ? hooks.decide(request, faithful, payload, service) : faithful;
    note('request', `${request.method} ${request.path} ${payload?.stage ?? '(no payload)'}: ${decision.status}`);
    const run = decision.run && payload ? () => work(payload).catch((err: unknown) => note('error', String(err))) : undefined;
    if (run && decision.callbackFirst) await run();
    await wait(decision.delayMs ?? 0);
    if (!res.destroyed) res.writeHead(decision.status, { 'content-length': '0' }).end();
    if (run && !decision.callbackFirst) track(run());
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET' || req.method === 'HEAD') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('run-tasks-conformance reference service\n');
      return;
    }
    if (req.method !== 'POST') return void res.writeHead(405, { allow: 'GET, POST', 'content-length': '0' }).end();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => {
      if (size > MAX_BODY) return void res.writeHead(413, { 'content-length': '0' }).end();
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      track(handle({ method: 'POST', path: req.url ?? '/', headers, body: Buffer.concat(chunks).toString('utf8') }, res).catch(() => res.destroy()));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  const service: ReferenceService = {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    log,
    close() {
      closing ??= (async () => {
        stop.abort();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await Promise.allSettled([...pending]);
      })();
      return closing;
    },
  };
  return service;
}
