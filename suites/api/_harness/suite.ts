// The API side's suite runtime: binds checks to the target, creates and removes resources, keeps transcripts.
// Suites as data and their vitest registration (suites/_harness/define.ts) and how a thrown error becomes an
// outcome (suites/_harness/judge.ts) are shared with the integration side.
import { inject } from 'vitest';
import { ApiClient, TransportError, type ApiResponse, type Exchange } from '../../../src/client/index.ts';
import { requirementFor, type Requirement } from '../../../src/contract/catalogue.ts';
import {
  directRegistry,
  suiteDefiner,
  type CheckDefinition as SharedCheckDefinition,
  type SuiteBuilder as SharedSuiteBuilder,
  type SuiteDefinition as SharedSuiteDefinition,
  type SuiteRuntime,
} from '../../_harness/define.ts';
import { classify, rootCause } from '../../_harness/judge.ts';
import type { SchemaName } from '../../../src/contract/validate.ts';
import { startReceiver, type Receiver } from '../../../src/api/receiver/index.ts';
import type { CheckMeta } from '../../../src/runner/check-meta.ts';
import { appendJournal, type ResourceKind } from '../../../src/runner/journal.ts';
import type { Capabilities, SuiteConfig } from '../../../src/runner/suite-config.ts';

export type { Capabilities };
import type { TaskListDocument } from '../../../src/types/contract.ts';
import { Api, page } from './api.ts';
import { Inconclusive } from './errors.ts';
import { Outcomes } from '../../_harness/outcomes.ts';
import { taskBody, workspaceTaskBody, type TaskAttributes } from './payloads.ts';
import { errorDocumentProblem, mediaTypeProblem, pointerProblem, schemaProblem, statusProblem } from './predicates.ts';

const TRANSCRIPT_LIMIT = 8;

interface Tracked {
  kind: ResourceKind;
  id: string;
  parent?: string;
  name?: string;
}


export interface CreatedTask {
  id: string;
  res: ApiResponse;
  attributes: Record<string, unknown>;
}

export class CheckContext extends Outcomes {
  readonly owned: Tracked[] = [];

  constructor(
    readonly suite: Suite,
    readonly requirement: Requirement,
  ) {
    super();
  }

  get config(): SuiteConfig {
    return this.suite.config;
  }
  get api(): Api {
    return this.suite.api;
  }

  /** A client with the restricted member's token; not applicable when none is configured. */
  restricted(): Api {
    const token = this.config.restrictedToken;
    if (!token) this.notApplicable('needs --restricted-token (a member without the run-task permissions)');
    return this.api.withToken(token);
  }

  foreignOrganization(): string {
    return this.config.foreignOrganization ?? this.notApplicable('needs --foreign-organization (an organization the token cannot see)');
  }

  // ---- assertions on responses
  status(res: ApiResponse, expected: number | readonly number[], what = `${res.exchange.method} ${pathOf(res)}`): void {
    const problem = statusProblem(res, expected);
    if (problem) this.fail(`${what}: ${problem}`);
  }
  document<T = unknown>(res: ApiResponse, schema: SchemaName): T {
    this.none([mediaTypeProblem(res), schemaProblem(schema, res.json)], `${res.exchange.method} ${pathOf(res)}`);
    return res.json as T;
  }
  /** The status, and a JSON:API error document with the JSON:API media type. */
  error(res: ApiResponse, expected: number | readonly number[]): void {
    this.status(res, expected);
    this.none([mediaTypeProblem(res), errorDocumentProblem(res)], `${res.exchange.method} ${pathOf(res)}`);
  }
  /** A refusal where the page names no status: any 4xx, with a JSON:API error document and media type. */
  refused(res: ApiResponse, what = `${res.exchange.method} ${pathOf(res)}`): void {
    if (res.status < 400 || res.status > 499) this.fail(`${what}: expected a refusal (4xx), got ${res.status}`);
    this.none([mediaTypeProblem(res), errorDocumentProblem(res)], what);
  }
  pointer(res: ApiResponse, pointer: string): void {
    this.none([pointerProblem(res, pointer)]);
  }

  // ---- resources: created for this check, removed when it ends
  async taskUrl(): Promise<string> {
    return this.config.runTaskUrl ?? (await this.suite.receiver()).url;
  }

  taskName(label = 'task'): string {
    return this.suite.uniqueName(label);
  }

