// Records -> JSON:API resources. Pure functions: nothing here reads the request or the store.
import { badRequest } from './errors.ts';
import { entitlementAttributes, limitsOf } from './plans.ts';
import type { Organization, Task, Workspace, WorkspaceTask } from './store.ts';

export interface Resource {
  id: string;
  type: string;
  attributes: Record<string, unknown>;
  relationships?: Record<string, { data: unknown }>;
  links?: Record<string, string>;
}

const identifier = (id: string, type: string): { id: string; type: string } => ({ id, type });

const organizationRelationship = (organization: Organization): { data: { id: string; type: string } } => ({
  data: identifier(organization.name, 'organizations'),
});

export function renderTask(task: Task): Resource {
  const attributes: Record<string, unknown> = {
    'category': task.category,
    'name': task.name,
    'url': task.url,
    'description': task.description,
    'enabled': task.enabled,
    // Write-only: the key is stored for signing but never shown.
    'hmac-key': null,
  };
  // Only organizations entitled to global run tasks see the block at all (api-facts §4).
  if (limitsOf(task.organization.plan).globalRunTasks) {
    attributes['global-configuration'] = {
      'enabled': task.global.enabled,
      'stages': [...task.global.stages],
      'enforcement-level': task.global.enforcementLevel,
    };
  }
  attributes['created-at'] = task.createdAt;
  attributes['updated-at'] = task.updatedAt;
  return {
    id: task.id,
    type: 'tasks',
    attributes,
    relationships: {
      'organization': organizationRelationship(task.organization),
      'workspace-tasks': { data: [...task.workspaceTasks.keys()].map((id) => identifier(id, 'workspace-tasks')) },
    },
    links: { self: `/api/v2/tasks/${task.id}` },
  };
}

export function renderWorkspaceTask(association: WorkspaceTask): Resource {
  return {
    id: association.id,
    type: 'workspace-tasks',
    attributes: {
      'enforcement-level': association.enforcementLevel,
      // The deprecated single stage mirrors the first of `stages` (api-facts §3).
      'stage': association.stages[0] ?? null,
      'stages': [...association.stages],
      'created-at': association.createdAt,
      'updated-at': association.updatedAt,
    },
    relationships: {
      task: { data: identifier(association.task.id, 'tasks') },
      workspace: { data: identifier(association.workspace.id, 'workspaces') },
    },
    links: { self: `/api/v2/workspaces/${association.workspace.id}/tasks/${association.id}` },
  };
}

export function renderWorkspace(workspace: Workspace): Resource {
  return {
    id: workspace.id,
    type: 'workspaces',
    attributes: { 'name': workspace.name, 'created-at': workspace.createdAt, 'updated-at': workspace.updatedAt },
    relationships: { organization: organizationRelationship(workspace.organization) },
    links: { self: `/api/v2/organizations/${workspace.organization.name}/workspaces/${workspace.name}` },
  };
}

export function renderOrganization(organization: Organization, canManage: boolean): Resource {
  return {
    id: organization.name,
    type: 'organizations',
    attributes: {
      'name': organization.name,
      'external-id': organization.externalId,
      'created-at': organization.createdAt,
      'email': `owner@${organization.name}.invalid`,
      'permissions': {
        'can-update': canManage,
        'can-destroy': canManage,
        'can-manage-run-tasks': canManage,
        'can-create-workspace': canManage,
      },
    },
    relationships: { 'entitlement-set': { data: identifier(organization.externalId, 'entitlement-sets') } },
    links: { self: `/api/v2/organizations/${organization.name}` },
  };
}

export function renderEntitlementSet(organization: Organization): Resource {
  return {
    id: organization.externalId,
    type: 'entitlement-sets',
    attributes: entitlementAttributes(organization.plan),
    links: { self: `/api/v2/entitlement-sets/${organization.externalId}` },
  };
}

export const INCLUDE_WORKSPACE_TASKS = 'workspace_tasks';
export const INCLUDE_WORKSPACES = 'workspace_tasks.workspace';
const INCLUDABLE = [INCLUDE_WORKSPACE_TASKS, INCLUDE_WORKSPACES];

/** The `include` query of the task endpoints; an unknown value is a 400 naming the parameter. */
export function readInclude(query: URLSearchParams): Set<string> {
  const raw = query.get('include');
  if (raw === null || raw === '') return new Set();
  const values = raw.split(',').map((value) => value.trim());
  const unknown = values.find((value) => !INCLUDABLE.includes(value));
  if (unknown !== undefined) {
    throw badRequest(`Invalid include parameter: "${unknown}" is not one of ${INCLUDABLE.join(', ')}.`);
  }
  return new Set(values);
}

/**
 * The `included` array for `tasks`: their workspace tasks, and with `workspace_tasks.workspace` also
 * those workspaces (a nested path includes its intermediate resources too). Each resource once.
 */
export function renderIncluded(tasks: Task[], include: Set<string>): Resource[] {
  const withWorkspaces = include.has(INCLUDE_WORKSPACES);
  const seen = new Set<string>();
  const included: Resource[] = [];
  const add = (key: string, make: () => Resource): void => {
    if (seen.has(key)) return;
    seen.add(key);
    included.push(make());
  };
  for (const task of tasks) {
    for (const association of task.workspaceTasks.values()) {
      add(association.id, () => renderWorkspaceTask(association));
      if (withWorkspaces) add(association.workspace.id, () => renderWorkspace(association.workspace));
    }
  }
  return included;
}
