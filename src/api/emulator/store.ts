// The in-memory world. Records hold direct references to each other, and every collection is a Map:
// lookups by id are O(1), and Map iteration order is insertion order, which gives lists their
// stable creation order for free.
import { type IdPrefix, newId } from './ids.ts';
import type { Plan } from './types.ts';

/** Whoever holds a token: a user, who may belong to several organizations. */
export interface Principal {
  name: string;
  /** A site administrator: the only principal the /admin endpoints answer. */
  admin: boolean;
}

/** An owner may do everything; a member may read but holds no run-task or workspace permission. */
export type Role = 'owner' | 'member';

/** The plan set through the admin subscription endpoint, with the attributes it was given. */
export interface Subscription {
  id: string;
  attributes: Record<string, unknown>;
  createdAt: string;
}

export interface Organization {
  name: string;
  /** The org-... id of its entitlement set. */
  externalId: string;
  plan: Plan;
  email: string;
  /** Settings given on create (cost-estimation-enabled, session-timeout, ...), rendered over the defaults. */
  settings: Record<string, unknown>;
  defaultProjectId: string;
  createdAt: string;
  members: Map<Principal, Role>;
  subscription?: Subscription;
  tasks: Map<string, Task>;
  workspaces: Map<string, Workspace>;
  workspacesByName: Map<string, Workspace>;
}

export interface GlobalConfiguration {
  enabled: boolean;
  stages: string[];
  enforcementLevel: string | null;
}

export interface Task extends TaskFields {
  id: string;
  organization: Organization;
  createdAt: string;
  updatedAt: string;
  workspaceTasks: Map<string, WorkspaceTask>;
}

export interface Workspace {
  id: string;
  organization: Organization;
  name: string;
  /** Attributes given on create (auto-apply, description, ...), rendered over the defaults. */
  settings: Record<string, unknown>;
  tagNames: string[];
  createdAt: string;
  updatedAt: string;
  workspaceTasks: Map<string, WorkspaceTask>;
}

export interface WorkspaceTask {
  id: string;
  task: Task;
  workspace: Workspace;
  enforcementLevel: string;
  stages: string[];
  createdAt: string;
  updatedAt: string;
}

export interface TaskFields {
  name: string;
  url: string;
  description: string;
  category: string;
  /** '' means no key. Never rendered. */
  hmacKey: string;
  enabled: boolean;
  global: GlobalConfiguration;
}

export interface TaskChanges extends Partial<Omit<TaskFields, 'global'>> {
  global?: Partial<GlobalConfiguration>;
}

export interface WorkspaceTaskChanges {
  enforcementLevel?: string;
  stages?: string[];
}

const now = (): string => new Date().toISOString();

/** An id not yet used in `map` (a collision is astronomically unlikely, but cheap to rule out). */
function freshId<T>(prefix: IdPrefix, map: Map<string, T>): string {
  let id = newId(prefix);
  while (map.has(id)) id = newId(prefix);
  return id;
}

export class Store {
  readonly organizations = new Map<string, Organization>();
  readonly tasks = new Map<string, Task>();
  readonly workspaces = new Map<string, Workspace>();
  readonly workspaceTasks = new Map<string, WorkspaceTask>();
  private readonly externalIds = new Map<string, Organization>();

  addOrganization(name: string, plan: Plan, email: string, settings: Record<string, unknown> = {}): Organization {
    const org: Organization = {
      name,
      externalId: freshId('org', this.externalIds),
      plan,
      email,
      settings,
      defaultProjectId: newId('prj'),
      createdAt: now(),
      members: new Map(),
      tasks: new Map(),
      workspaces: new Map(),
      workspacesByName: new Map(),
    };
    this.externalIds.set(org.externalId, org);
    this.organizations.set(name, org);
    return org;
  }

  /** Deleting an organization deletes everything in it; its members simply lose it. */
  deleteOrganization(org: Organization): void {
    for (const task of [...org.tasks.values()]) this.deleteTask(task);
    for (const workspace of [...org.workspaces.values()]) this.deleteWorkspace(workspace);
    this.externalIds.delete(org.externalId);
    this.organizations.delete(org.name);
  }

