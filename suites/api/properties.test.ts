// Properties: fast-check runs the documented operations over generated payloads and sequences, and
// compares every answer with a pure model (suites/api/_harness/models.ts). Kind to real organizations:
// each run deletes what it created before the next run starts.
import fc from 'fast-check';
import { TransportError, type ApiResponse } from '../../src/client/index.ts';
import type { Pagination } from '../../src/types/contract.ts';
import { page } from './_harness/api.ts';
import { ContractViolation, Inconclusive, NotApplicable } from './_harness/errors.ts';
import {
  DEFAULT_ASSOCIATION_STAGES,
  LifecycleModel,
  applyPatch,
  mutate,
  mutationsArb,
  nameSuffix,
  observedState,
  patchSpec,
  show,
  someOf,
  stagesArb,
  stateDifferences,
  taskSpec,
  text,
  type ModelAssociation,
  type PatchSpec,
  type TaskBody,
  type TaskSpec,
} from './_harness/models.ts';
import { taskBody, workspaceTaskBody, workspaceTaskPatchBody } from './_harness/payloads.ts';
import { paginationLinkProblems, paginationMetaProblems, partitionProblems, statusProblem, type ListLinks } from './_harness/predicates.ts';
import { defineSuite, type CheckContext } from './_harness/suite.ts';

const suite = defineSuite('properties');

/** Against a real organization a property run costs real requests (and URL verifications). */
const TIMEOUT = { timeout: 600_000 };

type Json = Record<string, unknown>;

// ---- running a property: the verdict of fast-check becomes the verdict of the check

/** Errors that say "cannot judge" rather than "judged wrong": they end the run as they are. */
const isAbort = (e: unknown): boolean => e instanceof NotApplicable || e instanceof Inconclusive || e instanceof TransportError;

/**
 * Wraps each property execution. After an abort, or once the shrinking budget (executions after the
 * first failure) is spent, executions pass at once without a request: fast-check then stops shrinking
 * and reports the last real failure.
 */
class Guard {
  private failed = false;
  private shrinkRuns = 0;
  private stopped = false;
  constructor(private readonly shrinkBudget: number) {}

  async run(body: () => Promise<void>): Promise<void> {
    if (this.stopped) return;
    if (this.failed && ++this.shrinkRuns >= this.shrinkBudget) this.stopped = true;
    try {
      await body();
    } catch (err) {
      if (isAbort(err)) {
        this.stopped = true;
        if (this.failed) return; // a violation was already found: keep it as the counterexample
        throw err;
      }
      this.failed = true;
      throw err;
    }
  }
}

/** fc.assert over `arb`; a counterexample ends as t.fail with the value and how to replay it. */
async function holds<T>(t: CheckContext, arb: fc.Arbitrary<T>, body: (value: T) => Promise<void>, numRuns = t.config.numRuns): Promise<void> {
  const guard = new Guard(t.config.embedded ? 100 : 20);
  await fc.assert(
    fc.asyncProperty(arb, (value) => guard.run(() => body(value))),
    { seed: t.config.seed, numRuns, asyncReporter: async (details) => (details.failed ? verdict(t, details) : undefined) },
  );
}

function verdict<T>(t: CheckContext, details: fc.RunDetails<T>): never {
  const error = details.errorInstance;
  if (isAbort(error)) throw error;
  if (details.counterexample === null) t.inconclusive(`the property could not run to the end (${details.interrupted ? 'interrupted' : 'too many skipped values'})`);
  const where = `counterexample ${fc.stringify(details.counterexample)} (run ${details.numRuns}, shrunk ${details.numShrinks} times); replay with --seed ${t.config.seed}`;
  if (error instanceof ContractViolation) t.fail(`${error.message}\n${where}`);
  // Anything else is a defect of the check: keep the cause so that the outcome says so.
  throw new Error(where, { cause: error });
}

// ---- resources: created and released inside each run, tracked so that a crash still cleans up

const dataOf = (res: ApiResponse): Json | undefined => (res.json as { data?: Json } | undefined)?.data;
const attributesOf = (data: Json | undefined): Json | undefined => data?.attributes as Json | undefined;

/** Deletes a tracked resource now and forgets it (a 404 means it is already gone). */
async function release(t: CheckContext, kind: 'task' | 'workspace-task', id: string, parent = ''): Promise<void> {
  const res = kind === 'task' ? await t.api.deleteTask(id) : await t.api.deleteWorkspaceTask(parent, id);
  if (res.status < 300 || res.status === 404) untrack(t, id);
}

