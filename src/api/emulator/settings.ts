// The plain settings of organizations and workspaces: what a create may set, the rule each value
// follows and the default a resource shows when it was not given. One table per resource serves both
// the reader (validate-support.ts) and the renderer (render.ts). Defaults follow the "Request Body"
// tables of the HCP Terraform organizations and workspaces API pages.
import { isBoolean, isString, oneOf, type Rule } from './validate.ts';

export interface Setting {
  key: string;
  rule: Rule;
  default: unknown;
}

const nullable =
  (rule: Rule): Rule =>
  (v) =>
    v === null ? undefined : rule(v);

const positiveInteger: Rule = (v) => (Number.isSafeInteger(v) && (v as number) > 0 ? undefined : 'must be a positive integer');

const stringList: Rule = (v) =>
  Array.isArray(v) && v.every((item) => typeof item === 'string') ? undefined : 'must be an array of strings';

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const timestamp: Rule = (v) =>
  typeof v === 'string' && ISO_TIMESTAMP.test(v) && !Number.isNaN(Date.parse(v)) ? undefined : 'must be an ISO 8601 timestamp';

/** "Valid values are greater than 0 and four digits or less. Valid units are d and h." */
const activityDuration: Rule = (v) => (typeof v === 'string' && /^[1-9]\d{0,3}[dh]$/.test(v) ? undefined : 'must be 1 to 9999 followed by d or h');

const OVERWRITABLE = ['execution-mode', 'agent-pool'];
const settingOverwrites: Rule = (v) =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.entries(v).every(([key, flag]) => OVERWRITABLE.includes(key) && typeof flag === 'boolean')
    ? undefined
    : `must be an object of booleans keyed by ${OVERWRITABLE.join(', ')}`;

/** No agent pool exists in the emulator, so `agent` execution can never be set up. */
export const EXECUTION_MODES = ['remote', 'local'];

/** "If omitted when creating a workspace, this defaults to the latest released version": a fixed stand-in. */
export const DEFAULT_TERRAFORM_VERSION = '1.9.8';

export const ORGANIZATION_SETTINGS: readonly Setting[] = [
  { key: 'session-timeout', rule: nullable(positiveInteger), default: null },
  { key: 'session-remember', rule: nullable(positiveInteger), default: null },
  { key: 'collaborator-auth-policy', rule: oneOf(['password', 'two_factor_mandatory']), default: 'password' },
  { key: 'cost-estimation-enabled', rule: isBoolean, default: false },
  { key: 'send-passing-statuses-for-untriggered-speculative-plans', rule: isBoolean, default: false },
  { key: 'aggregated-commit-status-enabled', rule: isBoolean, default: true },
  { key: 'speculative-plan-management-enabled', rule: isBoolean, default: true },
  { key: 'owners-team-saml-role-id', rule: nullable(isString), default: null },
  { key: 'assessments-enforced', rule: isBoolean, default: false },
  { key: 'allow-force-delete-workspaces', rule: isBoolean, default: false },
  { key: 'default-execution-mode', rule: oneOf(EXECUTION_MODES), default: 'remote' },
  { key: 'stacks-enabled', rule: isBoolean, default: false },
];

export const WORKSPACE_SETTINGS: readonly Setting[] = [
  { key: 'allow-destroy-plan', rule: isBoolean, default: true },
  { key: 'assessments-enabled', rule: isBoolean, default: false },
  { key: 'auto-apply', rule: isBoolean, default: false },
  { key: 'auto-apply-run-trigger', rule: isBoolean, default: false },
  { key: 'auto-destroy-at', rule: nullable(timestamp), default: null },
  { key: 'auto-destroy-activity-duration', rule: nullable(activityDuration), default: null },
  { key: 'description', rule: nullable(isString), default: null },
  { key: 'execution-mode', rule: oneOf(EXECUTION_MODES), default: 'remote' },
  { key: 'file-triggers-enabled', rule: isBoolean, default: true },
  { key: 'global-remote-state', rule: isBoolean, default: false },
  { key: 'queue-all-runs', rule: isBoolean, default: false },
  { key: 'source-name', rule: nullable(isString), default: null },
  { key: 'source-url', rule: nullable(isString), default: null },
  { key: 'speculative-enabled', rule: isBoolean, default: true },
  { key: 'structured-run-output-enabled', rule: isBoolean, default: true },
  { key: 'terraform-version', rule: isString, default: DEFAULT_TERRAFORM_VERSION },
  { key: 'trigger-prefixes', rule: stringList, default: [] },
  { key: 'trigger-patterns', rule: stringList, default: [] },
  { key: 'working-directory', rule: nullable(isString), default: null },
  { key: 'setting-overwrites', rule: settingOverwrites, default: { 'execution-mode': false, 'agent-pool': false } },
  { key: 'hyok-enabled', rule: isBoolean, default: false },
];

/** The subscription attributes go-tfe's subscription updater sends; kept and shown back. */
export const SUBSCRIPTION_SETTINGS: readonly Setting[] = [
  { key: 'runs-ceiling', rule: nullable(positiveInteger), default: null },
  { key: 'agents-ceiling', rule: nullable(positiveInteger), default: null },
  { key: 'contract-start-at', rule: nullable(timestamp), default: null },
  { key: 'contract-user-limit', rule: nullable(positiveInteger), default: null },
  { key: 'contract-apply-limit', rule: nullable(positiveInteger), default: null },
  { key: 'contract-managed-resources-limit', rule: nullable(positiveInteger), default: null },
];

/** Each setting's value: the one given, else its default (arrays and objects copied). */
export function withDefaults(table: readonly Setting[], given: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const setting of table) {
    const value = Object.prototype.hasOwnProperty.call(given, setting.key) ? given[setting.key] : setting.default;
    out[setting.key] = value !== null && typeof value === 'object' ? structuredClone(value) : value;
  }
  return out;
}
