// Variants caught by the permissions suite: 401 for missing/invalid tokens, 404 for what the token may
// not see or change.
import { resolveOptions } from '../../../../src/api/emulator/server.ts';
import type { HookRequest, HookResponse, EmulatorHooks } from '../../../../src/api/emulator/index.ts';
import { answer, broken, faithful, rewriteRequest, rewriteResponse, route, WS_TASKS, type Variant } from '../../variant.ts';

/** The emulator's default principals (the variants do not change them). */
const { token: OWNER, restrictedToken: RESTRICTED, foreignToken: FOREIGN, organization: OWN_ORG, foreignOrganization: FOREIGN_ORG } = resolveOptions();
const KNOWN_TOKENS = new Set([OWNER, RESTRICTED, FOREIGN]);

const bearer = (req: HookRequest) => /^Bearer\s+(\S+)/i.exec(req.headers.authorization ?? '')?.[1];
const withToken = (req: HookRequest, token: string, extra: Record<string, string> = {}): HookRequest => ({
  ...req,
  headers: { ...req.headers, ...extra, authorization: `Bearer ${token}` },
});
const errorDocument = (status: number, title: string): HookResponse => ({
  status,
  headers: { 'content-type': 'application/vnd.api+json' },
  body: { errors: [{ status: String(status), title }] },
});

const FOREIGN_ORG_PATH = new RegExp(`/organizations/${FOREIGN_ORG}(/|$)`);
const SEGMENT_IDS = /\/(?:tasks|workspaces)\/([^/]+)/g;

/**
 * The foreign organization's task and workspace become visible to the owner: requests naming an id the
 * owner never created run with the foreign owner's token. (Ids are learned from the owner's 201s.)
 */
function foreignResourcesVisible(): EmulatorHooks {
  const own = new Set<string>();
  return {
    onRequest: (req) => {
      if (bearer(req) !== OWNER) return req;
      const ids = [...req.path.matchAll(SEGMENT_IDS)].map((m) => m[1]!);
      return ids.some((id) => /^(task|ws)-/.test(id) && !own.has(id)) ? withToken(req, FOREIGN) : req;
    },
    onResponse: (req, res) => {
      const id = (res.body as { data?: { id?: unknown } } | undefined)?.data?.id;
      if (res.status === 201 && bearer(req) === OWNER && typeof id === 'string') own.add(id);
    },
  };
}

/** Marks a request that came with the restricted token (the hook swaps the token, keeps the mark). */
const MARK = 'x-rtc-restricted';

const RESTRICTED_WRITES: [string, ...string[]] = ['create-task', 'update-task', 'delete-task', 'associate', 'update-workspace-task', 'delete-workspace-task'].map(
  (label) => `permissions.restricted-write[${label}]`,
) as [string, ...string[]];

/** The target's refusal of an association across organizations (404: existence is hidden), turned into a success. */
const isForeignTaskRefusal = (res: HookResponse) => res.status === 404;

