// Small HTTP helpers for the integration side's own tests (undici, as the harness client).
import { Agent, request } from 'undici';

export interface Got {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: unknown;
}

export async function http(method: string, url: string, o: { headers?: Record<string, string>; body?: string; ca?: string } = {}): Promise<Got> {
  const dispatcher = o.ca ? new Agent({ connect: { ca: o.ca } }) : undefined;
  try {
    const r = await request(url, { method: method as 'GET', headers: o.headers, body: o.body, ...(dispatcher ? { dispatcher } : {}) });
    const text = await r.body.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: r.statusCode, headers: Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, String(v)])), text, json };
  } finally {
    await dispatcher?.close();
  }
}

export const patchBody = (status: string, extra: Record<string, unknown> = {}) => JSON.stringify({ data: { type: 'task-results', attributes: { status, ...extra } } });
