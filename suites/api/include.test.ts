// The `include` parameter of List Run Tasks and Show a Run Task: workspace_tasks and
// workspace_tasks.workspace (run-tasks-api § List Run Tasks / Show a Run Task; api-facts §4).
import type { ApiResponse } from '../../src/client/index.ts';
import { page } from './_harness/api.ts';
import { schemaProblem } from './_harness/predicates.ts';
import { defineSuite, type CheckContext } from './_harness/suite.ts';

const suite = defineSuite('include');

const WORKSPACE_TASKS = 'workspace_tasks';
const WORKSPACES = 'workspace_tasks.workspace';
/** Pages of 100 searched for the task in the organization's list (a safety bound). */
const MAX_PAGES = 20;

interface ResourceLike {
  id?: unknown;
  type?: unknown;
  relationships?: Record<string, { data?: unknown } | undefined>;
}

/** Where a task is read with an include: the organization's list (the page holding it) or show. */
interface View {
  label: string;
  /** The response, and the task's resource in it (undefined when the body holds no such task). */
  fetch(t: CheckContext, taskId: string, include: string): Promise<{ res: ApiResponse; task: ResourceLike | undefined }>;
}

const dataOf = (res: ApiResponse): unknown => (res.json as { data?: unknown } | undefined)?.data;

const VIEWS: readonly View[] = [
  {
    label: 'list',
    async fetch(t, taskId, include) {
      let res: ApiResponse | undefined;
      for (let number = 1; number <= MAX_PAGES; number++) {
        res = await t.api.listTasks({ ...page(number, 100), include });
        const data = dataOf(res);
        const task = Array.isArray(data) ? (data as ResourceLike[]).find((d) => d?.id === taskId) : undefined;
        if (task || res.status !== 200 || !(res.json as { meta?: { pagination?: { 'next-page'?: unknown } } }).meta?.pagination?.['next-page']) return { res, task };
      }
      return { res: res!, task: undefined };
    },
  },
  {
    label: 'show',
    async fetch(t, taskId, include) {
      const res = await t.api.showTask(taskId, { include });
      const data = dataOf(res) as ResourceLike | undefined;
      return { res, task: data?.id === taskId ? data : undefined };
    },
  },
];

// ---- judgements of a compound document

const key = (r: ResourceLike) => `${String(r.type)}/${String(r.id)}`;
const linkageIds = (value: unknown): string[] =>
  Array.isArray(value) ? value.map((d) => (d as ResourceLike | null)?.id).filter((id): id is string => typeof id === 'string') : [];
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
const show = (ids: readonly string[]) => `[${[...ids].sort().join(', ')}]`;

/**
 * `included` holds exactly what the include asks for: the workspace tasks the document's tasks link to,
 * and with workspace_tasks.workspace also their workspaces; each resource once, nothing else.
 */
function compoundProblems(body: unknown, include: string): string[] {
  const doc = body as { data?: unknown; included?: unknown } | undefined;
  if (!Array.isArray(doc?.included)) return [`include=${include}: the document has no included array`];
  const included = doc.included as ResourceLike[];
  const problems: string[] = [];
  const keys = included.map(key);
  const duplicates = keys.filter((k, i) => keys.indexOf(k) !== i);
  if (duplicates.length) problems.push(`included repeats ${[...new Set(duplicates)].join(', ')}`);
  const tasks = (Array.isArray(doc.data) ? doc.data : [doc.data]) as (ResourceLike | undefined)[];
  const wanted: Record<string, string[]> = {
    'workspace-tasks': [...new Set(tasks.flatMap((task) => linkageIds(task?.relationships?.['workspace-tasks']?.data)))],
  };
  const workspaceTasks = included.filter((r) => r.type === 'workspace-tasks');
  if (include === WORKSPACES) {
    wanted.workspaces = [...new Set(workspaceTasks.map((w) => (w.relationships?.workspace?.data as ResourceLike | undefined)?.id).filter((id): id is string => typeof id === 'string'))];
  }
  for (const [type, ids] of Object.entries(wanted)) {
    const got = [...new Set(included.filter((r) => r.type === type).map((r) => String(r.id)))];
    if (!sameSet(got, ids)) problems.push(`included ${type} ${show(got)}, expected ${show(ids)}`);
  }
  const others = included.filter((r) => !(typeof r.type === 'string' && r.type in wanted));
  if (others.length) problems.push(`included holds resources the include did not ask for: ${others.map(key).join(', ')}`);
  for (const w of workspaceTasks) {
    const problem = schemaProblem('workspace-task-document', { data: w });
    if (problem) problems.push(`included ${key(w)} is no valid workspace task: ${problem}`);
  }
  return problems;
}

/** The task links to exactly its associations. */
function linkageProblems(task: ResourceLike, associations: readonly string[]): string[] {
  const linked = linkageIds(task.relationships?.['workspace-tasks']?.data);
  return sameSet(linked, associations) ? [] : [`relationships.workspace-tasks of ${String(task.id)} lists ${show(linked)}, its associations are ${show(associations)}`];
}

/** A task associated with the suite's first two workspaces. */
async function associatedTask(t: CheckContext): Promise<{ taskId: string; associations: string[]; workspaces: string[] }> {
  const { id: taskId } = await t.createTask();
  const workspaces = [(await t.workspace(0)).id, (await t.workspace(1)).id];
  const associations: string[] = [];
  for (const workspaceId of workspaces) associations.push((await t.associate(workspaceId, taskId)).id);
  return { taskId, associations, workspaces };
}

async function readIncluded(t: CheckContext, view: View, taskId: string, include: string): Promise<{ res: ApiResponse; task: ResourceLike }> {
  const { res, task } = await view.fetch(t, taskId, include);
  t.status(res, 200);
  if (!task) t.fail(`include=${include}: the answer does not hold task ${taskId}`);
  return { res, task };
}

for (const view of VIEWS) {
  suite.check(`include.workspace-tasks[${view.label}]`, async (t) => {
    const { taskId, associations } = await associatedTask(t);
    const { res, task } = await readIncluded(t, view, taskId, WORKSPACE_TASKS);
    t.none([...linkageProblems(task, associations), ...compoundProblems(res.json, WORKSPACE_TASKS)]);
  });

  suite.check(`include.workspace[${view.label}]`, async (t) => {
    const { taskId, associations, workspaces } = await associatedTask(t);
    const { res, task } = await readIncluded(t, view, taskId, WORKSPACES);
    const included = ((res.json as { included?: unknown }).included ?? []) as ResourceLike[];
    const ownWorkspaces = included.filter((r) => r.type === 'workspaces' && workspaces.includes(String(r.id))).map((r) => String(r.id));
    t.none([
      ...linkageProblems(task, associations),
      ...compoundProblems(res.json, WORKSPACES),
      sameSet([...new Set(ownWorkspaces)], workspaces) ? undefined : `included workspaces of the task ${show(ownWorkspaces)}, associated with ${show(workspaces)}`,
    ]);
  });

  suite.check(`include.unknown-refused[${view.label}]`, async (t) => {
    // A task makes the list non-empty too, so the include cannot be skipped for want of items.
    const { res } = await view.fetch(t, (await t.createTask()).id, 'bogus');
    t.assert(res.status >= 400 && res.status < 500, `include=bogus: expected a 4xx refusal (400), got ${res.status}`);
    t.error(res, res.status);
  });
}
