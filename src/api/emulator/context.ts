// What a handler sees, and the visibility rules every handler applies. Anything the token may not
// see answers 404, exactly like something absent: the real API hides existence (api-facts §1).
import { notFound } from './errors.ts';
import type { Organization, Store, Task, Workspace, WorkspaceTask } from './store.ts';
import type { HookRequest, HookResponse, ResolvedOptions } from './types.ts';

export interface Principal {
  organization: Organization;
  /** Holds Manage Run Tasks / Manage Workspace Run Tasks (and may manage workspaces). */
  canManage: boolean;
}

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

export function visibleOrganization(ctx: Context, name: string): Organization {
  const organization = ctx.store.organizations.get(name);
  if (!organization || organization !== ctx.principal.organization) throw notFound();
  return organization;
}

export function visibleTask(ctx: Context, id: string): Task {
  const task = ctx.store.tasks.get(id);
  if (!task || task.organization !== ctx.principal.organization) throw notFound();
  return task;
}

export function visibleWorkspace(ctx: Context, id: string): Workspace {
  const workspace = ctx.store.workspaces.get(id);
  if (!workspace || workspace.organization !== ctx.principal.organization) throw notFound();
  return workspace;
}

/** A workspace task is reachable only through its own workspace. */
export function visibleAssociation(ctx: Context, workspace: Workspace, id: string): WorkspaceTask {
  const association = workspace.workspaceTasks.get(id);
  if (!association) throw notFound();
  return association;
}

/** Writes without the permission look like writes to something absent. */
export function requireManage(ctx: Context): void {
  if (!ctx.principal.canManage) throw notFound();
}
