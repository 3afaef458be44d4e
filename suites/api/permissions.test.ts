// Authentication and permissions (run-tasks-api § Required Permissions; api-facts §1): no or a bad token
// answers 401; what the token may not see or change answers 404, as if absent, and nothing happens.
import type { ApiResponse } from '../../src/client/index.ts';
import { isLoopback } from '../../src/runner/suite-config.ts';
import { page, type Api } from './_harness/api.ts';
import { defineSuite, type CheckContext } from './_harness/suite.ts';
import { taskBody, workspaceTaskBody, workspaceTaskPatchBody } from './_harness/payloads.ts';
import type { TaskDocument, WorkspaceTaskDocument, WorkspaceTaskListDocument } from '../../src/types/contract.ts';

const suite = defineSuite('permissions');

/** What an endpoint call needs to exist first, created with the owner token. */
type Needs = 'nothing' | 'task' | 'association';

interface Fixture {
  /** The name a create in this check uses, so a refused create can be looked for afterwards. */
  name: string;
  taskId: string;
  workspaceId: string;
  workspaceTaskId: string;
}

type Call = (api: Api, t: CheckContext, f: Fixture) => Promise<ApiResponse>;

async function fixture(t: CheckContext, needs: Needs): Promise<Fixture> {
  const name = t.taskName('refused');
  const workspaceId = needs === 'nothing' ? '' : (await t.workspace(0)).id;
  const taskId = needs === 'nothing' ? '' : (await t.createTask()).id;
  const workspaceTaskId = needs === 'association' ? (await t.associate(workspaceId, taskId)).id : '';
  return { name, taskId, workspaceId, workspaceTaskId };
}

const createTaskIn =
  (org?: string): Call =>
  async (api, t, f) => {
    const res = await api.createTask(taskBody(await t.validTaskAttributes({ name: f.name })), org);
    t.keepCreated(res, 'task');
    return res;
  };

const associate: Call = async (api, t, f) => {
  const res = await api.associate(f.workspaceId, workspaceTaskBody(f.taskId, { 'enforcement-level': 'advisory' }));
  t.keepCreated(res, 'workspace-task', f.workspaceId);
  return res;
};

/** The ten endpoints, each reached with real resources, so a 401 cannot be a disguised 404. */
const ENDPOINTS: readonly [label: string, needs: Needs, call: Call][] = [
  ['list-tasks', 'nothing', (api) => api.listTasks()],
  ['create-task', 'nothing', createTaskIn()],
  ['show-task', 'task', (api, _, f) => api.showTask(f.taskId)],
  ['update-task', 'task', (api, _, f) => api.updateTask(f.taskId, taskBody({ description: 'changed without a valid token' }))],
  ['delete-task', 'task', (api, _, f) => api.deleteTask(f.taskId)],
  ['associate', 'task', associate],
  ['list-workspace-tasks', 'task', (api, _, f) => api.listWorkspaceTasks(f.workspaceId)],
  ['show-workspace-task', 'association', (api, _, f) => api.showWorkspaceTask(f.workspaceId, f.workspaceTaskId)],
  ['update-workspace-task', 'association', (api, _, f) => api.updateWorkspaceTask(f.workspaceId, f.workspaceTaskId, workspaceTaskPatchBody({ 'enforcement-level': 'mandatory' }))],
  ['delete-workspace-task', 'association', (api, _, f) => api.deleteWorkspaceTask(f.workspaceId, f.workspaceTaskId)],
];

const CREDENTIALS: readonly [requirement: string, token: (t: CheckContext) => string | null][] = [
  ['auth.missing-token', () => null],
  ['auth.invalid-token', (t) => `${t.config.prefix}made-up-token-${'x'.repeat(24)}`],
];

