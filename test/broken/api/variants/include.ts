// Broken (and faithful-but-odd) variants caught by the include suite.
import type { HookRequest, HookResponse } from '../../../../src/api/emulator/index.ts';
import { broken, faithful, rewriteRequest, rewriteResponse, TASK, TASKS, type Variant } from '../../variant.ts';

type Resource = { id: string; type: string; attributes?: Record<string, unknown>; relationships?: Record<string, unknown> };

const taskRead = (req: HookRequest) => req.method === 'GET' && (TASKS.test(req.path) || TASK.test(req.path));
const SUITES: Variant['suites'] = ['include'];
const KNOWN = ['workspace_tasks', 'workspace_tasks.workspace'];

/** A copy of the request with `include` changed (or removed when `value` is null). */
function withInclude(req: HookRequest, value: (include: string) => string | null): HookRequest {
  const include = req.query.get('include');
  if (include === null) return req;
  const query = new URLSearchParams(req.query);
  const next = value(include);
  if (next === null) query.delete('include');
  else query.set('include', next);
  return { ...req, query };
}

function changeIncluded(res: HookResponse, change: (included: Resource[]) => Resource[]): void {
  const body = res.body as { included?: Resource[] } | undefined;
  if (res.status === 200 && Array.isArray(body?.included)) body.included = change(body.included);
}

export default [
  broken({
    name: 'include-ignored',
    description: 'the include parameter is ignored: no included array, unknown values accepted',
    suites: SUITES,
    hooks: rewriteRequest(taskRead, (req) => withInclude(req, () => null)),
    caughtBy: ['include.workspace-tasks[list]', 'include.workspace-tasks[show]', 'include.workspace[list]', 'include.workspace[show]', 'include.unknown-refused'],
  }),
  broken({
    name: 'include-nested-drops-workspaces',
    description: 'workspace_tasks.workspace is answered like workspace_tasks: the workspaces are missing',
    suites: SUITES,
    hooks: rewriteRequest(taskRead, (req) => withInclude(req, (v) => v.replace('workspace_tasks.workspace', 'workspace_tasks'))),
    caughtBy: ['include.workspace[list]', 'include.workspace[show]'],
  }),
  broken({
    name: 'include-duplicates',
    description: 'every included resource appears twice',
    suites: SUITES,
    hooks: rewriteResponse(taskRead, (res) => changeIncluded(res, (included) => [...included, ...included])),
    caughtBy: ['include.workspace-tasks[list]', 'include.workspace-tasks[show]', 'include.workspace[list]', 'include.workspace[show]'],
  }),
  broken({
    name: 'include-extra-resource',
    description: 'included also carries the task organization, which no include asked for',
    suites: SUITES,
    hooks: rewriteResponse(taskRead, (res) =>
      changeIncluded(res, (included) => [...included, { id: 'rtc-org', type: 'organizations', attributes: {} }]),
    ),
    caughtBy: ['include.workspace-tasks[list]', 'include.workspace-tasks[show]'],
  }),
  broken({
    name: 'include-invalid-workspace-task',
    description: 'included workspace tasks lack their enforcement-level',
    suites: SUITES,
    hooks: rewriteResponse(taskRead, (res) =>
      changeIncluded(res, (included) => included.map((r) => (r.type === 'workspace-tasks' ? { ...r, attributes: { ...r.attributes, 'enforcement-level': undefined } } : r))),
    ),
    caughtBy: ['include.workspace-tasks[list]', 'include.workspace-tasks[show]'],
  }),
  broken({
    name: 'include-unknown-accepted',
    description: 'unknown include values are silently dropped instead of refused',
    suites: SUITES,
    hooks: rewriteRequest(taskRead, (req) =>
      withInclude(req, (v) => v.split(',').filter((x) => KNOWN.includes(x.trim())).join(',') || null),
    ),
    caughtBy: ['include.unknown-refused[list]', 'include.unknown-refused[show]'],
  }),
  faithful({
    name: 'include-reordered',
    description: 'included resources in another order than the relationship lists them (JSON:API fixes no order)',
    suites: SUITES,
    hooks: rewriteResponse(taskRead, (res) => changeIncluded(res, (included) => [...included].reverse())),
  }),
];