  async validTaskAttributes(overrides: Record<string, unknown> = {}): Promise<TaskAttributes & Record<string, unknown>> {
    return {
      name: this.taskName(),
      url: await this.taskUrl(),
      category: 'task',
      description: 'created by run-tasks-conformance',
      ...overrides,
    } as TaskAttributes & Record<string, unknown>;
  }

  /** Not applicable when the organization cannot hold `count` run tasks at once. */
  async requireTasks(count: number): Promise<void> {
    const { runTaskLimit } = await this.suite.capabilities();
    if (runTaskLimit !== null && runTaskLimit < count) {
      this.notApplicable(`needs ${count} run tasks at once; the organization allows ${runTaskLimit} (run-task-limit)`);
    }
  }

  async requireGlobalRunTasks(expected = true): Promise<void> {
    const { globalRunTasks } = await this.suite.capabilities();
    if (globalRunTasks === null) this.notApplicable('the organization entitlement set is not readable, so global run tasks cannot be told apart');
    if (globalRunTasks !== expected) {
      this.notApplicable(expected ? 'the organization lacks the global-run-tasks entitlement' : 'the organization has the global-run-tasks entitlement');
    }
  }

  /** Creates a valid task (a precondition: anything but a success makes the check inconclusive). */
  async createTask(overrides: Record<string, unknown> = {}): Promise<CreatedTask> {
    const attributes = await this.validTaskAttributes(overrides);
    const res = await this.api.createTask(taskBody(attributes));
    if (res.status < 200 || res.status > 299) await this.preconditionFailed('create a run task', res, true);
    const id = this.keepCreated(res, 'task');
    if (id === undefined) return this.inconclusive('precondition: the created task has no data.id');
    return { id, res, attributes };
  }

  /** Associates a task with a workspace (any success: the status is judged by its own check); returns the workspace task id. */
  async associate(workspaceId: string, taskId: string, attributes: Record<string, unknown> = { 'enforcement-level': 'advisory' }): Promise<{ id: string; res: ApiResponse }> {
    const res = await this.api.associate(workspaceId, workspaceTaskBody(taskId, attributes));
    if (res.status < 200 || res.status > 299) await this.preconditionFailed('associate a task with a workspace', res);
    const id = (res.json as { data?: { id?: unknown } } | undefined)?.data?.id ?? (await this.findAssociation(workspaceId, taskId));
    if (typeof id !== 'string') this.inconclusive('precondition: the association has no id');
    this.track({ kind: 'workspace-task', id, parent: workspaceId });
    return { id, res };
  }

  /** Every task of the organization, following the pages (at most 20 pages of 100: a safety bound). */
  async allTasks(): Promise<TaskListDocument['data']> {
    const tasks: TaskListDocument['data'] = [];
    for (let number = 1; number <= 20; number++) {
      const res = await this.api.listTasks(page(number, 100));
      if (res.status !== 200) this.inconclusive(`precondition: listing the organization's tasks answered ${res.status}`);
      const doc = res.json as TaskListDocument | undefined;
      tasks.push(...(doc?.data ?? []));
      if (!doc?.meta?.pagination?.['next-page']) break;
    }
    return tasks;
  }

  /** Ids of the organization's tasks with this name (to prove a refused create made nothing). */
  async taskIdsNamed(name: string): Promise<string[]> {
    return (await this.allTasks()).filter((task) => task.attributes?.name === name).map((task) => task.id);
  }

  /**
   * Room for `count` more tasks under the organization's run-task-limit (Infinity without one); not
   * applicable when there is none: a full free organization refuses every create with 422, which a check
   * could not tell apart from the refusal it looks for.
   */
  async roomFor(count: number): Promise<number> {
    const { runTaskLimit } = await this.suite.capabilities();
    if (runTaskLimit === null) return Infinity;
    const held = (await this.allTasks()).length;
    if (runTaskLimit - held < count) this.notApplicable(`needs room for ${count} more run task(s): the organization holds ${held} of its run-task-limit ${runTaskLimit}`);
    return runTaskLimit - held;
  }