for (const [requirement, token] of CREDENTIALS) {
  for (const [label, needs, call] of ENDPOINTS) {
    suite.check(`${requirement}[${label}]`, async (t) => {
      const f = await fixture(t, needs);
      t.error(await call(t.api.withToken(token(t)), t, f), 401);
    });
  }
}

// ---- permissions.foreign-organization: an organization the token cannot see answers 404

/** Reads with the owner token after a refused write; says what the write changed anyway. */
type Unchanged = (t: CheckContext, f: Fixture) => Promise<string | undefined>;

const nothingCreated: Unchanged = async (t, f) => {
  const leaked = await t.taskIdsNamed(f.name);
  for (const id of leaked) t.track({ kind: 'task', id });
  return leaked.length ? `the refused create made task ${leaked.join(', ')} anyway` : undefined;
};

/** The write answers `statuses` with an error document, and the owner sees nothing changed. */
async function refusedWrite(t: CheckContext, api: Api, needs: Needs, call: Call, unchanged: Unchanged, statuses: number | readonly number[] = 404): Promise<void> {
  const f = await fixture(t, needs);
  const res = await call(api, t, f);
  const problem = await unchanged(t, f);
  t.error(res, statuses);
  t.none([problem]);
}

function foreignTask(t: CheckContext): string {
  return t.config.foreignTaskId ?? t.notApplicable('needs --foreign-task-id (a task of an organization the token cannot see)');
}

function foreignWorkspace(t: CheckContext): string {
  return t.config.foreignWorkspaceId ?? t.notApplicable('needs --foreign-workspace-id (a workspace of an organization the token cannot see)');
}

suite.check('permissions.foreign-organization[list-tasks]', async (t) => {
  t.error(await t.api.listTasks(undefined, t.foreignOrganization()), 404);
});

suite.check('permissions.foreign-organization[create-task]', async (t) => {
  await refusedWrite(t, t.api, 'nothing', createTaskIn(t.foreignOrganization()), nothingCreated);
});

suite.check('permissions.foreign-organization[show-task]', async (t) => {
  t.error(await t.api.showTask(foreignTask(t)), 404);
});

suite.check('permissions.foreign-organization[update-task]', async (t) => {
  // No attributes: should the target wrongly accept it, another organization's task is still unchanged.
  t.error(await t.api.updateTask(foreignTask(t), taskBody({})), 404);
});

suite.check('permissions.foreign-organization[list-workspace-tasks]', async (t) => {
  t.error(await t.api.listWorkspaceTasks(foreignWorkspace(t)), 404);
});

suite.check('permissions.foreign-organization[associate-on-foreign-workspace]', async (t) => {
  const workspaceId = foreignWorkspace(t);
  // Disabled: should the target wrongly attach it, the other organization's runs still never call it.
  const { id: taskId } = await t.createTask({ enabled: false });
  const res = await t.api.associate(workspaceId, workspaceTaskBody(taskId, { 'enforcement-level': 'advisory' }));
  t.keepCreated(res, 'workspace-task', workspaceId);
  t.error(res, 404);
});

suite.check('permissions.foreign-organization[associate-foreign-task]', async (t) => {
  const taskId = foreignTask(t);
  const { id: workspaceId } = await t.workspace(0);
  const res = await t.api.associate(workspaceId, workspaceTaskBody(taskId, { 'enforcement-level': 'advisory' }));
  t.keepCreated(res, 'workspace-task', workspaceId);
  // 404 hides the task; 422 (the task is not of this organization) is also a refusal. Never a success.
  t.error(res, [404, 422]);
});

// Last of the foreign checks: on a target that wrongly allows it, the foreign task is gone afterwards. So it
// runs only against a test server on loopback: on a real organization the suite never sends a DELETE for a
// resource it did not create.
suite.check('permissions.foreign-organization[delete-task]', async (t) => {
  const taskId = foreignTask(t);
  if (!isLoopback(t.config.address)) t.notApplicable('deleting another organization\'s task is only tried against a test server on loopback: a leaking real service would lose that task');
  t.error(await t.api.deleteTask(taskId), 404);
});

