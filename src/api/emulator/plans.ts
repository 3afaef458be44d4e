// What each plan entitles an organization to, and the feature set that stands for it on the admin
// endpoints. `null` means unlimited, as in the real entitlement set.
import type { Plan } from './types.ts';

export interface PlanLimits {
  globalRunTasks: boolean;
  /** Tasks may name an agent pool (private run tasks, through an agent with request forwarding). */
  privateRunTasks: boolean;
  /** Most tasks an organization may have. */
  runTaskLimit: number | null;
  /** Most workspaces one task may be associated with. */
  runTaskWorkspaceLimit: number | null;
  /** Most mandatory associations an organization may have. */
  runTaskMandatoryEnforcementLimit: number | null;
}

interface PlanSpec extends PlanLimits {
  /** Teams, SSO, agents, audit logging, policies: the paid features beside run tasks. */
  paid: boolean;
  featureSet: { id: string; name: string; identifier: string; description: string; freeTier: boolean };
}

// Free: "one run task integration that you can apply to up to ten workspaces" (api-facts §5); the
// organization feature-set sample of the HCP Terraform feature-sets page gives Free run-task-limit 1,
// run-task-workspace-limit 10 and run-task-mandatory-enforcement-limit 1. Trial and Business are the
// names go-tfe's subscription updater asks for (`q=Trial`, `q=Business`); their values are the
// emulator's choice: Trial lacks global and private run tasks (go-tfe's
// TestRunTasksCreateWithoutGlobalEntitlement needs that), Business has everything, so that go-tfe's
// agent-pool subtests run instead of skipping.
const PLANS: Record<Plan, PlanSpec> = {
  free: {
    paid: false,
    globalRunTasks: false,
    privateRunTasks: false,
    runTaskLimit: 1,
    runTaskWorkspaceLimit: 10,
    runTaskMandatoryEnforcementLimit: 1,
    featureSet: { id: 'fs-free', name: 'Free', identifier: 'free_standard', description: 'One run task on up to ten workspaces', freeTier: true },
  },
  trial: {
    paid: true,
    globalRunTasks: false,
    privateRunTasks: false,
    runTaskLimit: null,
    runTaskWorkspaceLimit: null,
    runTaskMandatoryEnforcementLimit: null,
    featureSet: { id: 'fs-trial', name: 'Trial', identifier: 'trial', description: 'Paid features without global or private run tasks', freeTier: false },
  },
  business: {
    paid: true,
    globalRunTasks: true,
    privateRunTasks: true,
    runTaskLimit: null,
    runTaskWorkspaceLimit: null,
    runTaskMandatoryEnforcementLimit: null,
    featureSet: { id: 'fs-business', name: 'Business', identifier: 'business', description: 'Every feature, no run task limits', freeTier: false },
  },
};

export const PLAN_NAMES = Object.keys(PLANS) as Plan[];

export const limitsOf = (plan: Plan): PlanLimits => PLANS[plan];

/** The plan whose feature set has this id. */
export const planOfFeatureSet = (id: string): Plan | undefined => PLAN_NAMES.find((plan) => PLANS[plan].featureSet.id === id);

/** Attributes of the entitlement-sets resource. */
export function entitlementAttributes(plan: Plan): Record<string, boolean | number | null> {
  const spec = PLANS[plan];
  return {
    'agents': spec.paid,
    'audit-logging': spec.paid,
    'configuration-designer': true,
    'cost-estimation': spec.paid,
    'global-run-tasks': spec.globalRunTasks,
    'module-tests-generation': false,
    'operations': true,
    'policy-enforcement': spec.paid,
    'private-module-registry': true,
    'private-run-tasks': spec.privateRunTasks,
    'run-tasks': true,
    'self-serve-billing': true,
    'sentinel': spec.paid,
    'sso': spec.paid,
    'state-storage': true,
    'teams': spec.paid,
    'vcs-integrations': true,
    'run-task-limit': spec.runTaskLimit,
    'run-task-workspace-limit': spec.runTaskWorkspaceLimit,
    'run-task-mandatory-enforcement-limit': spec.runTaskMandatoryEnforcementLimit,
  };
}

/** A feature-sets resource: the plan's entitlements plus its name and identifier. */
export function featureSetResource(plan: Plan): { id: string; type: 'feature-sets'; attributes: Record<string, unknown> } {
  const { featureSet } = PLANS[plan];
  return {
    id: featureSet.id,
    type: 'feature-sets',
    attributes: {
      'name': featureSet.name,
      'identifier': featureSet.identifier,
      'description': featureSet.description,
      'is-free-tier': featureSet.freeTier,
      'is-current': true,
      'cost': 0,
      'user-limit': null,
      ...entitlementAttributes(plan),
    },
  };
}

/** The feature sets whose name contains `q` (any case), in plan order; all of them without `q`. */
export const findFeatureSets = (q: string): Plan[] =>
  PLAN_NAMES.filter((plan) => PLANS[plan].featureSet.name.toLowerCase().includes(q.toLowerCase()));

export const planIdentifier = (plan: Plan): string => PLANS[plan].featureSet.identifier;
