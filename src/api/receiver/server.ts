import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const SIGNATURE_HEADER = 'x-tfc-task-signature';
/** Oldest entries are dropped beyond this, so a chatty target cannot grow memory without bound. */
export const MAX_RECORDED = 1000;

export interface ReceivedPost {
  receivedAt: string;
  path: string;
  /** Lower-case names; repeated headers joined with ', '. */
  headers: Record<string, string>;
  /** Raw body, exactly as received (signatures are over these bytes). */
  body: string;
  signature: string | undefined;
}

export interface Receiver {
  /** http://HOST:PORT/ */
  url: string;
  received: ReceivedPost[];
  /** Status answered to POSTs; writable so a check can make verification fail mid-run. */
  status: number;
  /** Resolves with the first recorded (or future) POST matching pred, or undefined on timeout/close. */
  waitFor(pred: (p: ReceivedPost) => boolean, timeoutMs: number): Promise<ReceivedPost | undefined>;
  close(): Promise<void>;
}

export interface ReceiverOptions {
  host?: string;
  port?: number;
  /** Default 200 (HCP Terraform only accepts 200 for URL verification). */
  status?: number;
}

interface Waiter {
  pred: (p: ReceivedPost) => boolean;
  done: (p: ReceivedPost | undefined) => void;
}

/** Loopback endpoint answering a target's URL-verification POSTs and recording them. */
export async function startReceiver(o: ReceiverOptions = {}): Promise<Receiver> {
  const host = o.host ?? '127.0.0.1';
  const waiters = new Set<Waiter>();
  const received: ReceivedPost[] = [];

  const record = (p: ReceivedPost): void => {
    received.push(p);
    if (received.length > MAX_RECORDED) received.shift();
    for (const w of waiters) if (w.pred(p)) w.done(p);
  };

  const server = createServer((req, res) => {
    if (req.method !== 'POST') return void answer(res, 200); // probes (GET/HEAD) pass
    readBody(req).then(
      (body) => {
        record(toPost(req, body));
        answer(res, rx.status);
      },
      () => res.destroy(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const rx: Receiver = {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    received,
    status: o.status ?? 200,
    waitFor(pred, timeoutMs) {
      const hit = received.find(pred);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve) => {
        const w: Waiter = {
          pred,
          done: (p) => {
            clearTimeout(timer);
            waiters.delete(w);
            resolve(p);
          },
        };
        const timer = setTimeout(() => w.done(undefined), timeoutMs);
        waiters.add(w);
      });
    },
    close() {
      for (const w of waiters) w.done(undefined);
      server.closeAllConnections(); // keep-alive sockets would otherwise hold close() open
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return rx;
}

function answer(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'content-length': '0' }).end();
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function toPost(req: IncomingMessage, body: string): ReceivedPost {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return { receivedAt: new Date().toISOString(), path: req.url ?? '/', headers, body, signature: headers[SIGNATURE_HEADER] };
}
