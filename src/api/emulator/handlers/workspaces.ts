// Workspaces: enough of the real API to create (with the documented settings), find and remove the
// workspaces that run tasks are associated with, rendered as go-tfe reads them.
import { type Context, param, requireManage, roleIn, visibleOrganization, visibleWorkspace } from '../context.ts';
import { invalid, invalidOne, notFound } from '../errors.ts';
import { document, noContent } from '../http.ts';
import { pageItems, paginationLinks, paginationMeta, readPage } from '../pagination.ts';
import { renderWorkspace } from '../render.ts';
import type { Workspace } from '../store.ts';
import type { HookResponse } from '../types.ts';
import { readWorkspace } from '../validate-support.ts';

export function createWorkspace(ctx: Context): HookResponse {
  const organization = visibleOrganization(ctx, param(ctx, 'org'));
  requireManage(ctx, organization);
  const { name, settings, tagNames, issues } = readWorkspace(ctx.request.body);
  if (issues.length > 0 || name === undefined) throw invalid(issues);
  if (organization.workspacesByName.has(name)) throw invalidOne('/data/attributes/name', 'Name has already been taken');
  // Without an execution mode of its own, a workspace takes the organization's default.
  settings['execution-mode'] ??= organization.settings['default-execution-mode'] ?? 'remote';
  const workspace = ctx.store.createWorkspace(organization, name, settings, tagNames);
  return document(201, { data: renderWorkspace(workspace, roleIn(ctx, organization)) });
}

/** `search[name]` keeps the workspaces whose name contains it (case-sensitive substring). */
export function listWorkspaces(ctx: Context): HookResponse {
  const organization = visibleOrganization(ctx, param(ctx, 'org'));
  const search = ctx.request.query.get('search[name]') ?? '';
  const all = [...organization.workspaces.values()];
  const matching = search === '' ? all : all.filter((workspace) => workspace.name.includes(search));
  const page = readPage(ctx.request.query);
  const meta = paginationMeta(page, matching.length);
  const path = `/api/v2/organizations/${encodeURIComponent(organization.name)}/workspaces`;
  return document(200, {
    data: pageItems(matching, page).map((workspace) => renderWorkspace(workspace, roleIn(ctx, organization))),
    links: paginationLinks(ctx.origin, path, ctx.request.query, meta),
    meta: { pagination: meta },
  });
}

function workspaceByName(ctx: Context): Workspace {
  const organization = visibleOrganization(ctx, param(ctx, 'org'));
  const workspace = organization.workspacesByName.get(param(ctx, 'name'));
  if (!workspace) throw notFound();
  return workspace;
}

const workspaceById = (ctx: Context): Workspace => visibleWorkspace(ctx, param(ctx, 'workspace'));

const show =
  (find: (ctx: Context) => Workspace) =>
  (ctx: Context): HookResponse => {
    const workspace = find(ctx);
    return document(200, { data: renderWorkspace(workspace, roleIn(ctx, workspace.organization)) });
  };

/** Deleting a workspace removes its run task associations too (see Store.deleteWorkspace). */
const remove =
  (find: (ctx: Context) => Workspace) =>
  (ctx: Context): HookResponse => {
    const workspace = find(ctx);
    requireManage(ctx, workspace.organization);
    ctx.store.deleteWorkspace(workspace);
    return noContent();
  };

export const showWorkspaceByName = show(workspaceByName);
export const showWorkspace = show(workspaceById);
export const deleteWorkspaceByName = remove(workspaceByName);
export const deleteWorkspace = remove(workspaceById);
