// Hand-written request validation. Deliberately independent of the checker's JSON Schemas (see
// docs/ARCHITECTURE.md "Walls"): if both shared one wrong rule, nothing would notice.
//
// Each reader collects every problem it finds as an Issue (pointer + detail), so one 422 lists them
// all. Unknown attributes are ignored, as JSON:API servers commonly do (e.g. the docs' `hmac_key`, which
// Rails strong parameters would drop). What the page's own samples send is accepted: `"enabled": "true"`
// is cast to a boolean, and a null description or hmac-key means none.
import type { Issue } from './errors.ts';
import type { GlobalConfiguration, TaskChanges, WorkspaceTaskChanges } from './store.ts';

export const STAGES: readonly string[] = ['pre_plan', 'post_plan', 'pre_apply', 'post_apply'];
export const ENFORCEMENT_LEVELS: readonly string[] = ['advisory', 'mandatory'];
export const DEFAULT_STAGES: readonly string[] = ['post_plan'];
const NAME_PATTERN = /^[A-Za-z0-9_-]+$/;
/** Scheme, "//", then at least one character of a host. */
const ABSOLUTE_HTTP_URL = /^https?:\/\/[^/\s?#]/i;
const DESCRIPTION_MAX = 300;

type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

export const has = (object: JsonObject, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

/** A rule returns why a value is refused, or undefined when it is acceptable. */
export type Rule = (value: unknown) => string | undefined;

export const isString: Rule = (v) => (typeof v === 'string' ? undefined : 'must be a string');

export const isBoolean: Rule = (v) => (typeof v === 'boolean' ? undefined : 'must be a JSON boolean (true or false)');

export const oneOf =
  (allowed: readonly string[]): Rule =>
  (v) =>
    typeof v === 'string' && allowed.includes(v) ? undefined : `must be one of ${allowed.join(', ')}`;

export const exactly =
  (expected: string): Rule =>
  (v) =>
    v === expected ? undefined : `must be "${expected}"`;

export const nameRule: Rule = (v) => {
  if (typeof v !== 'string') return 'must be a string';
  if (v === '') return "can't be blank";
  return NAME_PATTERN.test(v) ? undefined : 'can only include letters, numbers, -, and _';
};

const urlRule: Rule = (v) => {
  if (typeof v !== 'string') return 'must be a string';
  if (v === '') return "can't be blank";
  if (!ABSOLUTE_HTTP_URL.test(v) || /\s/.test(v)) return 'must be an absolute http or https URL';
  try {
    return new URL(v).hostname === '' ? 'must have a host' : undefined;
  } catch {
    return 'must be an absolute http or https URL';
  }
};

// Counted in characters (code points), not UTF-16 units: the docs speak of characters.
const descriptionRule: Rule = (v) => {
  if (typeof v !== 'string') return 'must be a string';
  return [...v].length > DESCRIPTION_MAX ? `is too long (maximum is ${DESCRIPTION_MAX} characters)` : undefined;
};

const stagesRule: Rule = (v) => {
  if (!Array.isArray(v)) return 'must be an array of stages';
  if (v.length === 0) return 'must contain at least one stage';
  const bad = v.find((stage) => typeof stage !== 'string' || !STAGES.includes(stage));
  if (bad !== undefined) return `contains ${JSON.stringify(bad)}; each stage must be one of ${STAGES.join(', ')}`;
  return new Set(v).size === v.length ? undefined : 'must not contain the same stage twice';
};

/** Turns what a lenient reading accepts into the stored type before the rule judges it. */
type Cast = (value: unknown) => unknown;

/** The page's samples send "true"/"false": cast as a Rails boolean attribute would; anything else stays as it is. */
const booleanString: Cast = (v) => (v === 'true' ? true : v === 'false' ? false : v);
/** OAS marks description and hmac-key nullable; go-tfe sends a null description when none is set. */
const nullAsEmpty: Cast = (v) => (v === null ? '' : v);

/**
 * Reads `object[key]` when present and valid (after `cast`). A missing required member and an invalid present one
 * each add an issue at `pointer/key`.
 */
export function read<T>(object: JsonObject, key: string, pointer: string, rule: Rule, required: boolean, issues: Issue[], cast?: Cast): T | undefined {
  const at = `${pointer}/${key}`;
  if (!has(object, key)) {
    if (required) issues.push({ pointer: at, detail: `${key} is required` });
    return undefined;
  }
  const value = cast ? cast(object[key]) : object[key];
  const problem = rule(value);
  if (problem) {
    issues.push({ pointer: at, detail: `${key} ${problem}` });
    return undefined;
  }
  return value as T;
}

export interface Envelope {
  data: JsonObject;
  attributes: JsonObject;
}

/**
 * The `{data: {type, attributes}}` frame. `type` is required on create; on update it may be left out
 * but must be right when present.
 */
export function readEnvelope(body: unknown, type: string, typeRequired: boolean, issues: Issue[]): Envelope | undefined {
  if (!isObject(body) || !isObject(body.data)) {
    issues.push({ pointer: '/data', detail: 'The request body must be a JSON object with a data object' });
    return undefined;
  }
  const data = body.data;
  if (typeRequired || has(data, 'type')) read(data, 'type', '/data', exactly(type), true, issues);
  if (!has(data, 'attributes')) return { data, attributes: {} };
  if (isObject(data.attributes)) return { data, attributes: data.attributes };
  issues.push({ pointer: '/data/attributes', detail: 'attributes must be an object' });
  return { data, attributes: {} };
}

const TASK_ATTRIBUTES: readonly { key: string; field: keyof TaskChanges; rule: Rule; required: boolean; cast?: Cast }[] = [
  { key: 'name', field: 'name', rule: nameRule, required: true },
  { key: 'url', field: 'url', rule: urlRule, required: true },
  { key: 'description', field: 'description', rule: descriptionRule, required: false, cast: nullAsEmpty },
  { key: 'category', field: 'category', rule: exactly('task'), required: true },
  { key: 'hmac-key', field: 'hmacKey', rule: isString, required: false, cast: nullAsEmpty },
  { key: 'enabled', field: 'enabled', rule: isBoolean, required: false, cast: booleanString },
];

const GLOBAL_MEMBERS = [
  { key: 'enabled', field: 'enabled', rule: isBoolean },
  { key: 'stages', field: 'stages', rule: stagesRule },
  { key: 'enforcement-level', field: 'enforcementLevel', rule: oneOf(ENFORCEMENT_LEVELS) },
] as const;

function readGlobal(attributes: JsonObject, issues: Issue[]): Partial<GlobalConfiguration> | undefined {
  const key = 'global-configuration';
  if (!has(attributes, key)) return undefined;
  const object = attributes[key];
  const pointer = `/data/attributes/${key}`;
  if (!isObject(object)) {
    issues.push({ pointer, detail: `${key} must be an object` });
    return undefined;
  }
  const global: Partial<GlobalConfiguration> = {};
  for (const member of GLOBAL_MEMBERS) {
    const value = read<never>(object, member.key, pointer, member.rule, false, issues);
    if (value !== undefined) Object.assign(global, { [member.field]: value });
  }
  return global;
}

export interface TaskRead {
  changes: TaskChanges;
  issues: Issue[];
}

/**
 * A task create (`mode` 'create': name, url, category required) or update (everything optional,
 * what is present follows the same rules). Without the global-run-tasks entitlement,
 * `global-configuration` is dropped unread, as the real service silently drops it (api-facts §4).
 */
export function readTask(body: unknown, mode: 'create' | 'update', globalAllowed: boolean): TaskRead {
  const issues: Issue[] = [];
  const changes: TaskChanges = {};
  const envelope = readEnvelope(body, 'tasks', mode === 'create', issues);
  if (!envelope) return { changes, issues };
  for (const attribute of TASK_ATTRIBUTES) {
    const required = mode === 'create' && attribute.required;
    const value = read<never>(envelope.attributes, attribute.key, '/data/attributes', attribute.rule, required, issues, attribute.cast);
    if (value !== undefined) Object.assign(changes, { [attribute.field]: value });
  }
  if (globalAllowed) {
    const global = readGlobal(envelope.attributes, issues);
    if (global) changes.global = global;
  }
  return { changes, issues };
}

/** The stages an association asks for: `stages` wins; the deprecated `stage` alone means [stage]. */
function readStages(attributes: JsonObject, issues: Issue[]): string[] | undefined {
  const stages = read<string[]>(attributes, 'stages', '/data/attributes', stagesRule, false, issues);
  const stage = read<string>(attributes, 'stage', '/data/attributes', oneOf(STAGES), false, issues);
  if (has(attributes, 'stages')) return stages;
  return stage === undefined ? undefined : [stage];
}

export interface AssociationRead {
  taskId?: string;
  enforcementLevel?: string;
  stages?: string[];
  issues: Issue[];
}

const TASK_DATA_POINTER = '/data/relationships/task/data';

function readTaskIdentifier(data: JsonObject, issues: Issue[]): string | undefined {
  const relationships = data.relationships;
  const task = isObject(relationships) ? relationships.task : undefined;
  const identifier = isObject(task) ? task.data : undefined;
  if (!isObject(identifier)) {
    issues.push({ pointer: TASK_DATA_POINTER, detail: 'relationships.task.data is required: {"id": "task-...", "type": "tasks"}' });
    return undefined;
  }
  if (identifier.type !== 'tasks') {
    issues.push({ pointer: TASK_DATA_POINTER, detail: 'relationships.task.data.type must be "tasks"' });
    return undefined;
  }
  if (typeof identifier.id !== 'string' || identifier.id === '') {
    issues.push({ pointer: TASK_DATA_POINTER, detail: 'relationships.task.data.id must be a non-empty string' });
    return undefined;
  }
  return identifier.id;
}

/** POST /workspaces/:id/tasks. Stages default to ["post_plan"]. */
export function readAssociation(body: unknown): AssociationRead {
  const issues: Issue[] = [];
  const envelope = readEnvelope(body, 'workspace-tasks', true, issues);
  if (!envelope) return { issues };
  const levels = oneOf(ENFORCEMENT_LEVELS);
  const enforcementLevel = read<string>(envelope.attributes, 'enforcement-level', '/data/attributes', levels, true, issues);
  const stages = readStages(envelope.attributes, issues) ?? [...DEFAULT_STAGES];
  const taskId = readTaskIdentifier(envelope.data, issues);
  return { taskId, enforcementLevel, stages, issues };
}

/**
 * PATCH /workspaces/:id/tasks/:id. The deprecated `stage` accepts all four stages: the page's PATCH
 * table lists only pre_plan and post_plan, which we treat as an erratum (POST allows four; api-facts §10.8).
 */
export function readAssociationChanges(body: unknown): { changes: WorkspaceTaskChanges; issues: Issue[] } {
  const issues: Issue[] = [];
  const changes: WorkspaceTaskChanges = {};
  const envelope = readEnvelope(body, 'workspace-tasks', false, issues);
  if (!envelope) return { changes, issues };
  const levels = oneOf(ENFORCEMENT_LEVELS);
  const enforcementLevel = read<string>(envelope.attributes, 'enforcement-level', '/data/attributes', levels, false, issues);
  if (enforcementLevel !== undefined) changes.enforcementLevel = enforcementLevel;
  const stages = readStages(envelope.attributes, issues);
  if (stages !== undefined) changes.stages = stages;
  return { changes, issues };
}
