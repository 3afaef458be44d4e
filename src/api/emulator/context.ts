// What a handler sees, and the visibility rules every handler applies. Anything the token may not
// see answers 404, exactly like something absent: the real API hides existence (api-facts §1).
import { notFound } from './errors.ts';
import type { Organization, Principal, Role, Store, Task, Workspace, WorkspaceTask } from './store.ts';
import type { HookRequest, HookResponse, ResolvedOptions } from './types.ts';

export type { Principal, Role };

export interface Context {
  request: HookRequest;
  params: Record<string, string>;
  principal: Principal;
  store: Store;
  options: ResolvedOptions;
  /** http://<Host header>, for absolute pagination links. */
  origin: string;
}

export type Handler = (ctx: Context) => HookResponse | Promise<HookResponse>;

/** Path parameter `name`; the router guarantees that every declared parameter is present. */
export const param = (ctx: Context, name: string): string => ctx.params[name] ?? '';

/** The principal's role in `organization`; undefined when it is not a member. */
export const roleIn = (ctx: Context, organization: Organization): Role | undefined => organization.members.get(ctx.principal);

/** Holds Manage Run Tasks / Manage Workspace Run Tasks (and may manage workspaces) in `organization`. */
export const canManage = (ctx: Context, organization: Organization): boolean => roleIn(ctx, organization) === 'owner';

const visible = (ctx: Context, organization: Organization | undefined): organization is Organization =>
  organization !== undefined && roleIn(ctx, organization) !== undefined;

export function visibleOrganization(ctx: Context, name: string): Organization {
  const organization = ctx.store.organizations.get(name);
  if (!visible(ctx, organization)) throw notFound();
  return organization;
}

export function visibleTask(ctx: Context, id: string): Task {
  const task = ctx.store.tasks.get(id);
  if (!task || !visible(ctx, task.organization)) throw notFound();
  return task;
}

export function visibleWorkspace(ctx: Context, id: string): Workspace {
  const workspace = ctx.store.workspaces.get(id);
  if (!workspace || !visible(ctx, workspace.organization)) throw notFound();
  return workspace;
}

/** A workspace task is reachable only through its own workspace. */
export function visibleAssociation(ctx: Context, workspace: Workspace, id: string): WorkspaceTask {
  const association = workspace.workspaceTasks.get(id);
  if (!association) throw notFound();
  return association;
}

/** Writes without the permission look like writes to something absent. */
export function requireManage(ctx: Context, organization: Organization): void {
  if (!canManage(ctx, organization)) throw notFound();
}

/** The admin endpoints do not exist for anyone but a site administrator. */
export function requireAdmin(ctx: Context): void {
  if (!ctx.principal.admin) throw notFound();
}
