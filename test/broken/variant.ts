// A deliberately broken (or deliberately odd but faithful) variant of the embedded emulator.
// Broken variants prove that checks can fail; faithful variants prove that they do not raise false alarms.
import type { SuiteName } from '../../src/config/config.ts';
import type { SuiteConfig } from '../../src/runner/suite-config.ts';
import type { HookRequest, HookResponse, EmulatorHooks, EmulatorOptions } from '../../src/api/emulator/index.ts';

/** What every variant, of either side, says about the checks run against it. */
export interface Caught {
  /** Unique, kebab-case. */
  name: string;
  /** What deviation from the contract it simulates (or, for faithful ones, what legal oddity). */
  description: string;
  /** Check ids, or requirement ids (then any of its variants counts), that MUST end fail or warn. Empty for faithful variants. */
  caughtBy: string[];
  /** Check or requirement ids that must NOT end fail or warn (a deviation judged by one requirement only). */
  notCaughtBy?: string[];
  /** Check or requirement ids that must end not-applicable (a missing setting is never a silent pass). */
  notApplicable?: string[];
}

export interface Variant extends Caught {
  /** The suites to run against it (keep it to the ones that matter: speed). */
  suites: SuiteName[];
  hooks?: EmulatorHooks;
  target?: Omit<EmulatorOptions, 'hooks'>;
  /** Changes to the suite configuration the run would otherwise get (e.g. no restricted token). */
  settings?: Partial<SuiteConfig>;
  /** Judge as `--strict` does (the documentation's letter); a faithful variant so run proves no reading the page allows fails even then. */
  strict?: boolean;
}

export const broken = (v: Omit<Variant, 'caughtBy'> & { caughtBy: [string, ...string[]] }): Variant => v;
export const faithful = (v: Omit<Variant, 'caughtBy'>): Variant => ({ ...v, caughtBy: [] });

// ---- small hook builders, so each variant is one line of intent

type Match = (req: HookRequest) => boolean;

export const route =
  (method: string, pattern: RegExp): Match =>
  (req) =>
    req.method === method && pattern.test(req.path);

export const TASKS = /^\/api\/v2\/organizations\/[^/]+\/tasks$/;
export const TASK = /^\/api\/v2\/tasks\/[^/]+$/;
export const WS_TASKS = /^\/api\/v2\/workspaces\/[^/]+\/tasks$/;
export const WS_TASK = /^\/api\/v2\/workspaces\/[^/]+\/tasks\/[^/]+$/;

/** Rewrites the response of matching requests. */
export function rewriteResponse(match: Match, change: (res: HookResponse, req: HookRequest) => HookResponse | void): EmulatorHooks {
  return { onResponse: (req, res) => (match(req) ? change(res, req) ?? res : res) };
}

/** Rewrites matching requests before the faithful target sees them. */
export function rewriteRequest(match: Match, change: (req: HookRequest) => HookRequest | void): EmulatorHooks {
  return { onRequest: (req) => (match(req) ? change(req) ?? req : req) };
}

/** Answers matching requests itself, without reaching the API. */
export function answer(match: Match, res: (req: HookRequest) => HookResponse): EmulatorHooks {
  return { onRequest: (req) => (match(req) ? res(req) : req) };
}

/** Mutates the JSON body of a response (the resource, or each item of a list) in place. */
export function eachResource(body: unknown, change: (resource: Record<string, any>) => void): void {
  const data = (body as { data?: unknown } | undefined)?.data;
  for (const item of Array.isArray(data) ? data : data ? [data] : []) change(item as Record<string, any>);
}

/** The attributes of a request body, for request rewrites. */
export function requestAttributes(req: HookRequest): Record<string, any> | undefined {
  return (req.body as { data?: { attributes?: Record<string, any> } } | undefined)?.data?.attributes;
}