// ---- permissions.restricted-write: a member without the run-task permissions is refused (404 as HashiCorp's
// API docs say, or 403: the page names no status for it) and changes nothing

const RESTRICTED_REFUSALS = [403, 404];

const RESTRICTED_DESCRIPTION = 'changed by a restricted member';

const descriptionKept: Unchanged = async (t, f) => {
  const description = ((await t.api.showTask(f.taskId)).json as TaskDocument | undefined)?.data?.attributes?.description;
  return description === RESTRICTED_DESCRIPTION ? 'the refused update changed the description' : undefined;
};

const gone = (what: string, res: ApiResponse) => (res.status === 200 ? undefined : `the ${what} is gone after the refused delete (show answers ${res.status})`);

const taskKept: Unchanged = async (t, f) => gone('task', await t.api.showTask(f.taskId));

const workspaceTaskKept: Unchanged = async (t, f) => gone('workspace task', await t.api.showWorkspaceTask(f.workspaceId, f.workspaceTaskId));

const noAssociation: Unchanged = async (t, f) => {
  const doc = (await t.api.listWorkspaceTasks(f.workspaceId, page(1, 100))).json as WorkspaceTaskListDocument | undefined;
  const made = (doc?.data ?? []).filter((w) => w.relationships?.task?.data?.id === f.taskId).map((w) => w.id);
  for (const id of made) t.track({ kind: 'workspace-task', id, parent: f.workspaceId });
  return made.length ? `the refused association exists: ${made.join(', ')}` : undefined;
};

/** Associations are made advisory (CheckContext.associate); the refused update asks for mandatory. */
const enforcementKept: Unchanged = async (t, f) => {
  const level = ((await t.api.showWorkspaceTask(f.workspaceId, f.workspaceTaskId)).json as WorkspaceTaskDocument | undefined)?.data?.attributes?.['enforcement-level'];
  return level === 'advisory' ? undefined : `the refused update left enforcement-level ${JSON.stringify(level)} (was "advisory")`;
};

const RESTRICTED_WRITES: readonly [label: string, needs: Needs, call: Call, unchanged: Unchanged][] = [
  ['create-task', 'nothing', createTaskIn(), nothingCreated],
  ['update-task', 'task', (api, _, f) => api.updateTask(f.taskId, taskBody({ description: RESTRICTED_DESCRIPTION })), descriptionKept],
  ['delete-task', 'task', (api, _, f) => api.deleteTask(f.taskId), taskKept],
  ['associate', 'task', associate, noAssociation],
  ['update-workspace-task', 'association', (api, _, f) => api.updateWorkspaceTask(f.workspaceId, f.workspaceTaskId, workspaceTaskPatchBody({ 'enforcement-level': 'mandatory' })), enforcementKept],
  ['delete-workspace-task', 'association', (api, _, f) => api.deleteWorkspaceTask(f.workspaceId, f.workspaceTaskId), workspaceTaskKept],
];

for (const [label, needs, call, unchanged] of RESTRICTED_WRITES) {
  suite.check(`permissions.restricted-write[${label}]`, async (t) => {
    await refusedWrite(t, t.restricted(), needs, call, unchanged, RESTRICTED_REFUSALS);
  });
}

// ---- permissions.restricted-read (SHOULD): the same member may still read

const RESTRICTED_READS: readonly [label: string, needs: Needs, call: Call][] = ENDPOINTS.filter(([label]) =>
  ['list-tasks', 'show-task', 'list-workspace-tasks', 'show-workspace-task'].includes(label),
);

for (const [label, needs, call] of RESTRICTED_READS) {
  suite.check(`permissions.restricted-read[${label}]`, async (t) => {
    const restricted = t.restricted();
    const f = await fixture(t, needs);
    t.status(await call(restricted, t, f), 200);
  });
}
