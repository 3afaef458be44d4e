// Request readers for what surrounds the run task endpoints: organizations, workspaces, the admin
// subscription and a task's agent pool. Same conventions as validate.ts: every problem becomes an
// Issue, unknown attributes are ignored.
import type { Issue } from './errors.ts';
import { ORGANIZATION_SETTINGS, type Setting, SUBSCRIPTION_SETTINGS, WORKSPACE_SETTINGS } from './settings.ts';
import { has, isObject, isString, nameRule, read, readEnvelope, type Rule } from './validate.ts';

const ATTRIBUTES = '/data/attributes';

/** The members of `table` present in `attributes`, each checked by its rule. */
function readSettings(attributes: Record<string, unknown>, table: readonly Setting[], issues: Issue[]): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const setting of table) {
    if (!has(attributes, setting.key)) continue;
    const before = issues.length;
    const value = read<unknown>(attributes, setting.key, ATTRIBUTES, setting.rule, false, issues);
    if (issues.length === before) settings[setting.key] = value;
  }
  return settings;
}

const emailRule: Rule = (v) => {
  const problem = isString(v);
  if (problem) return problem;
  if (v === '') return "can't be blank";
  return /^[^@\s]+@[^@\s]+$/.test(v as string) ? undefined : 'is invalid';
};

export interface OrganizationRead {
  name?: string;
  email?: string;
  settings: Record<string, unknown>;
  issues: Issue[];
}

/** POST /organizations: name and email required, the documented settings optional. */
export function readOrganization(body: unknown): OrganizationRead {
  const issues: Issue[] = [];
  const envelope = readEnvelope(body, 'organizations', true, issues);
  if (!envelope) return { settings: {}, issues };
  const name = read<string>(envelope.attributes, 'name', ATTRIBUTES, nameRule, true, issues);
  const email = read<string>(envelope.attributes, 'email', ATTRIBUTES, emailRule, true, issues);
  return { name, email, settings: readSettings(envelope.attributes, ORGANIZATION_SETTINGS, issues), issues };
}

export interface WorkspaceRead {
  name?: string;
  settings: Record<string, unknown>;
  tagNames: string[];
  issues: Issue[];
}

/** relationships.tags.data: [{type: "tags", attributes: {name}}], as go-tfe sends tags on create. */
function readTagNames(data: Record<string, unknown>, issues: Issue[]): string[] {
  const relationships = isObject(data.relationships) ? data.relationships : {};
  if (!has(relationships, 'tags')) return [];
  const tags = isObject(relationships.tags) ? relationships.tags.data : undefined;
  const names = Array.isArray(tags) ? tags.map((tag) => (isObject(tag) && isObject(tag.attributes) ? tag.attributes.name : undefined)) : [];
  if (!Array.isArray(tags) || names.some((name) => typeof name !== 'string' || name === '')) {
    issues.push({ pointer: '/data/relationships/tags/data', detail: 'tags must be a list of {"type": "tags", "attributes": {"name": "..."}}' });
    return [];
  }
  return names as string[];
}

/**
 * The deprecated `operations` flag stands for an execution mode and may not come with one; an agent
 * pool can never be named, because the emulator has none.
 */
function readExecution(attributes: Record<string, unknown>, settings: Record<string, unknown>, issues: Issue[]): void {
  if (has(attributes, 'operations')) {
    if (has(attributes, 'execution-mode')) {
      issues.push({ pointer: `${ATTRIBUTES}/operations`, detail: 'operations must not be given together with execution-mode' });
    } else if (typeof attributes.operations !== 'boolean') {
      issues.push({ pointer: `${ATTRIBUTES}/operations`, detail: 'operations must be a JSON boolean (true or false)' });
    } else {
      settings['execution-mode'] = attributes.operations ? 'remote' : 'local';
    }
  }
  if (has(attributes, 'agent-pool-id') && attributes['agent-pool-id'] !== null) {
    issues.push({ pointer: `${ATTRIBUTES}/agent-pool-id`, detail: 'The provided agent pool does not exist' });
  }
}

/** POST /organizations/:org/workspaces: the name, the documented settings, tags. */
export function readWorkspace(body: unknown): WorkspaceRead {
  const issues: Issue[] = [];
  const envelope = readEnvelope(body, 'workspaces', true, issues);
  if (!envelope) return { settings: {}, tagNames: [], issues };
  const name = read<string>(envelope.attributes, 'name', ATTRIBUTES, nameRule, true, issues);
  const settings = readSettings(envelope.attributes, WORKSPACE_SETTINGS, issues);
  readExecution(envelope.attributes, settings, issues);
  return { name, settings, tagNames: readTagNames(envelope.data, issues), issues };
}

export interface SubscriptionRead {
  featureSetId?: string;
  attributes: Record<string, unknown>;
  issues: Issue[];
}

const FEATURE_SET_POINTER = '/data/relationships/feature-set/data';

/** POST /admin/organizations/:org/subscription. go-tfe's updater types the resource "subscription". */
export function readSubscription(body: unknown): SubscriptionRead {
  const issues: Issue[] = [];
  const singular = isObject(body) && isObject(body.data) && body.data.type === 'subscription';
  const normalized = singular ? { ...body, data: { ...(body.data as object), type: 'subscriptions' } } : body;
  const envelope = readEnvelope(normalized, 'subscriptions', true, issues);
  if (!envelope) return { attributes: {}, issues };
  const attributes = readSettings(envelope.attributes, SUBSCRIPTION_SETTINGS, issues);
  const relationships = isObject(envelope.data.relationships) ? envelope.data.relationships : {};
  const featureSet = isObject(relationships['feature-set']) ? relationships['feature-set'].data : undefined;
  if (!isObject(featureSet) || featureSet.type !== 'feature-sets' || typeof featureSet.id !== 'string' || featureSet.id === '') {
    issues.push({ pointer: FEATURE_SET_POINTER, detail: 'relationships.feature-set.data is required: {"id": "fs-...", "type": "feature-sets"}' });
    return { attributes, issues };
  }
  return { featureSetId: featureSet.id, attributes, issues };
}

export const AGENT_POOL_POINTER = '/data/relationships/agent-pool/data';

/**
 * relationships.agent-pool of a task create or update: absent (undefined), cleared (null) or an
 * agent pool id. A malformed linkage is an issue.
 */
export function readAgentPool(body: unknown): { poolId?: string | null; issues: Issue[] } {
  const data = isObject(body) && isObject(body.data) ? body.data : {};
  const relationships = isObject(data.relationships) ? data.relationships : {};
  if (!has(relationships, 'agent-pool')) return { issues: [] };
  const pool = relationships['agent-pool'];
  const linkage = isObject(pool) ? pool.data : undefined;
  if (linkage === null) return { poolId: null, issues: [] };
  if (isObject(linkage) && linkage.type === 'agent-pools' && typeof linkage.id === 'string' && linkage.id !== '') {
    return { poolId: linkage.id, issues: [] };
  }
  return { issues: [{ pointer: AGENT_POOL_POINTER, detail: 'relationships.agent-pool.data must be null or {"id": "apool-...", "type": "agent-pools"}' }] };
}
