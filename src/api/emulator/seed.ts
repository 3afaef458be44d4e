// The starting world: the owner's organization (no tasks, no workspaces) and a foreign organization
// holding one task and one workspace, so checks can prove that foreign resources stay invisible.
import type { Principal } from './context.ts';
import type { Store } from './store.ts';
import type { ResolvedOptions } from './types.ts';

export interface Seeds {
  foreignTaskId: string;
  foreignWorkspaceId: string;
}

export function seed(store: Store, options: ResolvedOptions): { seeds: Seeds; tokens: Map<string, Principal> } {
  const own = store.addOrganization(options.organization, options.plan);
  // The foreign organization is always on the business plan: its plan is never what a check is about.
  const foreign = store.addOrganization(options.foreignOrganization, 'business');
  const task = store.createTask(foreign, {
    name: 'rtc-foreign-task',
    url: 'https://foreign.invalid/run-task',
    description: 'Belongs to the foreign organization',
    category: 'task',
    hmacKey: 'foreign-secret',
    enabled: true,
    global: { enabled: false, stages: [], enforcementLevel: null },
  });
  const workspace = store.createWorkspace(foreign, 'rtc-foreign-workspace');
  const tokens = new Map<string, Principal>([
    [options.token, { organization: own, canManage: true }],
    [options.restrictedToken, { organization: own, canManage: false }],
    [options.foreignToken, { organization: foreign, canManage: true }],
  ]);
  return { seeds: { foreignTaskId: task.id, foreignWorkspaceId: workspace.id }, tokens };
}
