// Shared test plumbing: a started target per file, a tiny fetch client, and a loopback receiver
// that answers the target's verification POSTs.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { type RunningEmulator, startEmulator, type EmulatorOptions } from '../../../src/api/emulator/index.ts';

export const JSON_API = 'application/vnd.api+json';

// Loose on purpose: tests read response documents by path and assert on what they find.
export type Doc = any;

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  body: Doc;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as is instead of JSON-encoding `body`. */
  raw?: string;
  /** null sends no Content-Type at all. */
  contentType?: string | null;
  headers?: Record<string, string>;
}

let counter = 0;
/** A name valid for tasks and workspaces, unique within the test run. */
export const uniqueName = (prefix = 'n'): string => `${prefix}-${Date.now().toString(36)}-${(counter += 1)}`;

export const taskBody = (attributes: Record<string, unknown> = {}): Doc => ({
  data: { type: 'tasks', attributes: { name: uniqueName('task'), url: 'https://example.invalid/hook', category: 'task', ...attributes } },
});

export const associationBody = (taskId: string, attributes: Record<string, unknown> = { 'enforcement-level': 'advisory' }): Doc => ({
  data: { type: 'workspace-tasks', attributes, relationships: { task: { data: { id: taskId, type: 'tasks' } } } },
});

export class Client {
  constructor(
    readonly baseUrl: string,
    readonly token: string | undefined,
  ) {}

  as(token: string | undefined): Client {
    return new Client(this.baseUrl, token);
  }

  /** `path` is relative to /api/v2 unless it starts with "//" (then it is taken from the root). */
  async request(method: string, path: string, options: RequestOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.token !== undefined) headers.authorization = `Bearer ${this.token}`;
    const payload = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    const contentType = options.contentType === undefined ? (payload === undefined ? null : JSON_API) : options.contentType;
    if (contentType !== null) headers['content-type'] = contentType;
    const url = path.startsWith('//') ? `${this.baseUrl}${path.slice(1)}` : `${this.baseUrl}/api/v2${path}`;
    const response = await fetch(url, { method, headers, body: payload });
    const text = await response.text();
    let body: Doc;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = text;
    }
    return { status: response.status, headers: response.headers, text, body };
  }

  get = (path: string, options?: RequestOptions): Promise<Reply> => this.request('GET', path, options);
  post = (path: string, body: unknown, options?: RequestOptions): Promise<Reply> => this.request('POST', path, { body, ...options });
  patch = (path: string, body: unknown, options?: RequestOptions): Promise<Reply> => this.request('PATCH', path, { body, ...options });
  delete = (path: string, options?: RequestOptions): Promise<Reply> => this.request('DELETE', path, options);

  /** Creates a task in `organization` and returns its resource; throws unless 201. */
  async createTask(organization: string, attributes: Record<string, unknown> = {}): Promise<Doc> {
    return expectCreated(await this.post(`/organizations/${organization}/tasks`, taskBody(attributes)));
  }

  async createWorkspace(organization: string, name = uniqueName('ws')): Promise<Doc> {
    return expectCreated(
      await this.post(`/organizations/${organization}/workspaces`, { data: { type: 'workspaces', attributes: { name } } }),
    );
  }

  async associate(workspaceId: string, taskId: string, attributes?: Record<string, unknown>): Promise<Doc> {
    return expectCreated(await this.post(`/workspaces/${workspaceId}/tasks`, associationBody(taskId, attributes)));
  }
}

function expectCreated(reply: Reply): Doc {
  if (reply.status !== 201) throw new Error(`expected 201, got ${reply.status}: ${reply.text}`);
  return reply.body.data;
}

export interface TargetFixture {
  readonly target: RunningEmulator;
  /** Owner-token client. */
  readonly api: Client;
  readonly org: string;
}

/** Starts a target before the file's tests and closes it after. */
export function useTarget(options: EmulatorOptions = {}): TargetFixture {
  let target: RunningEmulator | undefined;
  beforeAll(async () => {
    target = await startEmulator({ verifyUrls: false, ...options });
  });
  afterAll(async () => {
    await target?.close();
  });
  const started = (): RunningEmulator => {
    if (!target) throw new Error('target not started');
    return target;
  };
  return {
    get target() {
      return started();
    },
    get api() {
      return new Client(started().url, started().options.token);
    },
    get org() {
      return started().options.organization;
    },
  };
}

export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Receiver {
  url: string;
  /** Status the receiver answers with; change it between requests. */
  status: number;
  /** Milliseconds to wait before answering. */
  delayMs: number;
  received: Received[];
  close(): Promise<void>;
}

/** A loopback endpoint standing in for a run task integration: records each request, answers `status`. */
export async function startReceiver(): Promise<Receiver> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      receiver.received.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const status = receiver.status;
      const answer = (): void => {
        if (!res.destroyed) res.writeHead(status).end();
      };
      if (receiver.delayMs === 0) return answer();
      // unref: a deliberately slow answer must not keep the test process alive.
      setTimeout(answer, receiver.delayMs).unref();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const receiver: Receiver = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/run-task`,
    status: 200,
    delayMs: 0,
    received: [],
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return receiver;
}

/** The pointers of a JSON:API error document. */
export const pointers = (body: Doc): string[] => (body?.errors ?? []).map((error: Doc) => error.source?.pointer);
