// Variants caught by the global-configuration suite: the block's defaults, round trip, stage and
// enforcement rules on create and update, and its silent drop without the global-run-tasks entitlement.
// The free-plan ones run on an organization without that entitlement.
import type { HookRequest, EmulatorHooks } from '../../../../src/api/emulator/index.ts';
import { INVALID_ENFORCEMENT, INVALID_STAGES, stageCombinations, STAGES } from '../../../../suites/api/_harness/payloads.ts';
import { answer, broken, eachResource, faithful, rewriteRequest, rewriteResponse, requestAttributes, route, TASK, TASKS, type Variant } from '../../variant.ts';
import { appliedButRefused, errorDocument } from './task-validation.ts';

const GLOBAL = 'global-configuration';
const CREATE = route('POST', TASKS);
const UPDATE = route('PATCH', TASK);
const WRITE = (req: HookRequest) => CREATE(req) || UPDATE(req);
const ANY = () => true;

type Block = Record<string, unknown>;

const isObject = (value: unknown): value is Block => typeof value === 'object' && value !== null && !Array.isArray(value);
const blockOf = (req: HookRequest): Block | undefined => {
  const block = requestAttributes(req)?.[GLOBAL];
  return isObject(block) ? block : undefined;
};

// ---- an independent judge of the block's members

const LIFECYCLE: readonly string[] = STAGES;
const validStages = (v: unknown) => Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string' && LIFECYCLE.includes(s)) && new Set(v).size === v.length;
const validEnforcement = (v: unknown) => v === 'advisory' || v === 'mandatory';
const VALID: Record<string, (value: unknown) => boolean> = { 'stages': validStages, 'enforcement-level': validEnforcement, 'enabled': (v) => typeof v === 'boolean' };

/** Changes the block member `key` of matching requests, when present. */
function rewriteMember(match: (req: HookRequest) => boolean, key: string, change: (value: unknown) => unknown): EmulatorHooks {
  return rewriteRequest(match, (req) => {
    const block = blockOf(req);
    if (block && key in block) block[key] = change(block[key]);
  });
}

/** Invalid block members replaced by valid values ("validation skipped"), when `repair` has one. */
const repairInvalid = (key: string, repair: (value: unknown) => unknown) => rewriteMember(WRITE, key, (v) => (VALID[key]!(v) ? v : repair(v)));

/** Some valid stages for any value: the valid ones it holds, else post_plan. */
const someStages = (v: unknown) => {
  const kept = Array.isArray(v) ? v.filter((s) => typeof s === 'string' && LIFECYCLE.includes(s)) : [];
  return kept.length > 0 ? kept : ['post_plan'];
};

/** The request with invalid block members taken out (the valid ones stay). */
function withoutInvalidMembers(req: HookRequest): { req: HookRequest; changed: boolean } {
  const block = blockOf(req);
  if (!block) return { req, changed: false };
  const kept = Object.fromEntries(Object.entries(block).filter(([key, value]) => !(key in VALID) || VALID[key]!(value)));
  const changed = Object.keys(kept).length !== Object.keys(block).length;
  return { req: { ...req, body: { data: { ...(req.body as { data: object }).data, attributes: { ...requestAttributes(req), [GLOBAL]: kept } } } }, changed };
}

/** The request with invalid block members repaired. */
function withRepairedMembers(req: HookRequest): { req: HookRequest; changed: boolean } {
  const block = blockOf(req);
  if (!block) return { req, changed: false };
  const repaired = { ...block };
  if ('stages' in block && !validStages(block.stages)) repaired.stages = someStages(block.stages);
  if ('enforcement-level' in block && !validEnforcement(block['enforcement-level'])) repaired['enforcement-level'] = 'advisory';
  const changed = JSON.stringify(repaired) !== JSON.stringify(block);
  return { req: { ...req, body: { data: { ...(req.body as { data: object }).data, attributes: { ...requestAttributes(req), [GLOBAL]: repaired } } } }, changed };
}

/** Changes the block of every task resource in responses. */
const rewriteBlock = (change: (block: Block) => void): EmulatorHooks =>
  rewriteResponse(ANY, (res) =>
    eachResource(res.body, (r) => {
      if (r.type === 'tasks' && isObject(r.attributes?.[GLOBAL])) change(r.attributes[GLOBAL] as Block);
    }),
  );

