// Every route the target serves, under /api/v2. Anything else is a 404.
import * as admin from './handlers/admin.ts';
import * as organizations from './handlers/organizations.ts';
import * as tasks from './handlers/tasks.ts';
import * as workspaceTasks from './handlers/workspace-tasks.ts';
import * as workspaces from './handlers/workspaces.ts';
import { type Route, route } from './router.ts';

export const ROUTES: Route[] = [
  // The ten documented run task endpoints.
  route('POST', 'organizations/:org/tasks', tasks.createTask),
  route('GET', 'organizations/:org/tasks', tasks.listTasks),
  route('GET', 'tasks/:id', tasks.showTask),
  route('PATCH', 'tasks/:id', tasks.updateTask),
  route('DELETE', 'tasks/:id', tasks.deleteTask),
  route('POST', 'workspaces/:workspace/tasks', workspaceTasks.associate),
  route('GET', 'workspaces/:workspace/tasks', workspaceTasks.listAssociations),
  route('GET', 'workspaces/:workspace/tasks/:id', workspaceTasks.showAssociation),
  route('PATCH', 'workspaces/:workspace/tasks/:id', workspaceTasks.updateAssociation),
  route('DELETE', 'workspaces/:workspace/tasks/:id', workspaceTasks.dissociate),
  // What a checker, or a client's own test suite, needs around them.
  route('POST', 'organizations', organizations.createOrganization),
  route('GET', 'organizations/:org', organizations.showOrganization),
  route('DELETE', 'organizations/:org', organizations.deleteOrganization),
  route('GET', 'organizations/:org/entitlement-set', organizations.showEntitlementSet),
  route('GET', 'organizations/:org/workspaces', workspaces.listWorkspaces),
  route('POST', 'organizations/:org/workspaces', workspaces.createWorkspace),
  route('GET', 'organizations/:org/workspaces/:name', workspaces.showWorkspaceByName),
  route('DELETE', 'organizations/:org/workspaces/:name', workspaces.deleteWorkspaceByName),
  route('GET', 'workspaces/:workspace', workspaces.showWorkspace),
  route('DELETE', 'workspaces/:workspace', workspaces.deleteWorkspace),
  // Plans, behind the admin token (go-tfe's subscription updater).
  route('GET', 'admin/feature-sets', admin.listFeatureSets),
  route('POST', 'admin/organizations/:org/subscription', admin.setSubscription),
];