function untrack(t: CheckContext, id: string): void {
  const index = t.owned.findIndex((r) => r.id === id);
  if (index === -1) return;
  const [resource] = t.owned.splice(index, 1);
  if (resource) t.suite.journal('delete', resource);
}

/** Cleanup inside a run must not hide the run's own verdict: leftovers stay tracked for the check's end. */
async function quietly(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch {
    // tracked: removed when the check ends
  }
}

/** POSTs a task; a success is tracked at once. */
async function postTask(t: CheckContext, body: unknown): Promise<{ res: ApiResponse; id: string | undefined }> {
  const res = await t.api.createTask(body);
  const id = dataOf(res)?.id;
  if (res.status >= 200 && res.status < 300 && typeof id === 'string') {
    t.track({ kind: 'task', id, name: String((body as TaskBody).data?.attributes?.name ?? '') });
    return { res, id };
  }
  return { res, id: undefined };
}

/** A precondition create: anything but a success with an id makes the check inconclusive (the status is judged elsewhere). */
async function createOrGiveUp(t: CheckContext, attributes: Json): Promise<{ res: ApiResponse; id: string }> {
  const { res, id } = await postTask(t, taskBody(attributes));
  if (id === undefined) t.inconclusive(`precondition: a valid task could not be created: ${statusProblem(res, 201) ?? 'no data.id'}`);
  return { res, id };
}

const idsOf = (items: readonly { id?: unknown }[]): string[] => items.map((i) => String(i.id));

/** A different URL reaching the same endpoint (works for --run-task-url too). */
const withQuery = (url: string, q: string | undefined): string => (q === undefined ? url : `${url}${url.includes('?') ? '&' : '?'}q=${q}`);

const compact = (object: Json): Json => Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));

async function createAttributes(t: CheckContext, spec: TaskSpec): Promise<Json> {
  return compact({
    'name': t.taskName(spec.name),
    'url': withQuery(await t.taskUrl(), spec.query),
    'description': spec.description,
    'category': 'task',
    'enabled': spec.enabled,
    'hmac-key': spec.hmacKey,
    'global-configuration': spec.global,
  });
}

async function patchAttributes(t: CheckContext, patch: PatchSpec): Promise<Json> {
  return compact({
    'name': patch.name === undefined ? undefined : t.taskName(patch.name),
    'url': patch.query === undefined ? undefined : withQuery(await t.taskUrl(), patch.query),
    'description': patch.description,
    'enabled': patch.enabled,
    'hmac-key': patch.hmacKey,
    'global-configuration': patch.global,
  });
}

/** 'always' | 'maybe' a global block when the organization has global run tasks; never otherwise (or when unknown). */
async function globalMode(t: CheckContext, entitled: 'always' | 'maybe'): Promise<'never' | 'always' | 'maybe'> {
  return (await t.suite.capabilities()).globalRunTasks === true ? entitled : 'never';
}

// ---- task.create.echo: any valid payload round-trips

/** What a create must show for what was sent: the values themselves (defaults are task.default.enabled's and task.global.default-enabled's). */
function expectedAfterCreate(sent: Json): Json {
  return { ...sent, 'hmac-key': null };
}

suite.check('task.create.echo[property]', async (t: CheckContext) => {
  await t.roomFor(1);
  // ASCII descriptions: that they are kept whole is observed; how multibyte text is counted only the page says.
  await holds(t, taskSpec({ global: await globalMode(t, 'maybe'), ascii: true }), async (spec) => {
    const sent = await createAttributes(t, spec);
    const { res, id } = await postTask(t, taskBody(sent));
    try {
      // The round trip is judged here; the exact success status by task.create.status.
      if (!id) t.fail(`a valid payload was refused: ${statusProblem(res, 201) ?? 'no data.id'}`);
      const expected = expectedAfterCreate(sent);
      t.none(stateDifferences(expected, attributesOf(dataOf(res))), 'the create response');
      t.none(stateDifferences(expected, attributesOf(dataOf(await t.api.showTask(id)))), 'show after create');
    } finally {
      if (id) await quietly(() => release(t, 'task', id));
    }
  });
}, TIMEOUT);

// ---- task.update.keeps-omitted: any PATCH sequence leaves the task as the model predicts

