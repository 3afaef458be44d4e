// Small pure judgements over what a service did: each returns the problems found (empty: none).
import { validate, type Violation } from '../../../src/contract/validate.ts';
import type { RecordedRequest } from '../../../src/integration/stand-in/index.ts';
import type { IntegrationSuiteConfig } from '../../../src/runner/integration/suite-config.ts';
import { bearerOf, callbacksOf, isSuccess, type ServiceExchange } from './exchange.ts';

const JSON_API = 'application/vnd.api+json';
const FINAL = new Set(['passed', 'failed']);

const pathOf = (r: RecordedRequest) => r.path.split('?')[0]!;
const describe = (r: RecordedRequest) => `${r.method} ${pathOf(r)} (answered ${r.status})`;

/** The status the service answered, with what it should be. */
export function successProblem(status: number): string | undefined {
  return isSuccess(status) ? undefined : `answered ${status}: a request HCP Terraform sends must be accepted with 200`;
}

export function exactly200Problem(status: number): string | undefined {
  return status === 200 ? undefined : `answered ${status}, not 200`;
}

/** Callbacks that did not PATCH the task_result_callback_url as given. */
export function requestProblems(ex: ServiceExchange): string[] {
  const own = new URL(ex.result.callbackUrl).pathname;
  return callbacksOf(ex).flatMap((r) => {
    if (r.taskResultId !== ex.result.id) return [`${describe(r)}: not the task_result_callback_url ${own}`];
    return r.method === 'PATCH' ? [] : [`${describe(r)}: the callback is a PATCH`];
  });
}

export function tokenProblems(ex: ServiceExchange): string[] {
  return ex.result.attempts.flatMap((r) => {
    const token = bearerOf(r);
    if (token === ex.result.accessToken) return [];
    const sent = r.headers.authorization === undefined ? 'no Authorization header' : token === undefined ? 'an Authorization header that is not a Bearer token' : 'a bearer token that is not the request\'s access_token';
    return [`${describe(r)}: ${sent}`];
  });
}

export function mediaTypeProblems(ex: ServiceExchange): string[] {
  return callbacksOf(ex).flatMap((r) => {
    const type = (r.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    return type === JSON_API ? [] : [`${describe(r)}: Content-Type ${type ? `"${type}"` : 'missing'}, not ${JSON_API}`];
  });
}

/** Callbacks sent after a final status was accepted. */
export function afterFinalProblems(ex: ServiceExchange): string[] {
  const attempts = ex.result.attempts;
  const first = attempts.findIndex((r) => r.status === 200 && FINAL.has(statusSent(r) ?? ''));
  if (first === -1) return [];
  const final = statusSent(attempts[first]!);
  return attempts.slice(first + 1).map((r) => `${describe(r)}: status ${JSON.stringify(statusSent(r) ?? null)} sent after the final "${final}"`);
}

/** The status member a callback sent, when its body has one. */
export function statusSent(r: RecordedRequest): string | undefined {
  const status = (parse(r.body) as { data?: { attributes?: { status?: unknown } } } | undefined)?.data?.attributes?.status;
  return typeof status === 'string' ? status : undefined;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// ---- the callback body, split by the requirement each part belongs to

export type BodyArea = 'body' | 'message' | 'url' | 'outcomes' | 'tags';

/** Which requirement a schema violation belongs to, by where it is. */
export function areaOf(pointer: string): BodyArea {
  if (pointer.startsWith('/data/attributes/message')) return 'message';
  if (pointer.startsWith('/data/attributes/url')) return 'url';
  if (/^\/data\/relationships\/outcomes\/data\/\d+\/attributes\/tags(\/|$)/.test(pointer)) return 'tags';
  if (pointer.startsWith('/data/relationships')) return 'outcomes';
  return 'body';
}

/** The violations of one callback body in one area (a body that is not JSON is a `body` violation). */
export function bodyViolations(r: RecordedRequest, area: BodyArea): Violation[] {
  const json = parse(r.body);
  if (json === undefined) return area === 'body' ? [{ pointer: '/', expected: 'a JSON document', actual: r.body ? JSON.stringify(r.body.slice(0, 60)) : 'an empty body' }] : [];
  return validate('task-result-callback', json).filter((v) => areaOf(v.pointer) === area);
}

export function bodyProblems(ex: ServiceExchange, area: BodyArea): string[] {
  return ex.result.attempts.flatMap((r) => {
    const found = bodyViolations(r, area);
    return found.length ? [`${describe(r)}: ${found.slice(0, 4).map((v) => `${v.pointer}: expected ${v.expected}, got ${v.actual}`).join('; ')}`] : [];
  });
}

/** Outcomes sent as data.attributes.outcomes (the set-up page's short example) where the full examples have data.relationships. */
export function outcomesLocationProblems(ex: ServiceExchange): string[] {
  return ex.result.attempts.flatMap((r) => {
    const data = (parse(r.body) as { data?: { attributes?: { outcomes?: unknown }; relationships?: { outcomes?: unknown } } } | undefined)?.data;
    return data?.attributes?.outcomes !== undefined && data.relationships?.outcomes === undefined
      ? [`${describe(r)}: outcomes sent in data.attributes.outcomes; HCP Terraform reads data.relationships.outcomes.data`]
      : [];
  });
}

// ---- the final status and its deadline

export type FinalJudgement = { outcome: 'pass' } | { outcome: 'fail' | 'inconclusive'; message: string };

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/**
 * Did HCP Terraform end up holding a final status? A final status that was sent and refused fails at once;
 * silence fails only once the documented window has passed, else it is inconclusive (the harness waited less).
 */
export function judgeFinal(ex: ServiceExchange, config: IntegrationSuiteConfig): FinalJudgement {
  if (ex.ended === 'final') return { outcome: 'pass' };
  const attempts = ex.result.attempts;
  const refusedFinal = attempts.filter((r) => r.status !== 200 && FINAL.has(statusSent(r) ?? ''));
  if (refusedFinal.length) {
    const shown = refusedFinal.map((r) => `"${statusSent(r)}" refused with ${r.refusal ?? r.status}`).join('; ');
    return { outcome: 'fail', message: `HCP Terraform holds no final status: ${shown}` };
  }
  const sent = attempts.length ? `${attempts.length} callback(s), none final (${attempts.map((r) => `${statusSent(r) ?? '?'}: ${r.status}`).join(', ')})` : 'no callback';
  const window = ex.ended === 'total' ? `in ${seconds(config.callbackTotalMs)} in all` : `within ${seconds(config.callbackTimeoutMs)} of the last accepted update`;
  if (config.callbackTimeoutMs >= config.documentedCallbackTimeoutMs) return { outcome: 'fail', message: `no final status ${window}: ${sent}; HCP Terraform errors the task after ${seconds(config.documentedCallbackTimeoutMs)} without progress` };
  return {
    outcome: 'inconclusive',
    message: `no final status ${window}: ${sent}. The documented deadline is ${seconds(config.documentedCallbackTimeoutMs)} without progress; --callback-timeout ${Math.round(config.documentedCallbackTimeoutMs / 1000)} judges it as HCP Terraform would`,
  };
}
