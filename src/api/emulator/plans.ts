// What each plan entitles an organization to. `null` means unlimited, as in the real entitlement set.
import type { Plan } from './types.ts';

export interface PlanLimits {
  globalRunTasks: boolean;
  /** Most tasks an organization may have. */
  runTaskLimit: number | null;
  /** Most workspaces one task may be associated with. */
  runTaskWorkspaceLimit: number | null;
  runTaskMandatoryEnforcementLimit: number | null;
}

// Free: "one run task integration that you can apply to up to ten workspaces" (api-facts §5). The
// real Free values of the limit attributes are not published; 1 and 10 follow that sentence.
const PLANS: Record<Plan, PlanLimits> = {
  business: { globalRunTasks: true, runTaskLimit: null, runTaskWorkspaceLimit: null, runTaskMandatoryEnforcementLimit: null },
  free: { globalRunTasks: false, runTaskLimit: 1, runTaskWorkspaceLimit: 10, runTaskMandatoryEnforcementLimit: null },
};

export const limitsOf = (plan: Plan): PlanLimits => PLANS[plan];

/** Attributes of the entitlement-sets resource. */
export function entitlementAttributes(plan: Plan): Record<string, boolean | number | null> {
  const limits = limitsOf(plan);
  const paid = plan === 'business';
  return {
    'agents': paid,
    'audit-logging': paid,
    'configuration-designer': true,
    'cost-estimation': paid,
    'global-run-tasks': limits.globalRunTasks,
    'module-tests-generation': false,
    'operations': true,
    'policy-enforcement': paid,
    'private-module-registry': true,
    'private-run-tasks': false,
    'run-tasks': true,
    'self-serve-billing': true,
    'sentinel': paid,
    'sso': paid,
    'state-storage': true,
    'teams': paid,
    'vcs-integrations': true,
    'run-task-limit': limits.runTaskLimit,
    'run-task-workspace-limit': limits.runTaskWorkspaceLimit,
    'run-task-mandatory-enforcement-limit': limits.runTaskMandatoryEnforcementLimit,
  };
}