  createTask(organization: Organization, fields: TaskFields): Task {
    const at = now();
    const task: Task = {
      id: freshId('task', this.tasks),
      organization,
      ...fields,
      global: { ...fields.global, stages: [...fields.global.stages] },
      createdAt: at,
      updatedAt: at,
      workspaceTasks: new Map(),
    };
    this.tasks.set(task.id, task);
    organization.tasks.set(task.id, task);
    return task;
  }

  /** Applies only the members present in `changes`; the rest keep their values. */
  updateTask(task: Task, changes: TaskChanges): void {
    const { global, ...plain } = changes;
    for (const [key, value] of Object.entries(plain) as [keyof typeof plain, unknown][]) {
      if (value !== undefined) Object.assign(task, { [key]: value });
    }
    if (global) {
      if (global.enabled !== undefined) task.global.enabled = global.enabled;
      if (global.stages !== undefined) task.global.stages = [...global.stages];
      if (global.enforcementLevel !== undefined) task.global.enforcementLevel = global.enforcementLevel;
    }
    task.updatedAt = now();
  }

  /**
   * Deleting a task also deletes its workspace associations. The UI refuses to delete a task that is
   * still associated, but what the API does is undocumented (api-facts §6 gap); we cascade so that no
   * association is ever left pointing at a missing task.
   */
  deleteTask(task: Task): void {
    for (const association of [...task.workspaceTasks.values()]) this.dissociate(association);
    this.tasks.delete(task.id);
    task.organization.tasks.delete(task.id);
  }

  createWorkspace(organization: Organization, name: string, settings: Record<string, unknown> = {}, tagNames: string[] = []): Workspace {
    const at = now();
    const workspace: Workspace = {
      id: freshId('ws', this.workspaces),
      organization,
      name,
      settings,
      tagNames,
      createdAt: at,
      updatedAt: at,
      workspaceTasks: new Map(),
    };
    this.workspaces.set(workspace.id, workspace);
    organization.workspaces.set(workspace.id, workspace);
    organization.workspacesByName.set(name, workspace);
    return workspace;
  }

  /** Deleting a workspace deletes its associations (a task outlives the workspaces it ran on). */
  deleteWorkspace(workspace: Workspace): void {
    for (const association of [...workspace.workspaceTasks.values()]) this.dissociate(association);
    this.workspaces.delete(workspace.id);
    workspace.organization.workspaces.delete(workspace.id);
    workspace.organization.workspacesByName.delete(workspace.name);
  }

  associate(task: Task, workspace: Workspace, enforcementLevel: string, stages: string[]): WorkspaceTask {
    const at = now();
    const association: WorkspaceTask = {
      id: freshId('wstask', this.workspaceTasks),
      task,
      workspace,
      enforcementLevel,
      stages: [...stages],
      createdAt: at,
      updatedAt: at,
    };
    this.workspaceTasks.set(association.id, association);
    task.workspaceTasks.set(association.id, association);
    workspace.workspaceTasks.set(association.id, association);
    return association;
  }

  updateAssociation(association: WorkspaceTask, changes: WorkspaceTaskChanges): void {
    if (changes.enforcementLevel !== undefined) association.enforcementLevel = changes.enforcementLevel;
    if (changes.stages !== undefined) association.stages = [...changes.stages];
    association.updatedAt = now();
  }

  dissociate(association: WorkspaceTask): void {
    this.workspaceTasks.delete(association.id);
    association.task.workspaceTasks.delete(association.id);
    association.workspace.workspaceTasks.delete(association.id);
  }

  /** The association of `task` with `workspace`, if there is one. */
  findAssociation(task: Task, workspace: Workspace): WorkspaceTask | undefined {
    // Iterate the smaller side: a workspace usually has few tasks, a task may have many workspaces.
    const side = workspace.workspaceTasks.size <= task.workspaceTasks.size ? workspace : task;
    for (const association of side.workspaceTasks.values()) {
      if (association.task === task && association.workspace === workspace) return association;
    }
    return undefined;
  }
}