suite.check('task.update.keeps-omitted[property]', async (t) => {
  await t.roomFor(1);
  const global = (await globalMode(t, 'always')) === 'always';
  // A non-empty starting description, so that a reset to "" shows.
  const arb = fc.record({
    task: taskSpec({ global: global ? 'always' : 'never', minDescription: 1 }),
    patches: fc.array(patchSpec({ global }), { minLength: 1, maxLength: 6 }),
  });
  await holds(t, arb, async ({ task, patches }) => {
    const { res, id } = await createOrGiveUp(t, await createAttributes(t, task));
    try {
      let model = observedState(attributesOf(dataOf(res)) ?? {});
      for (const [i, patch] of patches.entries()) {
        const sent = await patchAttributes(t, patch);
        const answer = await t.api.updateTask(id, taskBody(sent));
        t.status(answer, 200, `PATCH #${i + 1}`);
        model = applyPatch(model, sent);
        t.none(stateDifferences(model as unknown as Json, attributesOf(dataOf(answer))), `after PATCH #${i + 1} sending only ${Object.keys(sent).join(', ')}`);
      }
      t.none(stateDifferences(model as unknown as Json, attributesOf(dataOf(await t.api.showTask(id)))), `show after ${patches.length} PATCH(es)`);
    } finally {
      await quietly(() => release(t, 'task', id));
    }
  });
}, TIMEOUT);

// ---- task.validate.no-side-effect: whatever a payload breaking one constraint gets refused, it changes nothing

suite.check('task.validate.no-side-effect[property]', async (t) => {
  await t.roomFor(1); // room, so that a payload wrongly accepted shows as accepted, not as over the limit
  const global = (await globalMode(t, 'maybe')) !== 'never';
  const arb = fc.record({ base: taskSpec({ global: global ? 'maybe' : 'never' }), mutations: mutationsArb(global) });
  let known: string[] | undefined; // the list after the last clean run: the next run's "before"
  let refusals = 0;
  await holds(t, arb, async ({ base, mutations }) => {
    const valid = taskBody(await createAttributes(t, base)) as TaskBody;
    const before = known ?? idsOf(await t.allTasks());
    known = undefined;
    // Every row of the table, each breaking exactly one constraint of the same valid payload. Whether a row
    // must be refused is its own requirement's to judge (several only the page states): an accepted one goes.
    for (const [kind, parameter] of Object.entries(mutations)) {
      const { res, id } = await postTask(t, mutate(valid, kind, parameter));
      if (id) await quietly(() => release(t, 'task', id));
      else if (res.status >= 400) refusals += 1;
    }
    const after = idsOf(await t.allTasks());
    t.none([
      ...after.filter((id) => !before.includes(id)).map((id) => `refused requests left a new task ${id}`),
      ...before.filter((id) => !after.includes(id)).map((id) => `task ${id} disappeared during refused requests`),
    ]);
    known = after;
  });
  if (refusals === 0) t.inconclusive('every payload was accepted, so none could show a side effect');
}, TIMEOUT);

// ---- input.query-strings: garbage in page[number], page[size] and include falls back or is refused, never a 5xx

/** Values no reading of the page gives a meaning to, and any short text besides. */
const GARBAGE = ['abc', '-1', '0', '1e3', '999999999999', '', '1.5', '0x10', '[]', ' '];
const QUERY_KEYS = ['page[number]', 'page[size]', 'include', 'page%5Bnumber%5D', 'page%5Bsize%5D'];

interface QueryPart {
  key: string;
  value: string;
  /** Sent twice (the second time with a sensible value): repeated parameters are input too. */
  repeated: boolean;
}

const queryArb: fc.Arbitrary<QueryPart[]> = fc.array(
  fc.record({ key: fc.constantFrom(...QUERY_KEYS), value: fc.oneof(fc.constantFrom(...GARBAGE), fc.string({ maxLength: 12 })), repeated: fc.boolean() }),
  { minLength: 1, maxLength: 4 },
);

/** The raw query string, keys as given (brackets raw or encoded), values percent-encoded. */
const rawQuery = (parts: readonly QueryPart[]): string =>
  parts.flatMap(({ key, value, repeated }) => [`${key}=${encodeURIComponent(value)}`, ...(repeated ? [`${key}=${key.includes('include') ? 'workspace_tasks' : '1'}`] : [])]).join('&');

