// Workspace run tasks (associations): /workspaces/:workspace/tasks[/:id].
import { type Context, param, requireManage, visibleAssociation, visibleWorkspace } from '../context.ts';
import { invalid, invalidOne, notFound } from '../errors.ts';
import { document, noContent } from '../http.ts';
import { pageItems, paginationLinks, paginationMeta, readPage } from '../pagination.ts';
import { limitsOf } from '../plans.ts';
import { renderWorkspaceTask } from '../render.ts';
import type { Organization, Task, Workspace } from '../store.ts';
import type { HookResponse } from '../types.ts';
import { readAssociation, readAssociationChanges } from '../validate.ts';

const TASK_POINTER = '/data/relationships/task';

/** The task may join this workspace: not yet associated, within the plan's limit. */
function assertAssociable(ctx: Context, task: Task, workspace: Workspace): void {
  if (ctx.store.findAssociation(task, workspace)) {
    throw invalidOne(TASK_POINTER, 'This run task is already associated with the workspace.');
  }
  const limit = limitsOf(workspace.organization.plan).runTaskWorkspaceLimit;
  if (limit !== null && task.workspaceTasks.size >= limit) {
    throw invalidOne('/data', `The run task has reached its workspace limit (${limit}); remove it from a workspace or upgrade the plan.`);
  }
}

function mandatoryAssociations(organization: Organization): number {
  let count = 0;
  for (const workspace of organization.workspaces.values()) {
    for (const association of workspace.workspaceTasks.values()) if (association.enforcementLevel === 'mandatory') count += 1;
  }
  return count;
}

/** One more mandatory association must stay within run-task-mandatory-enforcement-limit. */
function assertMandatoryAllowed(organization: Organization): void {
  const limit = limitsOf(organization.plan).runTaskMandatoryEnforcementLimit;
  if (limit !== null && mandatoryAssociations(organization) >= limit) {
    throw invalidOne(
      '/data/attributes/enforcement-level',
      `The organization has reached its limit of mandatory run tasks (${limit}); use advisory or upgrade the plan.`,
    );
  }
}

/** 201 with the document: the page's "204 No Content" is an erratum (api-facts §10.1). */
export function associate(ctx: Context): HookResponse {
  const workspace = visibleWorkspace(ctx, param(ctx, 'workspace'));
  requireManage(ctx, workspace.organization);
  const read = readAssociation(ctx.request.body);
  if (read.issues.length > 0 || !read.taskId || !read.enforcementLevel || !read.stages) throw invalid(read.issues);
  // Another organization's task is "not found", as an absent one: the API hides existence (api-facts §1).
  const task = ctx.store.tasks.get(read.taskId);
  if (!task || task.organization !== workspace.organization) throw notFound();
  assertAssociable(ctx, task, workspace);
  if (read.enforcementLevel === 'mandatory') assertMandatoryAllowed(workspace.organization);
  const association = ctx.store.associate(task, workspace, read.enforcementLevel, read.stages);
  return document(201, { data: renderWorkspaceTask(association) });
}

export function listAssociations(ctx: Context): HookResponse {
  const workspace = visibleWorkspace(ctx, param(ctx, 'workspace'));
  const page = readPage(ctx.request.query);
  const meta = paginationMeta(page, workspace.workspaceTasks.size);
  const path = `/api/v2/workspaces/${encodeURIComponent(workspace.id)}/tasks`;
  return document(200, {
    data: pageItems(workspace.workspaceTasks.values(), page).map(renderWorkspaceTask),
    links: paginationLinks(ctx.origin, path, ctx.request.query, meta),
    meta: { pagination: meta },
  });
}

export function showAssociation(ctx: Context): HookResponse {
  const workspace = visibleWorkspace(ctx, param(ctx, 'workspace'));
  return document(200, { data: renderWorkspaceTask(visibleAssociation(ctx, workspace, param(ctx, 'id'))) });
}

export function updateAssociation(ctx: Context): HookResponse {
  const workspace = visibleWorkspace(ctx, param(ctx, 'workspace'));
  const association = visibleAssociation(ctx, workspace, param(ctx, 'id'));
  requireManage(ctx, workspace.organization);
  const { changes, issues } = readAssociationChanges(ctx.request.body);
  if (issues.length > 0) throw invalid(issues);
  if (changes.enforcementLevel === 'mandatory' && association.enforcementLevel !== 'mandatory') assertMandatoryAllowed(workspace.organization);
  ctx.store.updateAssociation(association, changes);
  return document(200, { data: renderWorkspaceTask(association) });
}

export function dissociate(ctx: Context): HookResponse {
  const workspace = visibleWorkspace(ctx, param(ctx, 'workspace'));
  const association = visibleAssociation(ctx, workspace, param(ctx, 'id'));
  requireManage(ctx, workspace.organization);
  ctx.store.dissociate(association);
  return noContent();
}
