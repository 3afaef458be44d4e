// The node:http server around the API, and the hook pipeline that broken variants plug into:
// request -> onRequest (may rewrite it or answer instead) -> API -> onResponse (sees every response).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Api, createApi } from './api.ts';
import { ApiError, internalError } from './errors.ts';
import { errorResponse, readRawBody, toHookRequest, writeResponse } from './http.ts';
import { seed } from './seed.ts';
import { Store } from './store.ts';
import type { HookRequest, HookResponse, ResolvedOptions, RunningEmulator, EmulatorHooks, EmulatorOptions } from './types.ts';

export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  const resolved: ResolvedOptions = {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    organization: options.organization ?? 'rtc-org',
    token: options.token ?? 'rtc-owner-token',
    restrictedToken: options.restrictedToken ?? 'rtc-restricted-token',
    foreignOrganization: options.foreignOrganization ?? 'rtc-foreign-org',
    foreignToken: options.foreignToken ?? 'rtc-foreign-token',
    adminToken: options.adminToken ?? 'rtc-admin-token',
    plan: options.plan ?? 'business',
    verifyUrls: options.verifyUrls ?? true,
    verifyTimeoutMs: options.verifyTimeoutMs ?? 10_000,
  };
  if (options.hooks) resolved.hooks = options.hooks;
  if (options.workspace !== undefined) resolved.workspace = options.workspace;
  if (resolved.organization === resolved.foreignOrganization) {
    throw new Error('organization and foreignOrganization must differ');
  }
  if (new Set([resolved.token, resolved.restrictedToken, resolved.foreignToken, resolved.adminToken]).size !== 4) {
    throw new Error('token, restrictedToken, foreignToken and adminToken must all differ');
  }
  return resolved;
}

const isResponse = (value: HookRequest | HookResponse): value is HookResponse => 'status' in value;

/** Runs one parsed request through the hooks and the API. A hook that throws yields a 500. */
async function respond(
  parsed: { request: HookRequest; malformed: boolean },
  api: Api,
  hooks: EmulatorHooks | undefined,
): Promise<HookResponse> {
  let request = parsed.request;
  let response: HookResponse;
  try {
    const early = await hooks?.onRequest?.(request);
    if (early && isResponse(early)) {
      response = early;
    } else {
      if (early) request = early;
      // A rewritten body is parsed JSON from the hook; only the untouched raw text can be malformed.
      response = await api(request, parsed.malformed && request.body === parsed.request.body);
    }
  } catch {
    response = errorResponse(internalError());
  }
  if (!hooks?.onResponse) return response;
  try {
    return (await hooks.onResponse(request, response)) ?? response;
  } catch {
    return errorResponse(internalError());
  }
}

async function serveOne(req: IncomingMessage, res: ServerResponse, api: Api, hooks: EmulatorHooks | undefined): Promise<void> {
  let raw: Buffer;
  try {
    raw = await readRawBody(req);
  } catch (error) {
    // Too large (or the client went away): answer without reading further, still through onResponse.
    const request = toHookRequest(req, Buffer.alloc(0)).request;
    const response = errorResponse(error instanceof ApiError ? error : internalError());
    writeResponse(res, (await hooks?.onResponse?.(request, response)) ?? response);
    return;
  }
  writeResponse(res, await respond(toHookRequest(req, raw), api, hooks));
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const resolved = resolveOptions(options);
  const store = new Store();
  const { seeds, tokens } = seed(store, resolved);
  const api = createApi(store, resolved, tokens);
  const server = createServer((req, res) => {
    serveOne(req, res, api, resolved.hooks).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  resolved.port = (server.address() as AddressInfo).port;
  const host = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;
  return {
    url: `http://${host}:${resolved.port}`,
    options: resolved,
    seeds,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections(); // keep-alive sockets would otherwise hold close() open
      }),
  };
}