suite.check('input.query-strings[property]', async (t) => {
  const { id: taskId } = await t.createTask();
  const workspace = await t.workspace(0);
  const org = encodeURIComponent(t.api.organization);
  const paths = [`/organizations/${org}/tasks`, `/tasks/${encodeURIComponent(taskId)}`, `/workspaces/${encodeURIComponent(workspace.id)}/tasks`];
  await holds(t, queryArb, async (parts) => {
    const query = rawQuery(parts);
    const problems: string[] = [];
    for (const path of paths) {
      const res = await t.api.call('GET', `${path}?${query}`);
      if (res.status >= 500) problems.push(`GET ${path}?${query} answered ${res.status}`);
    }
    t.none(problems, 'a garbage query string gets a default or a 4xx');
  });
}, TIMEOUT);

// ---- pagination.partition: for any n tasks and page sizes, the pages partition the list

interface PageRead {
  ids: string[];
  problems: string[];
}

async function readPage(t: CheckContext, number: number, size: number, totalCount: number | undefined): Promise<PageRead & { meta: Pagination }> {
  const res = await t.api.listTasks(page(number, size));
  t.status(res, 200, `page ${number} of size ${size}`);
  const doc = res.json as { data?: Json[]; links?: ListLinks; meta?: { pagination?: Pagination } } | undefined;
  const meta = doc?.meta?.pagination;
  if (!Array.isArray(doc?.data) || !meta || !doc?.links) t.fail(`page ${number} of size ${size} lacks data, links or meta.pagination`);
  const problems = [
    ...paginationMetaProblems(meta, doc.data.length, { number, size }),
    ...paginationLinkProblems(doc.links, meta),
    ...(totalCount !== undefined && meta['total-count'] !== totalCount ? [`total-count ${meta['total-count']} on page ${number}, ${totalCount} on page 1`] : []),
  ].map((p) => `size ${size}, page ${number}: ${p}`);
  return { ids: idsOf(doc.data), problems, meta };
}

const MAX_PAGES = 100;

/** Every page of the list at `size`, as total-pages on page 1 announces them. */
async function walk(t: CheckContext, size: number): Promise<{ pages: string[][]; problems: string[] }> {
  const first = await readPage(t, 1, size, undefined);
  const total = first.meta['total-pages'];
  if (total > MAX_PAGES) t.inconclusive(`the organization holds too many tasks (${first.meta['total-count']}) to page through at size ${size}`);
  const pages = [first.ids];
  const problems = [...first.problems];
  for (let number = 2; number <= total; number++) {
    const next = await readPage(t, number, size, first.meta['total-count']);
    pages.push(next.ids);
    problems.push(...next.problems);
  }
  return { pages, problems };
}

suite.check('pagination.partition[property]', async (t) => {
  await t.requireTasks(7);
  await t.roomFor(7);
  const arb = fc.record({ n: fc.integer({ min: 1, max: 7 }), sizes: fc.uniqueArray(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 }) });
  await holds(
    t,
    arb,
    async ({ n, sizes }) => {
      const created: string[] = [];
      try {
        for (let i = 0; i < n; i++) created.push((await createOrGiveUp(t, await t.validTaskAttributes({ description: `page item ${i + 1}` }))).id);
        for (const size of sizes) {
          const { pages, problems } = await walk(t, size);
          t.none([...problems, ...partitionProblems(pages, created).map((p) => `size ${size}: ${p}`)]);
        }
      } finally {
        for (const id of created) await quietly(() => release(t, 'task', id));
      }
    },
    Math.min(t.config.numRuns, 5),
  );
}, TIMEOUT);

// ---- lifecycle.model: any sequence of operations agrees with the model

interface Real {
  t: CheckContext;
  workspaces: string[];
  /** Tasks created in this run (deleted or not): cleanup, and "deleted ids never show again". */
  created: string[];
}

type Step = fc.AsyncCommand<LifecycleModel, Real>;

/** Steps print as their toString in counterexamples, inside fc.commands or not. */
const named = (step: Step): Step => Object.assign(step, { [fc.toStringMethod]: () => step.toString() });

/** Refusals a service may answer instead of deleting a task that still has associations. */
const DELETE_REFUSALS = [400, 409, 422];

const label = (o: Json): string => Object.entries(o).map(([k, v]) => `${k}=${show(v)}`).join(', ');

/** Association attributes as the model holds them, for comparison. */
const associationState = (a: ModelAssociation): Json => ({ 'enforcement-level': a['enforcement-level'], 'stages': a.stages });