  /** Registers for removal whatever a (possibly wrongly) successful create made; returns its id. */
  keepCreated(res: ApiResponse, kind: 'task' | 'workspace-task' = 'task', parent?: string): string | undefined {
    if (res.status < 200 || res.status > 299) return undefined;
    const data = (res.json as { data?: { id?: unknown; attributes?: { name?: unknown } } } | undefined)?.data;
    if (typeof data?.id !== 'string') return undefined;
    const name = data.attributes?.name;
    this.track({ kind, id: data.id, ...(parent ? { parent } : {}), ...(typeof name === 'string' ? { name } : {}) });
    return data.id;
  }

  /** A shared workspace of this suite file (created once, removed after the file). */
  workspace(index = 0): Promise<{ id: string; name: string }> {
    return this.suite.workspace(index);
  }

  track(resource: Tracked): void {
    this.owned.push(resource);
    this.suite.journal('create', resource);
  }

  /** The id of the association of a task with a workspace, from the workspace's list (for a 204 without a body). */
  async findAssociation(workspaceId: string, taskId: string): Promise<string | undefined> {
    const list = await this.api.listWorkspaceTasks(workspaceId, { 'page[size]': '100' });
    const items = (list.json as { data?: { id: string; relationships?: { task?: { data?: { id?: string } } } }[] } | undefined)?.data ?? [];
    return items.find((w) => w.relationships?.task?.data?.id === taskId)?.id;
  }

  /** `countsAgainstLimit`: a 422 may be the organization's run-task-limit, which makes the check not applicable. */
  private async preconditionFailed(what: string, res: ApiResponse, countsAgainstLimit = false): Promise<never> {
    const { runTaskLimit } = await this.suite.capabilities();
    if (countsAgainstLimit && res.status === 422 && runTaskLimit !== null) {
      this.notApplicable(`could not ${what}: the organization's run-task-limit (${runTaskLimit}) is reached`);
    }
    this.inconclusive(`precondition: could not ${what}: ${statusProblem(res, 201) ?? ''}`);
  }
}

const pathOf = (res: ApiResponse) => {
  try {
    const url = new URL(res.exchange.url);
    return url.pathname + url.search;
  } catch {
    return res.exchange.url;
  }
};

export class Suite implements SuiteRuntime<CheckContext> {
  private receiverPromise: Promise<Receiver> | undefined;
  private readonly workspaces = new Map<number, Promise<{ id: string; name: string }>>();
  private counter = 0;
  private transcript: Exchange[] = [];
  /** Aborted when the run is interrupted: queued and later requests are refused, so the run's cleanup has the target. */
  private readonly stopping = new AbortController();
  readonly config: SuiteConfig;
  readonly api: Api;

  constructor(
    readonly name: string,
    config: SuiteConfig,
  ) {
    this.config = config;
    const client = new ApiClient({
      baseUrl: this.config.address,
      token: this.config.token,
      timeoutMs: this.config.timeoutMs,
      maxRps: this.config.maxRps,
      signal: this.stopping.signal,
      secrets: [this.config.token, this.config.restrictedToken].filter((s): s is string => Boolean(s)),
      onExchange: (e) => {
        this.transcript.push(e);
        if (this.transcript.length > TRANSCRIPT_LIMIT) this.transcript.shift();
      },
    });
    this.api = new Api(client, this.config.organization);
  }

  /** The run was interrupted: this suite sends nothing more (what its checks created stays in the journal). */
  interrupt(): void {
    this.stopping.abort(new Error('the run was interrupted'));
  }

  uniqueName(label: string): string {
    this.counter += 1;
    return `${this.config.prefix}${this.name}-${label}-${this.counter}`.replace(/[^A-Za-z0-9_-]/g, '-');
  }

  receiver(): Promise<Receiver> {
    this.receiverPromise ??= startReceiver();
    return this.receiverPromise;
  }

  /** What the organization's entitlements allow (read once by the run's preflight). */
  async capabilities(): Promise<Capabilities> {
    return this.config.capabilities;
  }

  workspace(index: number): Promise<{ id: string; name: string }> {
    let ws = this.workspaces.get(index);
    if (!ws) {
      ws = this.createWorkspace(index);
      this.workspaces.set(index, ws);
      ws.catch(() => this.workspaces.delete(index));
    }
    return ws;
  }