// ---- the check ids the suite generates (kept in step with suites/api/global-configuration.test.ts)

type Ids = [string, ...string[]];
const labelled = (requirement: string, ops: string[], labels: readonly string[]): Ids => ops.flatMap((op) => labels.map((l) => `task.global.${requirement}[${op}:${l}]`)) as Ids;
const STAGE_LABELS = INVALID_STAGES.map(([label]) => label);
const ENFORCEMENT_LABELS = INVALID_ENFORCEMENT.map(([label]) => label);
const REVERSED = `task.global.stages-accepted[${stageCombinations().at(-1)!.join(',')}]`;
const ROUND_TRIPS: Ids = ['task.global.round-trip[enabled]', 'task.global.round-trip[disabled]'];

const FREE = { plan: 'free' } as const;

const v = (variant: Omit<Variant, 'suites' | 'caughtBy'> & { caughtBy: Ids }): Variant => broken({ suites: ['global-configuration'], ...variant });

export default [
  // entitlement
  faithful({
    name: 'global-free-plan',
    description: 'a free-plan organization (one run task, no global-run-tasks entitlement): entitled-only checks are not applicable, the block is dropped',
    suites: ['task-validation', 'global-configuration'],
    target: FREE,
  }),
  v({
    name: 'global-free-plan-echoes-block',
    description: 'without the entitlement the block is echoed back (create) or shown with defaults',
    target: FREE,
    hooks: rewriteResponse(ANY, (res, req) =>
      eachResource(res.body, (r) => {
        if (r.type === 'tasks' && r.attributes) r.attributes[GLOBAL] = (CREATE(req) && blockOf(req)) || { 'enabled': false, 'stages': [], 'enforcement-level': null };
      }),
    ),
    caughtBy: ['task.global.dropped-without-entitlement'],
  }),
  v({
    name: 'global-free-plan-refuses-block',
    description: 'without the entitlement a create carrying the block is refused ("Organization does not support global run tasks")',
    target: FREE,
    hooks: answer((req) => CREATE(req) && blockOf(req) !== undefined, () => errorDocument(422, 'Organization does not support global run tasks')),
    caughtBy: ['task.global.dropped-without-entitlement'],
  }),
  v({
    name: 'global-block-missing-when-entitled',
    description: 'an entitled organization\'s tasks show no global-configuration',
    hooks: rewriteResponse(ANY, (res) =>
      eachResource(res.body, (r) => {
        if (r.type === 'tasks') delete r.attributes?.[GLOBAL];
      }),
    ),
    caughtBy: ['task.global.default-enabled', 'task.global.round-trip', 'task.global.stages-accepted'],
  }),

  // defaults and round trip
  v({
    name: 'global-enabled-by-default',
    description: 'a create without the block gets global-configuration.enabled true',
    hooks: rewriteRequest(CREATE, (req) => {
      const attributes = requestAttributes(req);
      if (attributes && !(GLOBAL in attributes)) attributes[GLOBAL] = { enabled: true };
    }),
    caughtBy: ['task.global.default-enabled'],
  }),
  v({
    name: 'global-enabled-null-by-default',
    description: 'global-configuration.enabled is null until set',
    hooks: rewriteBlock((block) => {
      if (block.enabled === false) block.enabled = null;
    }),
    caughtBy: ['task.global.default-enabled'],
  }),
  v({
    name: 'global-stages-sorted',
    description: 'stages are answered in lifecycle order, not in the order sent',
    hooks: rewriteBlock((block) => {
      if (Array.isArray(block.stages)) block.stages = [...block.stages].sort((a, b) => LIFECYCLE.indexOf(String(a)) - LIFECYCLE.indexOf(String(b)));
    }),
    caughtBy: [...ROUND_TRIPS, REVERSED],
  }),
  v({
    name: 'global-stages-stored-sorted',
    description: 'stages are stored sorted in lifecycle order',
    hooks: rewriteMember(WRITE, 'stages', (s) => (Array.isArray(s) ? [...s].sort((a, b) => LIFECYCLE.indexOf(String(a)) - LIFECYCLE.indexOf(String(b))) : s)),
    caughtBy: [...ROUND_TRIPS, REVERSED],
  }),
  v({
    name: 'global-enforcement-dropped',
    description: 'enforcement-level is missing from the block in responses',
    hooks: rewriteBlock((block) => {
      delete block['enforcement-level'];
    }),
    caughtBy: ROUND_TRIPS,
  }),
  v({
    name: 'global-enabled-ignored-on-create',
    description: 'global-configuration.enabled sent on create is not stored',
    hooks: rewriteRequest(CREATE, (req) => {
      delete blockOf(req)?.enabled;
    }),
    caughtBy: ['task.global.round-trip[enabled]'],
  }),

  // stages on PATCH
  v({
    name: 'global-patch-ignores-stages',
    description: 'PATCH leaves global-configuration.stages as they were',
    hooks: rewriteRequest(UPDATE, (req) => {
      delete blockOf(req)?.stages;
    }),
    caughtBy: ['task.global.stages-accepted'],
  }),
  v({
    name: 'global-patch-keeps-first-stage',
    description: 'PATCH stores only the first of the stages sent',
    hooks: rewriteMember(UPDATE, 'stages', (s) => (Array.isArray(s) && s.length > 1 ? s.slice(0, 1) : s)),
    caughtBy: ['task.global.stages-accepted[pre_plan,post_plan]', 'task.global.stages-accepted[pre_plan,post_plan,pre_apply,post_apply]', REVERSED],
  }),

  // stages refused
  v({
    name: 'global-stages-unchecked',
    description: 'invalid stages are accepted (stored as the valid ones they hold, else post_plan)',
    hooks: repairInvalid('stages', someStages),
    caughtBy: labelled('stages-refused', ['create', 'update'], STAGE_LABELS),
  }),
  v({
    name: 'global-stages-empty-accepted',
    description: 'an empty stages array is accepted (and ignored)',
    hooks: rewriteRequest(WRITE, (req) => {
      const block = blockOf(req);
      if (Array.isArray(block?.stages) && block.stages.length === 0) delete block.stages;
    }),
    caughtBy: labelled('stages-refused', ['create', 'update'], ['empty']),
  }),
  v({
    name: 'global-stages-normalised',
    description: 'stages are lower-cased and hyphens turned into underscores before the check',
    hooks: rewriteMember(WRITE, 'stages', (s) => (Array.isArray(s) ? s.map((x) => (typeof x === 'string' ? x.toLowerCase().replaceAll('-', '_') : x)) : s)),
    caughtBy: labelled('stages-refused', ['create', 'update'], ['mis-cased', 'hyphenated']),
  }),
  v({
    name: 'global-stages-single-string-accepted',
    description: 'a single stage string is taken as a one-stage array',
    hooks: rewriteMember(WRITE, 'stages', (s) => (typeof s === 'string' ? [s] : s)),
    caughtBy: labelled('stages-refused', ['create', 'update'], ['not-an-array']),
  }),

  // enforcement refused
  v({
    name: 'global-enforcement-unchecked',
    description: 'any enforcement-level is accepted (stored as advisory)',
    hooks: repairInvalid('enforcement-level', () => 'advisory'),
    caughtBy: labelled('enforcement-refused', ['create', 'update'], ENFORCEMENT_LABELS),
  }),
  v({
    name: 'global-enforcement-case-insensitive',
    description: 'enforcement-level is lower-cased before the check',
    hooks: rewriteMember(WRITE, 'enforcement-level', (e) => (typeof e === 'string' ? e.toLowerCase() : e)),
    caughtBy: labelled('enforcement-refused', ['create', 'update'], ['mis-cased']),
  }),

  // refusals that leave something behind
  v({
    name: 'global-refused-create-persists',
    description: 'a create with an invalid block answers 422 but the task is created anyway',
    hooks: appliedButRefused(CREATE, withRepairedMembers),
    caughtBy: [...labelled('stages-refused', ['create'], STAGE_LABELS), ...labelled('enforcement-refused', ['create'], ENFORCEMENT_LABELS)] as Ids,
  }),
  v({
    name: 'global-refused-update-applies-valid-members',
    description: 'a PATCH with an invalid block member answers 422 but the valid members are applied',
    hooks: appliedButRefused(UPDATE, withoutInvalidMembers),
    caughtBy: [...labelled('stages-refused', ['update'], STAGE_LABELS), ...labelled('enforcement-refused', ['update'], ENFORCEMENT_LABELS)] as Ids,
  }),
] satisfies Variant[];