function taskRelationship(data: Json | undefined): unknown {
  return ((data?.relationships as Json | undefined)?.task as Json | undefined)?.data as Json | undefined;
}

/** The workspace's associations are exactly the model's, with the model's attributes. */
async function checkWorkspace(m: LifecycleModel, r: Real, workspace: number, what: string): Promise<void> {
  const t: CheckContext = r.t;
  const res = await t.api.listWorkspaceTasks(r.workspaces[workspace]!, page(1, 100));
  t.status(res, 200, `${what}: list workspace ${workspace} tasks`);
  const items = (res.json as { data?: Json[] } | undefined)?.data ?? [];
  const expected = m.inWorkspace(workspace);
  const problems = [
    ...items.filter((i) => !expected.some((a) => a.id === i.id)).map((i) => `association ${String(i.id)} (task ${show((taskRelationship(i) as Json | undefined)?.id)}) is listed, the model has none`),
    ...expected.filter((a) => !items.some((i) => i.id === a.id)).map((a) => `association ${a.id} of task ${a.taskId} is missing`),
    ...expected.flatMap((a) => {
      const item = items.find((i) => i.id === a.id);
      if (!item) return [];
      const taskId = (taskRelationship(item) as Json | undefined)?.id;
      return [
        ...stateDifferences(associationState(a), attributesOf(item)).map((p) => `${a.id}: ${p}`),
        ...(taskId === a.taskId ? [] : [`${a.id}: task ${show(taskId)}, expected ${a.taskId}`]),
      ];
    }),
  ];
  t.none(problems, `${what}: workspace ${workspace}`);
}

const taskState = (spec: { name: string; description: string; enabled: boolean | undefined }, url: string) => ({
  name: spec.name,
  url,
  description: spec.description,
  enabled: spec.enabled ?? true,
});

function createTaskStep(spec: { name: string; description: string; enabled: boolean | undefined }): Step {
  return named({
    check: (m) => m.tasks.length < m.taskLimit,
    async run(m, r) {
      const t: CheckContext = r.t;
      const url = await t.taskUrl();
      const attributes = compact({ name: t.taskName(spec.name), url, description: spec.description, category: 'task', enabled: spec.enabled });
      const { res, id } = await postTask(t, taskBody(attributes));
      t.status(res, 201, `create task (the model holds ${m.tasks.length} of ${m.taskLimit})`);
      if (!id) t.fail('create task: the response has no data.id');
      r.created.push(id);
      const state = taskState({ ...spec, name: String(attributes.name) }, url);
      m.addTask({ id, state });
      t.none(stateDifferences(state, attributesOf(dataOf(res))), 'create task');
    },
    toString: () => `createTask(${label(spec)})`,
  });
}

function updateTaskStep(index: number, patch: PatchSpec): Step {
  return named({
    check: (m) => m.tasks.length > 0,
    async run(m, r) {
      const t: CheckContext = r.t;
      const task = m.taskAt(index)!;
      const sent = await patchAttributes(t, patch);
      const res = await t.api.updateTask(task.id, taskBody(sent));
      t.status(res, 200, `update task ${task.id}`);
      m.updateTask(task.id, sent);
      t.none(stateDifferences(task.state, attributesOf(dataOf(res))), `update task ${task.id}`);
    },
    toString: () => `updateTask(#${index}, ${label(patch as Json)})`,
  });
}

function associateStep(spec: { task: number; workspace: number; level: string; stages: string[] | undefined }): Step {
  const pick = (m: Readonly<LifecycleModel>) => m.taskAt(spec.task);
  return named({
    check: (m) => {
      const task = pick(m);
      return task !== undefined && !m.isAssociated(task.id, spec.workspace);
    },
    async run(m, r) {
      const t: CheckContext = r.t;
      const task = pick(m)!;
      const workspaceId = r.workspaces[spec.workspace]!;
      const res = await t.api.associate(workspaceId, workspaceTaskBody(task.id, compact({ 'enforcement-level': spec.level, 'stages': spec.stages })));
      t.status(res, [201, 204], `associate task ${task.id} with workspace ${spec.workspace}`);
      const id = dataOf(res)?.id ?? (await t.findAssociation(workspaceId, task.id));
      if (typeof id !== 'string') t.fail(`associate task ${task.id}: no association id in the answer or the workspace's list`);
      t.track({ kind: 'workspace-task', id, parent: workspaceId });
      const association: ModelAssociation = { id, taskId: task.id, workspace: spec.workspace, 'enforcement-level': spec.level, 'stages': spec.stages ?? [...DEFAULT_ASSOCIATION_STAGES] };
      m.associate(association);
      if (dataOf(res)) t.none(stateDifferences(associationState(association), attributesOf(dataOf(res))), `associate task ${task.id}`);
    },
    toString: () => `associate(${label(spec)})`,
  });
}

