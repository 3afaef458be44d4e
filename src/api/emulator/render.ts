// Records -> JSON:API resources. Pure functions: nothing here reads the request or the store.
import { badRequest } from './errors.ts';
import { entitlementAttributes, limitsOf, planIdentifier } from './plans.ts';
import { ORGANIZATION_SETTINGS, WORKSPACE_SETTINGS, withDefaults } from './settings.ts';
import type { Organization, Role, Subscription, Task, Workspace, WorkspaceTask } from './store.ts';

export interface Resource {
  id: string;
  type: string;
  attributes: Record<string, unknown>;
  relationships?: Record<string, { data?: unknown; links?: Record<string, string> }>;
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
      // No agent pool exists in the emulator, so no task can name one (see handlers/tasks.ts).
      'agent-pool': { data: null },
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

/** Flags every member holds, and flags only an owner holds (the restricted member writes nothing). */
interface PermissionFlags {
  read: readonly string[];
  write: readonly string[];
}

// The flags of the "permissions" objects in the HCP Terraform organization and workspace samples.
const ORGANIZATION_PERMISSIONS: PermissionFlags = {
  read: ['can-access-via-teams', 'can-traverse', 'can-read-run-tasks', 'can-read-varsets'],
  write: [
    'can-update', 'can-destroy', 'can-create-module', 'can-create-team', 'can-create-workspace', 'can-manage-users',
    'can-manage-subscription', 'can-manage-sso', 'can-update-oauth', 'can-update-sentinel', 'can-update-ssh-keys',
    'can-update-api-token', 'can-start-trial', 'can-update-agent-pools', 'can-manage-tags', 'can-manage-varsets',
    'can-manage-public-providers', 'can-create-provider', 'can-manage-public-modules', 'can-manage-custom-providers',
    'can-manage-run-tasks', 'can-create-project', 'can-manage-auditing', 'can-create-workspace-migration',
    'can-deploy-no-code-modules', 'can-manage-no-code-modules',
  ],
};

const WORKSPACE_PERMISSIONS: PermissionFlags = {
  read: ['can-read-variable', 'can-read-state-versions', 'can-read-state-outputs', 'can-read-settings', 'can-read-assessment-results'],
  write: [
    'can-update', 'can-destroy', 'can-queue-run', 'can-update-variable', 'can-create-state-versions', 'can-queue-apply',
    'can-lock', 'can-unlock', 'can-force-unlock', 'can-manage-tags', 'can-manage-run-tasks', 'can-force-delete',
    'can-manage-assessments', 'can-queue-destroy',
  ],
};

function permissions(flags: PermissionFlags, role: Role | undefined): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const flag of flags.read) out[flag] = role !== undefined;
  for (const flag of flags.write) out[flag] = role === 'owner';
  return out;
}

/**
 * A workspace as go-tfe reads it: every create setting (given or default), the viewer's permissions,
 * the computed attributes of the HCP Terraform sample. Rendering is the same for create and every
 * read, so a client comparing the two finds them equal.
 */
export function renderWorkspace(workspace: Workspace, role: Role | undefined): Resource {
  const { organization } = workspace;
  const settings = withDefaults(WORKSPACE_SETTINGS, workspace.settings);
  const self = `/api/v2/organizations/${organization.name}/workspaces/${workspace.name}`;
  return {
    id: workspace.id,
    type: 'workspaces',
    attributes: {
      'name': workspace.name,
      ...settings,
      'operations': settings['execution-mode'] !== 'local',
      'environment': 'default',
      'locked': false,
      'locked-reason': '',
      'resource-count': 0,
      'source': 'tfe-api',
      'tag-names': [...workspace.tagNames],
      'vcs-repo': null,
      'vcs-repo-identifier': null,
      'can-queue-destroy-plan': settings['allow-destroy-plan'],
      'permissions': permissions(WORKSPACE_PERMISSIONS, role),
      'actions': { 'is-destroyable': true },
      'created-at': workspace.createdAt,
      'updated-at': workspace.updatedAt,
      'latest-change-at': workspace.updatedAt,
    },
    relationships: {
      'organization': organizationRelationship(organization),
      'project': { data: identifier(organization.defaultProjectId, 'projects') },
      'agent-pool': { data: null },
      'current-run': { data: null },
      'current-state-version': { data: null },
      'current-configuration-version': { data: null },
      'outputs': { data: [] },
    },
    links: { 'self': self, 'self-html': `/app/${organization.name}/workspaces/${workspace.name}` },
  };
}

export function renderOrganization(organization: Organization, role: Role | undefined): Resource {
  const related = (what: string): { related: string } => ({ related: `/api/v2/organizations/${organization.name}/${what}` });
  return {
    id: organization.name,
    type: 'organizations',
    attributes: {
      'name': organization.name,
      'external-id': organization.externalId,
      'created-at': organization.createdAt,
      'email': organization.email,
      ...withDefaults(ORGANIZATION_SETTINGS, organization.settings),
      'plan-expired': false,
      'plan-expires-at': null,
      'plan-is-trial': organization.plan === 'trial',
      'plan-is-enterprise': false,
      'plan-identifier': planIdentifier(organization.plan),
      'fair-run-queuing-enabled': true,
      'saml-enabled': false,
      'two-factor-conformant': false,
      'permissions': permissions(ORGANIZATION_PERMISSIONS, role),
    },
    relationships: {
      'entitlement-set': { data: identifier(organization.externalId, 'entitlement-sets'), links: related('entitlement-set') },
      'default-project': { data: identifier(organization.defaultProjectId, 'projects') },
      'default-agent-pool': { data: null },
      'subscription': { links: related('subscription') },
    },
    links: { self: `/api/v2/organizations/${organization.name}` },
  };
}

/** The subscription the admin endpoint set, with its organization and feature set. */
export function renderSubscription(organization: Organization, subscription: Subscription, featureSetId: string): Resource {
  return {
    id: subscription.id,
    type: 'subscriptions',
    attributes: {
      ...subscription.attributes,
      'is-active': true,
      'start-at': subscription.createdAt,
      'end-at': null,
      'is-public-free-tier': organization.plan === 'free',
      'is-self-serve-trial': organization.plan === 'trial',
    },
    relationships: {
      'organization': organizationRelationship(organization),
      'feature-set': { data: identifier(featureSetId, 'feature-sets') },
    },
    links: { self: `/api/v2/subscriptions/${subscription.id}` },
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
export function renderIncluded(tasks: Task[], include: Set<string>, role: Role | undefined): Resource[] {
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
      if (withWorkspaces) add(association.workspace.id, () => renderWorkspace(association.workspace, role));
    }
  }
  return included;
}
