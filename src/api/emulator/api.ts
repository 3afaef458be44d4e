// One request through the API, in the order the checks happen: 401 (token), 404 (route), 415 (media
// type), 400 (malformed JSON), then the handler's own 404 (visibility/permission) and 422 (body).
// Permission comes before body validation so that a forbidden write never reveals what exists.
import type { Principal } from './context.ts';
import { ApiError, badRequest, internalError, notFound, unauthorized, unsupportedMediaType } from './errors.ts';
import { ping, serviceDiscovery } from './handlers/organizations.ts';
import { errorResponse, isJsonApi } from './http.ts';
import { match } from './router.ts';
import { ROUTES } from './routes.ts';
import type { Store } from './store.ts';
import type { HookRequest, HookResponse, ResolvedOptions } from './types.ts';

export type Api = (request: HookRequest, malformed: boolean) => Promise<HookResponse>;

const BEARER = /^Bearer\s+(\S+)\s*$/i;

function authenticate(request: HookRequest, tokens: Map<string, Principal>): Principal {
  const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
  const principal = token === undefined ? undefined : tokens.get(token);
  if (!principal) throw unauthorized();
  return principal;
}

/** POST and PATCH always need the JSON:API media type; DELETE only when it carries a body. */
function assertMediaType(request: HookRequest): void {
  const sendsBody = request.method === 'POST' || request.method === 'PATCH' || (request.method === 'DELETE' && request.body !== undefined);
  if (sendsBody && !isJsonApi(request.headers['content-type'])) throw unsupportedMediaType();
}

async function handle(
  request: HookRequest,
  malformed: boolean,
  store: Store,
  options: ResolvedOptions,
  tokens: Map<string, Principal>,
): Promise<HookResponse> {
  if (request.method === 'GET' && request.path.replace(/\/$/, '') === '/api/v2/ping') return ping();
  if (request.method === 'GET' && request.path === '/.well-known/terraform.json') return serviceDiscovery();
  const principal = authenticate(request, tokens);
  const matched = match(ROUTES, request.method, request.path);
  if (!matched) throw notFound();
  assertMediaType(request);
  if (malformed && (request.method === 'POST' || request.method === 'PATCH')) {
    throw badRequest('The request body is malformed JSON and could not be parsed.');
  }
  const origin = `http://${request.headers.host ?? `${options.host}:${options.port}`}`;
  return matched.route.handler({ request, params: matched.params, principal, store, options, origin });
}

export function createApi(store: Store, options: ResolvedOptions, tokens: Map<string, Principal>): Api {
  return async (request, malformed) => {
    try {
      return await handle(request, malformed, store, options, tokens);
    } catch (error) {
      if (error instanceof ApiError) return errorResponse(error);
      return errorResponse(internalError());
    }
  };
}