function updateAssociationStep(index: number, patch: Json): Step {
  return named({
    check: (m) => m.associations.length > 0,
    async run(m, r) {
      const t: CheckContext = r.t;
      const a = m.associationAt(index)!;
      const res = await t.api.updateWorkspaceTask(r.workspaces[a.workspace]!, a.id, workspaceTaskPatchBody(patch));
      t.status(res, 200, `update association ${a.id}`);
      m.updateAssociation(a.id, patch);
      t.none(stateDifferences(associationState(a), attributesOf(dataOf(res))), `update association ${a.id}`);
    },
    toString: () => `updateAssociation(#${index}, ${label(patch)})`,
  });
}

function dissociateStep(index: number): Step {
  return named({
    check: (m) => m.associations.length > 0,
    async run(m, r) {
      const t: CheckContext = r.t;
      const a = m.associationAt(index)!;
      const workspaceId = r.workspaces[a.workspace]!;
      t.status(await t.api.deleteWorkspaceTask(workspaceId, a.id), 204, `dissociate ${a.id}`);
      untrack(t, a.id);
      m.removeAssociation(a.id);
      t.status(await t.api.showWorkspaceTask(workspaceId, a.id), 404, `show association ${a.id} after its delete`);
    },
    toString: () => `dissociate(#${index})`,
  });
}

function deleteTaskStep(index: number): Step {
  return named({
    check: (m) => m.tasks.length > 0,
    async run(m, r) {
      const t: CheckContext = r.t;
      const task = m.taskAt(index)!;
      const associations = m.associationsOf(task.id);
      const res = await t.api.deleteTask(task.id);
      // Either the service refuses to delete a task still in use (model unchanged), or the associations go too.
      if (associations.length > 0 && DELETE_REFUSALS.includes(res.status)) {
        t.status(await t.api.showTask(task.id), 200, `show task ${task.id} after its delete was refused (${res.status})`);
        return;
      }
      t.status(res, 204, `delete task ${task.id} (${associations.length} association(s))`);
      untrack(t, task.id);
      m.removeTask(task.id);
      t.status(await t.api.showTask(task.id), 404, `show task ${task.id} after its delete`);
      for (const workspace of new Set(associations.map((a) => a.workspace))) await checkWorkspace(m, r, workspace, `after deleting task ${task.id}`);
      for (const a of associations) untrack(t, a.id);
    },
    toString: () => `deleteTask(#${index})`,
  });
}

function listTasksStep(): Step {
  return named({
    check: () => true,
    async run(m, r) {
      const t: CheckContext = r.t;
      const items = await t.allTasks();
      const problems = [
        ...r.created.filter((id) => m.deleted.has(id) && items.some((i) => i.id === id)).map((id) => `deleted task ${id} is listed`),
        ...m.tasks.flatMap((task) => {
          const item = items.find((i) => i.id === task.id);
          if (!item) return [`task ${task.id} is missing`];
          const related = ((item.relationships as Json | undefined)?.['workspace-tasks'] as Json | undefined)?.data;
          const expected = m.associationsOf(task.id).map((a) => a.id).sort();
          const listed = Array.isArray(related) ? related.map((x) => String((x as Json).id)).sort() : undefined;
          return [
            ...stateDifferences(task.state, attributesOf(item as unknown as Json)).map((p) => `${task.id}: ${p}`),
            // Judged only when the relationship carries data (erratum E5: its name varies in the samples).
            ...(listed && show(listed) !== show(expected) ? [`${task.id}: workspace-tasks relationship ${show(listed)}, expected ${show(expected)}`] : []),
          ];
        }),
      ];
      t.none(problems, 'list tasks');
    },
    toString: () => 'listTasks()',
  });
}

function listWorkspaceTasksStep(workspace: number): Step {
  return named({
    check: () => true,
    run: (m, r) => checkWorkspace(m, r, workspace, 'list workspace tasks'),
    toString: () => `listWorkspaceTasks(${workspace})`,
  });
}

