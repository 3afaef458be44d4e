// The starting world: the owner's organization (no tasks; one workspace when the `workspace` option
// asks for it), a restricted member of it, a foreign organization holding one task and one workspace
// (so checks can prove that foreign resources stay invisible), and a site administrator.
import type { Principal, Store } from './store.ts';
import type { ResolvedOptions, Seeds } from './types.ts';

const principal = (name: string, admin = false): Principal => ({ name, admin });

export function seed(store: Store, options: ResolvedOptions): { seeds: Seeds; tokens: Map<string, Principal> } {
  const owner = principal('rtc-owner');
  const restricted = principal('rtc-restricted');
  const foreignOwner = principal('rtc-foreign-owner');
  const admin = principal('rtc-admin', true);

  const own = store.addOrganization(options.organization, options.plan, `owner@${options.organization}.invalid`);
  own.members.set(owner, 'owner').set(restricted, 'member');
  // The foreign organization is always on the business plan: its plan is never what a check is about.
  const foreign = store.addOrganization(options.foreignOrganization, 'business', `owner@${options.foreignOrganization}.invalid`);
  foreign.members.set(foreignOwner, 'owner');
  const task = store.createTask(foreign, {
    name: 'rtc-foreign-task',
    url: 'https://foreign.invalid/run-task',
    description: 'Belongs to the foreign organization',
    category: 'task',
    hmacKey: 'foreign-secret',
    enabled: true,
    global: { enabled: false, stages: [], enforcementLevel: null },
  });
  const seeds: Seeds = { foreignTaskId: task.id, foreignWorkspaceId: store.createWorkspace(foreign, 'rtc-foreign-workspace').id };
  if (options.workspace) seeds.workspaceId = store.createWorkspace(own, options.workspace).id;

  const tokens = new Map<string, Principal>([
    [options.token, owner],
    [options.restrictedToken, restricted],
    [options.foreignToken, foreignOwner],
    [options.adminToken, admin],
  ]);
  return { seeds, tokens };
}
