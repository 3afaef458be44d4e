// The node:http edge: reading a request into a HookRequest, writing a HookResponse.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApiError, payloadTooLarge } from './errors.ts';
import type { HookRequest, HookResponse } from './types.ts';

export const JSON_API = 'application/vnd.api+json';
/** Far above any sensible run-task document; keeps a runaway client from filling memory. */
export const BODY_LIMIT = 1024 * 1024;

export const document = (status: number, body: unknown): HookResponse => ({
  status,
  headers: { 'content-type': JSON_API },
  body,
});

export const noContent = (): HookResponse => ({ status: 204, headers: {}, body: undefined });

export const errorResponse = (error: ApiError): HookResponse => document(error.status, { errors: error.errors });

/** True for application/vnd.api+json, with or without parameters such as charset. */
export function isJsonApi(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === JSON_API;
}

export function readRawBody(req: IncomingMessage, limit = BODY_LIMIT): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(payloadTooLarge(limit));
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function flattenHeaders(req: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

export interface ParsedRequest {
  request: HookRequest;
  /** The body was present but not JSON (request.body then holds the raw text). */
  malformed: boolean;
}

export function toHookRequest(req: IncomingMessage, raw: Buffer): ParsedRequest {
  const target = req.url ?? '/';
  const queryStart = target.indexOf('?');
  const path = queryStart === -1 ? target : target.slice(0, queryStart);
  const query = new URLSearchParams(queryStart === -1 ? '' : target.slice(queryStart + 1));
  let body: unknown;
  let malformed = false;
  if (raw.length > 0) {
    const text = raw.toString('utf8');
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
      malformed = true;
    }
  }
  const rawQuery = queryStart === -1 ? '' : target.slice(queryStart + 1);
  return { request: { method: req.method ?? 'GET', path, query, rawQuery, headers: flattenHeaders(req), body }, malformed };
}

/** Objects are JSON-encoded, strings sent as they are; 204/304 never carry a body. */
export function writeResponse(res: ServerResponse, response: HookResponse): void {
  const bodyless = response.body === undefined || response.status === 204 || response.status === 304;
  const payload = bodyless ? undefined : typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
  const headers: Record<string, string | number> = { ...response.headers };
  // An explicit length keeps keep-alive connections reusable; 204/304 must not state one.
  if (response.status !== 204 && response.status !== 304)
    headers['content-length'] = payload === undefined ? 0 : Buffer.byteLength(payload);
  res.writeHead(response.status, headers);
  res.end(payload);
}
