// Organization run tasks: /organizations/:org/tasks and /tasks/:id.
import { type Context, param, requireManage, roleIn, visibleOrganization, visibleTask } from '../context.ts';
import { type Issue, invalid, invalidOne, notFound } from '../errors.ts';
import { document, noContent } from '../http.ts';
import { pageItems, paginationLinks, paginationMeta, readPage } from '../pagination.ts';
import { limitsOf } from '../plans.ts';
import { readInclude, renderIncluded, renderTask } from '../render.ts';
import type { Organization, TaskChanges, TaskFields } from '../store.ts';
import type { HookResponse } from '../types.ts';
import { readTask } from '../validate.ts';
import { AGENT_POOL_POINTER, readAgentPool } from '../validate-support.ts';
import { verifyUrl } from '../verify.ts';

/** Create defaults from the docs' table: enabled true, no key, global configuration off. */
function taskFields(changes: TaskChanges): TaskFields {
  return {
    name: changes.name ?? '',
    url: changes.url ?? '',
    category: changes.category ?? 'task',
    description: changes.description ?? '',
    hmacKey: changes.hmacKey ?? '',
    enabled: changes.enabled ?? true,
    global: {
      enabled: changes.global?.enabled ?? false,
      stages: changes.global?.stages ?? [],
      enforcementLevel: changes.global?.enforcementLevel ?? null,
    },
  };
}

function assertTaskLimit(organization: Organization): void {
  const limit = limitsOf(organization.plan).runTaskLimit;
  if (limit !== null && organization.tasks.size >= limit) {
    throw invalidOne('/data', `The organization has reached its run task limit (${limit}); delete a run task or upgrade the plan.`);
  }
}

/**
 * A task may name an agent pool only where `private-run-tasks` is entitled, and only one that exists.
 * None exists in the emulator, so a named pool is always refused; go-tfe's tests look for this text.
 */
function agentPoolIssues(ctx: Context, organization: Organization): Issue[] {
  const { poolId, issues } = readAgentPool(ctx.request.body);
  if (issues.length > 0 || poolId === undefined || poolId === null) return issues;
  const detail = limitsOf(organization.plan).privateRunTasks
    ? 'The provided agent pool does not exist'
    : 'The organization is not entitled to private run tasks (private-run-tasks), so a task cannot use an agent pool';
  return [{ pointer: AGENT_POOL_POINTER, detail }];
}

async function verifyOrRefuse(ctx: Context, url: string, hmacKey: string, organization: Organization): Promise<void> {
  if (!ctx.options.verifyUrls) return;
  const reason = await verifyUrl(url, hmacKey, organization.name, ctx.options.verifyTimeoutMs);
  if (reason !== undefined) throw invalidOne('/data/attributes/url', `The URL could not be verified: ${reason}.`);
}

/**
 * Task names are NOT required to be unique. The docs are silent and the real behaviour is unknown
 * (api-facts §13); ids identify tasks, so we accept duplicates rather than invent an error.
 */
export async function createTask(ctx: Context): Promise<HookResponse> {
  const organization = visibleOrganization(ctx, param(ctx, 'org'));
  requireManage(ctx, organization);
  const { changes, issues } = readTask(ctx.request.body, 'create', limitsOf(organization.plan).globalRunTasks);
  issues.push(...agentPoolIssues(ctx, organization));
  if (issues.length > 0) throw invalid(issues);
  const fields = taskFields(changes);
  assertTaskLimit(organization);
  await verifyOrRefuse(ctx, fields.url, fields.hmacKey, organization);
  assertTaskLimit(organization); // another create may have completed while the URL was being verified
  return document(201, { data: renderTask(ctx.store.createTask(organization, fields)) });
}

export function listTasks(ctx: Context): HookResponse {
  const organization = visibleOrganization(ctx, param(ctx, 'org'));
  const include = readInclude(ctx.request.query);
  const page = readPage(ctx.request.query);
  const meta = paginationMeta(page, organization.tasks.size);
  const tasks = pageItems(organization.tasks.values(), page);
  const path = `/api/v2/organizations/${encodeURIComponent(organization.name)}/tasks`;
  return document(200, {
    data: tasks.map(renderTask),
    ...(include.size > 0 ? { included: renderIncluded(tasks, include, roleIn(ctx, organization)) } : {}),
    links: paginationLinks(ctx.origin, path, ctx.request.query, meta),
    meta: { pagination: meta },
  });
}

export function showTask(ctx: Context): HookResponse {
  const task = visibleTask(ctx, param(ctx, 'id'));
  const include = readInclude(ctx.request.query);
  return document(200, {
    data: renderTask(task),
    ...(include.size > 0 ? { included: renderIncluded([task], include, roleIn(ctx, task.organization)) } : {}),
  });
}

/** Every update is verified again, with the new URL and the new (or kept) key. */
export async function updateTask(ctx: Context): Promise<HookResponse> {
  const task = visibleTask(ctx, param(ctx, 'id'));
  requireManage(ctx, task.organization);
  const { changes, issues } = readTask(ctx.request.body, 'update', limitsOf(task.organization.plan).globalRunTasks);
  issues.push(...agentPoolIssues(ctx, task.organization));
  if (issues.length > 0) throw invalid(issues);
  await verifyOrRefuse(ctx, changes.url ?? task.url, changes.hmacKey ?? task.hmacKey, task.organization);
  if (ctx.store.tasks.get(task.id) !== task) throw notFound(); // deleted while the URL was being verified
  ctx.store.updateTask(task, changes);
  return document(200, { data: renderTask(task) });
}

export function deleteTask(ctx: Context): HookResponse {
  const task = visibleTask(ctx, param(ctx, 'id'));
  requireManage(ctx, task.organization);
  ctx.store.deleteTask(task);
  return noContent();
}
