// Request bodies, built from the generated contract types so a payload cannot drift from the schemas.
import type {
  EnforcementLevel,
  Stage,
  TaskCreateRequest,
  TaskUpdateRequest,
  WorkspaceTaskCreateRequest,
  WorkspaceTaskUpdateRequest,
} from '../../../src/types/contract.ts';

export const STAGES: readonly Stage[] = ['pre_plan', 'post_plan', 'pre_apply', 'post_apply'];
export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ['advisory', 'mandatory'];

export type TaskAttributes = TaskCreateRequest['data']['attributes'];
export type TaskPatch = NonNullable<TaskUpdateRequest['data']['attributes']>;
export type WorkspaceTaskAttributes = WorkspaceTaskCreateRequest['data']['attributes'];
export type WorkspaceTaskPatch = NonNullable<WorkspaceTaskUpdateRequest['data']['attributes']>;

export const taskBody = (attributes: Record<string, unknown>, type = 'tasks') => ({ data: { type, attributes } });

export const workspaceTaskBody = (taskId: string, attributes: Record<string, unknown>, type = 'workspace-tasks') => ({
  data: { type, attributes, relationships: { task: { data: { id: taskId, type: 'tasks' } } } },
});

export const workspaceTaskPatchBody = (attributes: Record<string, unknown>) => ({ data: { type: 'workspace-tasks', attributes } });

/** Every non-empty subset of the stages, in lifecycle order, plus one reversed to prove order is kept. */
export function stageCombinations(): Stage[][] {
  const subsets: Stage[][] = [];
  for (let mask = 1; mask < 1 << STAGES.length; mask++) subsets.push(STAGES.filter((_, i) => mask & (1 << i)));
  return [...subsets, [...STAGES].reverse()];
}

/** Values a stages array must refuse: unknown, mis-cased, hyphenated (old TFE spelling), empty, mistyped. */
export const INVALID_STAGES: readonly [label: string, value: unknown][] = [
  ['empty', []],
  ['unknown', ['plan']],
  ['mis-cased', ['PRE_PLAN']],
  ['hyphenated', ['post-plan']],
  ['not-an-array', 'post_plan'],
  ['number-item', [1]],
  ['null-item', [null]],
];

export const INVALID_ENFORCEMENT: readonly [label: string, value: unknown][] = [
  ['unknown', 'blocking'],
  ['mis-cased', 'Mandatory'],
  ['empty', ''],
  ['number', 1],
];