  private async createWorkspace(index: number): Promise<{ id: string; name: string }> {
    const name = this.uniqueName(`ws${index}`);
    const res = await this.api.createWorkspace(name);
    const id = (res.json as { data?: { id?: unknown } } | undefined)?.data?.id;
    // The Workspaces API is outside the contract: any success with a document will do (201 is HCP's answer).
    if (res.status < 200 || res.status > 299 || typeof id !== 'string') throw new Inconclusive(`precondition: creating a workspace answered ${res.status}${res.status < 300 ? ' without a data.id' : ''}`);
    this.journal('create', { kind: 'workspace', id, name });
    return { id, name };
  }

  journal(op: 'create' | 'delete', r: Tracked): void {
    if (!this.config.journalPath) return;
    appendJournal(this.config.journalPath, {
      op,
      kind: r.kind,
      id: r.id,
      ...(r.name ? { name: r.name } : {}),
      ...(r.parent ? { parent: r.parent } : {}),
      organization: this.config.organization,
      address: this.config.address,
      runId: this.config.runId,
    });
  }

  /** Removes what a check created, newest first; a 404 means it is already gone. */
  async remove(resources: readonly Tracked[]): Promise<void> {
    for (const r of [...resources].reverse()) {
      try {
        const res =
          r.kind === 'task'
            ? await this.api.deleteTask(r.id)
            : r.kind === 'workspace'
              ? await this.api.deleteWorkspace(r.id)
              : await this.api.deleteWorkspaceTask(r.parent ?? '', r.id);
        if (res.status < 300 || res.status === 404) this.journal('delete', r);
      } catch {
        // left in the journal: `sweep` will find it
      }
    }
  }

  async teardown(): Promise<void> {
    const created = await Promise.allSettled([...this.workspaces.values()]);
    const workspaces = created.flatMap((r) => (r.status === 'fulfilled' ? [{ kind: 'workspace' as const, ...r.value }] : []));
    await this.remove(workspaces);
    if (this.receiverPromise) await (await this.receiverPromise).close();
  }

  /** Runs one check and says how it ended; removes what the check created, whatever happened. */
  async runCheck(check: CheckDefinition): Promise<CheckMeta> {
    this.transcript = [];
    const down = unreachable.get(this.config.address) ?? 0;
    if (down >= UNREACHABLE_AFTER) {
      return { id: check.id, outcome: 'inconclusive', message: `not run: the target stopped answering (${down} checks in a row could not reach it)` };
    }
    const before = this.api.client.stats();
    const requirement = requirementFor(check.id);
    const t = new CheckContext(this, requirement);
    let meta: CheckMeta;
    let transport = false;
    let judged: Exchange | undefined;
    try {
      await check.body(t);
      meta = { id: check.id, outcome: 'pass', message: '' };
    } catch (err) {
      judged = this.transcript.at(-1); // before the cleanup's requests join the transcript
      const cause = rootCause(err);
      transport = cause instanceof TransportError && cause.kind !== 'aborted';
      meta = { id: check.id, ...classify(err, requirement, this.config.strict) };
    } finally {
      // Cleanup against a target that no longer answers would only wait: the journal keeps the record.
      if (!transport) await this.remove(t.owned);
    }
    unreachable.set(this.config.address, transport ? down + 1 : 0);
    // A message may quote what a broken target echoed: it goes through the same redaction as transcripts.
    meta.message = this.api.client.redact(meta.message);
    if (meta.outcome !== 'pass') meta.transcript = [...this.transcript];
    if (judged && meta.outcome !== 'pass') meta.judged = judged;
    const after = this.api.client.stats();
    meta.stats = { requests: after.requests - before.requests, retries429: after.retries429 - before.retries429, waitedMs: after.waitedMs - before.waitedMs };
    return meta;
  }
}

/**
 * A target that stops answering mid-run must not cost every remaining check its timeouts: after this many
 * checks in a row end on a transport error, the rest of the run is inconclusive at once. Counted per target
 * address, across the suite files of one worker.
 */
const UNREACHABLE_AFTER = 3;
const unreachable = new Map<string, number>();

export type CheckDefinition = SharedCheckDefinition<CheckContext>;
export type SuiteDefinition = SharedSuiteDefinition<CheckContext>;
export type SuiteBuilder = SharedSuiteBuilder<CheckContext>;
export { directRegistry };

/** The API side's defineSuite: one Suite per suite file, bound to the run vitest provides (`rtc`). */
export const defineSuite: (name: string) => SuiteBuilder = suiteDefiner((name) => new Suite(name, inject('rtc')));