export default [
  broken({
    name: 'unauthorized-as-404',
    description: 'a missing or invalid token answers 404 instead of 401',
    suites: ['permissions'],
    hooks: rewriteResponse(() => true, (res) => (res.status === 401 ? errorDocument(404, 'not found') : res)),
    caughtBy: ['auth.missing-token', 'auth.invalid-token'],
  }),
  broken({
    name: 'anonymous-accepted',
    description: 'requests without a token, or with an unknown one, are served as the owner (200/201/204 instead of 401)',
    suites: ['permissions'],
    hooks: rewriteRequest((req) => !KNOWN_TOKENS.has(bearer(req) ?? ''), (req) => withToken(req, OWNER)),
    caughtBy: ['auth.missing-token', 'auth.invalid-token'],
  }),
  broken({
    name: 'foreign-organization-403',
    description: 'the foreign organization answers 403 Forbidden, revealing that it exists (404 required)',
    suites: ['permissions'],
    hooks: rewriteResponse((req) => FOREIGN_ORG_PATH.test(req.path), (res) => (res.status === 404 ? errorDocument(403, 'forbidden') : res)),
    caughtBy: ['permissions.foreign-organization[list-tasks]', 'permissions.foreign-organization[create-task]'],
  }),
  broken({
    name: 'foreign-organization-visible',
    description: "the foreign organization's tasks are served as if they were the owner's (its name in the path is read as the owner's organization)",
    suites: ['permissions'],
    hooks: rewriteRequest((req) => FOREIGN_ORG_PATH.test(req.path), (req) => ({ ...req, path: req.path.replace(`/organizations/${FOREIGN_ORG}`, `/organizations/${OWN_ORG}`) })),
    caughtBy: ['permissions.foreign-organization[list-tasks]', 'permissions.foreign-organization[create-task]'],
  }),
  broken({
    name: 'foreign-resources-visible',
    description: "another organization's task and workspace can be read, changed, deleted and associated through their ids",
    suites: ['permissions'],
    hooks: foreignResourcesVisible(),
    caughtBy: [
      'permissions.foreign-organization[show-task]',
      'permissions.foreign-organization[update-task]',
      'permissions.foreign-organization[list-workspace-tasks]',
      'permissions.foreign-organization[delete-task]',
    ],
  }),
  broken({
    name: 'foreign-task-associable',
    description: "associations across organizations succeed (another organization's task, or another organization's workspace)",
    suites: ['permissions'],
    hooks: rewriteResponse(route('POST', WS_TASKS), (res, req) => {
      if (!isForeignTaskRefusal(res)) return res;
      const taskId = (req.body as { data?: { relationships?: { task?: { data?: { id?: string } } } } }).data?.relationships?.task?.data?.id;
      const workspaceId = req.path.split('/')[4];
      return {
        status: 201,
        headers: { 'content-type': 'application/vnd.api+json' },
        body: {
          data: {
            id: 'wstask-rtcForeignLinked0',
            type: 'workspace-tasks',
            attributes: { 'enforcement-level': 'advisory', 'stage': 'post_plan', 'stages': ['post_plan'] },
            relationships: { task: { data: { id: taskId, type: 'tasks' } }, workspace: { data: { id: workspaceId, type: 'workspaces' } } },
          },
        },
      };
    }),
    caughtBy: ['permissions.foreign-organization[associate-foreign-task]', 'permissions.foreign-organization[associate-on-foreign-workspace]'],
  }),
  broken({
    name: 'restricted-writes-allowed',
    description: 'a member without Manage Run Tasks / Manage Workspace Run Tasks may write (served as the owner)',
    suites: ['permissions'],
    hooks: rewriteRequest((req) => bearer(req) === RESTRICTED && req.method !== 'GET', (req) => withToken(req, OWNER)),
    caughtBy: RESTRICTED_WRITES,
  }),
  broken({
    name: 'restricted-writes-done-but-404',
    description: "a restricted member's write answers 404 as it should, but is carried out all the same",
    suites: ['permissions'],
    hooks: {
      onRequest: (req) => (bearer(req) === RESTRICTED && req.method !== 'GET' ? withToken(req, OWNER, { [MARK]: '1' }) : req),
      onResponse: (req, res) => (req.headers[MARK] && res.status < 300 ? errorDocument(404, 'not found') : res),
    },
    caughtBy: RESTRICTED_WRITES,
  }),
  faithful({
    name: 'restricted-writes-403',
    description: 'a member without the run-task permissions is refused writes with 403 Forbidden (the page names no status for it)',
    suites: ['permissions'],
    hooks: rewriteResponse((req) => bearer(req) === RESTRICTED && req.method !== 'GET', (res) => (res.status === 404 ? errorDocument(403, 'forbidden') : res)),
  }),
  broken({
    name: 'restricted-reads-refused',
    description: 'a member without the run-task permissions cannot read tasks or workspace tasks either (404)',
    suites: ['permissions'],
    hooks: answer((req) => bearer(req) === RESTRICTED && req.method === 'GET', () => errorDocument(404, 'not found')),
    caughtBy: ['permissions.restricted-read'],
  }),
] satisfies Variant[];
