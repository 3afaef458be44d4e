// Workspaces: just enough of the real API to create, find and remove the workspaces that run
// tasks are associated with.
import { type Context, param, requireManage, visibleOrganization, visibleWorkspace } from '../context.ts';
import { invalid, invalidOne, notFound } from '../errors.ts';
import { document, noContent } from '../http.ts';
import { pageItems, paginationLinks, paginationMeta, readPage } from '../pagination.ts';
import { renderWorkspace } from '../render.ts';
import type { Workspace } from '../store.ts';
import type { HookResponse } from '../types.ts';
import { readWorkspace } from '../validate.ts';

export function createWorkspace(ctx: Context): HookResponse {
  const organization = visibleOrganization(ctx, param(ctx, 'org'));
  requireManage(ctx);
  const { name, issues } = readWorkspace(ctx.request.body);
  if (issues.length > 0 || name === undefined) throw invalid(issues);
  if (organization.workspacesByName.has(name)) throw invalidOne('/data/attributes/name', 'Name has already been taken');
  return document(201, { data: renderWorkspace(ctx.store.createWorkspace(organization, name)) });
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
    data: pageItems(matching, page).map(renderWorkspace),
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
  (ctx: Context): HookResponse =>
    document(200, { data: renderWorkspace(find(ctx)) });

/** Deleting a workspace removes its run task associations too (see Store.deleteWorkspace). */
const remove =
  (find: (ctx: Context) => Workspace) =>
  (ctx: Context): HookResponse => {
    const workspace = find(ctx);
    requireManage(ctx);
    ctx.store.deleteWorkspace(workspace);
    return noContent();
  };

export const showWorkspaceByName = show(workspaceByName);
export const showWorkspace = show(workspaceById);
export const deleteWorkspaceByName = remove(workspaceByName);
export const deleteWorkspace = remove(workspaceById);
