// Faithful variants that stress the harness rather than one family: slow answers, a 429 storm, the free
// plan across every suite. None of them may cause a fail, warn or inconclusive.
import { SUITE_NAMES } from '../../../../src/config/config.ts';
import { faithful, type Variant } from '../../variant.ts';
import type { HookRequest, HookResponse } from '../../../../src/api/emulator/index.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every `every`-th request is answered 429 (before reaching the API), with the given headers. */
function rateLimited(every: number, headers: Record<string, string>): (req: HookRequest) => HookRequest | HookResponse {
  let count = 0;
  return (req) =>
    ++count % every === 0
      ? { status: 429, headers: { 'content-type': 'application/vnd.api+json', ...headers }, body: { errors: [{ status: '429', title: 'Too many requests', detail: "You have exceeded the API's rate limit." }] } }
      : req;
}

const isWrite = (req: HookRequest) => req.method === 'POST' || req.method === 'PATCH';
const attributesOf = (req: HookRequest) => (req.body as { data?: { attributes?: Record<string, unknown> } } | undefined)?.data?.attributes;
const jsonApiError = (status: number, title: string): HookResponse => ({ status, headers: { 'content-type': 'application/vnd.api+json' }, body: { errors: [{ status: String(status), title }] } });

/**
 * A server that does what the page shows and what a Rails service would (issue 8's "Done when"): it coerces the
 * samples' "enabled": "true", ignores their unknown `hmac_key`, answers 400 to a body that is not JSON and 404 to
 * a method a path does not have, and shows an omitted description as "".
 */
const pageReadings = {
  onRequest: (req: HookRequest): HookRequest | HookResponse => {
    if (isWrite(req) && typeof req.body === 'string') return jsonApiError(400, 'bad request');
    if (!['GET', 'POST', 'PATCH', 'DELETE'].includes(req.method)) return jsonApiError(404, 'not found');
    const attributes = attributesOf(req);
    if (attributes && typeof attributes.enabled === 'string') attributes.enabled = attributes.enabled === 'true';
    if (attributes) delete attributes.hmac_key;
    return req;
  },
  onResponse: (_req: HookRequest, res: HookResponse): HookResponse => {
    const data = (res.body as { data?: unknown } | undefined)?.data;
    for (const item of Array.isArray(data) ? data : data ? [data] : []) {
      const attributes = (item as { type?: unknown; attributes?: Record<string, unknown> }).attributes;
      if ((item as { type?: unknown }).type === 'tasks' && attributes && (attributes.description === undefined || attributes.description === null)) attributes.description = '';
    }
    return res;
  },
};

const variants: Variant[] = [
  faithful({
    name: 'page-readings',
    description: 'coerces "true", ignores hmac_key, 400 to a malformed body, 404 to a wrong method, omitted description "": every suite, no alarm',
    suites: [...SUITE_NAMES],
    hooks: pageReadings,
  }),
  faithful({
    name: 'page-readings-strict',
    description: 'the same server under --strict: these are readings of the page, not departures from its letter',
    suites: [...SUITE_NAMES],
    hooks: pageReadings,
    strict: true,
  }),
  faithful({
    name: 'slow-answers',
    description: 'every answer takes 15 ms longer',
    suites: ['workspace-tasks'],
    hooks: { onRequest: async (req) => (await sleep(15), req) },
  }),
  faithful({
    name: 'rate-limited-retry-after',
    description: 'a 429 storm: every third request is refused with Retry-After: 0',
    suites: ['task-lifecycle', 'workspace-tasks', 'pagination'],
    hooks: { onRequest: rateLimited(3, { 'retry-after': '0' }) },
  }),
  faithful({
    name: 'rate-limited-reset',
    description: 'every fourth request is refused 429 with X-RateLimit-Reset: 0.01 (as HCP Terraform sends it); its X-RateLimit-Limit paces the client',
    suites: ['task-validation', 'permissions'],
    hooks: { onRequest: rateLimited(4, { 'x-ratelimit-reset': '0.01', 'x-ratelimit-limit': '600' }) },
  }),
  faithful({
    name: 'no-optional-settings',
    description: 'no restricted token, no foreign organization, an external run-task URL: those checks are not applicable, never passed',
    suites: ['permissions', 'url-verification'],
    target: { verifyUrls: false },
    settings: { restrictedToken: null, foreignOrganization: null, foreignTaskId: null, foreignWorkspaceId: null, runTaskUrl: 'http://127.0.0.1:9/unused' },
    notApplicable: ['permissions.restricted-write', 'permissions.restricted-read', 'permissions.foreign-organization', 'verification.signature', 'verification.refuses-failing-url', 'verification.on-update'],
  }),
  faithful({
    name: 'free-plan-every-suite',
    description: 'the free plan (one task, ten workspaces per task, no global run tasks) across every suite',
    suites: [...SUITE_NAMES],
    target: { plan: 'free' },
  }),
];

export default variants;