/**
 * A run: a starting state (empty, one task, or one task associated with workspace 0, built by the same
 * checked steps), then any sequence of steps. Starting populated makes "delete a task in use" common.
 */
function lifecycleRuns(levels: readonly string[], workspaces: number): fc.Arbitrary<{ start: readonly Step[]; steps: Iterable<Step> }> {
  const ws = fc.integer({ min: 0, max: workspaces - 1 });
  const level = fc.constantFrom(...levels);
  const stages = fc.option(stagesArb, { nil: undefined });
  const association = someOf<Json>({ 'enforcement-level': level, 'stages': stagesArb });
  const create = fc.record({ name: nameSuffix, description: text(0, 40), enabled: fc.option(fc.boolean(), { nil: undefined }) }).map(createTaskStep);
  const step = fc.oneof(
    { weight: 3, arbitrary: create },
    { weight: 1, arbitrary: fc.tuple(fc.nat(), patchSpec({ global: false, maxDescription: 40 })).map(([i, p]) => updateTaskStep(i, p)) },
    { weight: 4, arbitrary: fc.record({ task: fc.nat(), workspace: ws, level, stages }).map(associateStep) },
    { weight: 1, arbitrary: fc.tuple(fc.nat(), association).map(([i, p]) => updateAssociationStep(i, p)) },
    { weight: 1, arbitrary: fc.nat().map(dissociateStep) },
    { weight: 3, arbitrary: fc.nat().map(deleteTaskStep) },
    { weight: 1, arbitrary: fc.constant(null).map(listTasksStep) },
    { weight: 1, arbitrary: ws.map(listWorkspaceTasksStep) },
  );
  const start = fc.oneof(
    fc.constant([]),
    create.map((c) => [c]),
    fc.tuple(create, fc.record({ task: fc.constant(0), workspace: fc.constant(0), level, stages }).map(associateStep)).map((s) => [...s]),
  );
  return fc.record({ start, steps: fc.commands([step], { maxCommands: 16, size: 'medium' }) });
}

/**
 * Removes what a run left. After a clean run the model is the truth; after a failed one, every
 * association listed in the run's workspaces goes, then every task the run created.
 */
async function cleanupRun(r: Real, model: LifecycleModel | undefined): Promise<void> {
  const t: CheckContext = r.t;
  if (model) {
    for (const a of model.associations) await quietly(() => release(t, 'workspace-task', a.id, r.workspaces[a.workspace]));
    for (const task of model.tasks) await quietly(() => release(t, 'task', task.id));
    return;
  }
  for (const workspaceId of r.workspaces) {
    await quietly(async () => {
      const items = ((await t.api.listWorkspaceTasks(workspaceId, page(1, 100))).json as { data?: Json[] } | undefined)?.data ?? [];
      for (const item of items) await release(t, 'workspace-task', String(item.id), workspaceId);
    });
  }
  for (const id of r.created) await quietly(() => release(t, 'task', id));
}

suite.check('lifecycle.model', async (t) => {
  const { runTaskLimit, runTaskWorkspaceLimit, mandatoryEnforcementLimit } = await t.suite.capabilities();
  // Three tasks at once, or one where the plan allows fewer than three; never more than the room left.
  const taskLimit = Math.min(runTaskLimit !== null && runTaskLimit < 3 ? 1 : 3, await t.roomFor(1));
  const workspaceCount = Math.min(2, runTaskWorkspaceLimit ?? 2);
  if (workspaceCount < 1) t.notApplicable('the organization may not associate run tasks with workspaces (run-task-workspace-limit 0)');
  // A limit on mandatory associations has undocumented semantics: stay with advisory ones then.
  const levels = mandatoryEnforcementLimit === null ? ['advisory', 'mandatory'] : ['advisory'];
  const workspaces: string[] = [];
  for (let i = 0; i < workspaceCount; i++) workspaces.push((await t.workspace(i)).id);
  await holds(t, lifecycleRuns(levels, workspaceCount), async ({ start, steps }) => {
    const real: Real = { t, workspaces, created: [] };
    const model = new LifecycleModel(taskLimit);
    const setup = async () => {
      for (const s of start) if (s.check(model)) await s.run(model, real);
      return { model, real };
    };
    let clean = false;
    try {
      await fc.asyncModelRun(setup, steps);
      clean = true;
    } finally {
      await cleanupRun(real, clean ? model : undefined);
    }
  });
}, TIMEOUT);
