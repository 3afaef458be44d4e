// Variants caught by the task-validation suite: each lets one kind of invalid task body through (rewritten
// into a valid one before the faithful target sees it), answers a refusal wrongly, or lets a refusal
// leave something behind. Faithful ones: 422s without source pointers, malformed JSON answered 422.
import type { HookRequest, HookResponse, EmulatorHooks } from '../../../../src/api/emulator/index.ts';
import { answer, broken, faithful, rewriteRequest, rewriteResponse, requestAttributes, route, TASK, TASKS, type Variant } from '../../variant.ts';

const JSON_API = 'application/vnd.api+json';
const CREATE = route('POST', TASKS);
const UPDATE = route('PATCH', TASK);
const WRITE = (req: HookRequest) => CREATE(req) || UPDATE(req);

// ---- an independent judge of task members, for the hooks (deliberately not the target's code)

const NAME = /^[A-Za-z0-9_-]+$/;
const HTTP_URL = /^https?:\/\/[^/\s?#]+(?:[/?#]\S*)?$/;
/** Reachable without a receiver: variants that invent URLs run with URL verification off. */
const SOME_URL = 'http://example.com/run-task';

/** For each member: a valid value for what was sent (the same value when it already is valid). */
const FIX: Record<string, (value: unknown) => unknown> = {
  'name': (v) => (typeof v === 'string' && NAME.test(v) ? v : String(v ?? '').replace(/[^A-Za-z0-9_-]/g, '-') || 'unnamed'),
  'url': (v) => (typeof v === 'string' && HTTP_URL.test(v) ? v : SOME_URL),
  'description': (v) => (typeof v === 'string' ? [...v].slice(0, 300).join('') : String(v)),
  'category': () => 'task',
  'enabled': (v) => (typeof v === 'boolean' ? v : v === 'true' || v === 1),
  'hmac-key': (v) => (typeof v === 'string' ? v : String(v)),
};

const isValid = (key: string, value: unknown) => !(key in FIX) || JSON.stringify(FIX[key]!(value)) === JSON.stringify(value);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** data is an object and so are its attributes, when present (data.type may still be wrong). */
function objectFrame(req: HookRequest): boolean {
  const data = (req.body as { data?: unknown } | undefined)?.data;
  return isObject(data) && (data.attributes === undefined || isObject(data.attributes));
}

/** The request with a well-formed frame: data an object typed "tasks", attributes an object. */
function framed(req: HookRequest): { req: HookRequest; attributes: Record<string, unknown>; changed: boolean } {
  const data = (req.body as { data?: unknown } | undefined)?.data;
  const frame = isObject(data) ? data : {};
  const attributes = isObject(frame.attributes) ? { ...frame.attributes } : {};
  const changed = !objectFrame(req) || frame.type !== 'tasks';
  return { req: { ...req, body: { data: { ...frame, type: 'tasks', attributes } } }, attributes, changed };
}

const withAttributes = (req: HookRequest, attributes: Record<string, unknown>): HookRequest => ({
  ...req,
  body: { data: { ...(req.body as { data: object }).data, attributes } },
});

/** Invalid members repaired (create: missing ones supplied too). */
function repaired(req: HookRequest): { req: HookRequest; changed: boolean } {
  const frame = framed(req);
  const attributes = { ...frame.attributes };
  let changed = frame.changed;
  for (const [key, fix] of Object.entries(FIX)) {
    const present = key in attributes;
    const required = CREATE(req) && ['name', 'url', 'category'].includes(key);
    if (!present && !required) continue;
    const value = fix(present ? attributes[key] : undefined);
    if (JSON.stringify(value) !== JSON.stringify(attributes[key])) changed = true;
    attributes[key] = value;
  }
  return { req: withAttributes(frame.req, attributes), changed };
}

/** Invalid members left out, valid ones kept. */
function stripped(req: HookRequest): { req: HookRequest; changed: boolean } {
  const frame = framed(req);
  const valid = Object.fromEntries(Object.entries(frame.attributes).filter(([key, value]) => isValid(key, value)));
  return { req: withAttributes(frame.req, valid), changed: frame.changed || Object.keys(valid).length !== Object.keys(frame.attributes).length };
}

// ---- hook builders

export const errorDocument = (status: number, detail: string): HookResponse => ({
  status,
  headers: { 'content-type': JSON_API },
  body: { errors: [{ status: String(status), title: status === 422 ? 'invalid attribute' : 'error', detail }] },
});

/** Answers matching requests for which `respond` has an answer; the others reach the target. */
function answerWhen(match: (req: HookRequest) => boolean, respond: (req: HookRequest) => HookResponse | undefined): EmulatorHooks {
  return { onRequest: (req) => (match(req) ? respond(req) ?? req : req) };
}

/** Changes one task attribute of matching requests (when present, unless `always`). */
function rewriteAttribute(match: (req: HookRequest) => boolean, key: string, change: (value: unknown) => unknown, always = false): EmulatorHooks {
  return rewriteRequest(match, (req) => {
    const attributes = requestAttributes(req);
    if (attributes && (always || key in attributes)) attributes[key] = change(attributes[key]);
  });
}

/** Answers 422 for matching requests whose attribute `key` satisfies `refuse`. */
function refuseAttribute(match: (req: HookRequest) => boolean, key: string, refuse: (value: unknown) => boolean): EmulatorHooks {
  return answer(
    (req) => match(req) && refuse(requestAttributes(req)?.[key]),
    () => errorDocument(422, `${key} is invalid`),
  );
}

const MARK = 'x-rtc-refused';

/**
 * The request is applied as `apply` turns it (when that changed something) and yet answered with a 422:
 * a refusal that leaves a side effect behind.
 */
export function appliedButRefused(match: (req: HookRequest) => boolean, apply: (req: HookRequest) => { req: HookRequest; changed: boolean }): EmulatorHooks {
  return {
    onRequest: (req) => {
      if (!match(req)) return req;
      const result = apply(req);
      return result.changed ? { ...result.req, headers: { ...result.req.headers, [MARK]: '1' } } : req;
    },
    onResponse: (req, res) => (req.headers[MARK] && res.status >= 200 && res.status < 300 ? errorDocument(422, 'invalid attribute') : res),
  };
}

const isString = (v: unknown): v is string => typeof v === 'string';

// ---- the check ids the suite generates (kept in step with suites/api/task-validation.test.ts)

type Ids = [string, ...string[]];
const ids = (requirement: string, labels: string[]): Ids => labels.map((label) => `task.validate.${requirement}[${label}]`) as Ids;
const both = (requirement: string, member: string, labels: string[]): Ids => [...ids(requirement, labels), ...ids('update', labels.map((l) => `${member}:${l}`))];

const NAME_LABELS = ['space', 'dot', 'slash', 'backslash', 'at', 'colon', 'plus', 'unicode', 'emoji', 'empty'];
const URL_LABELS = ['not-a-url', 'no-scheme', 'ftp', 'scheme-only', 'relative', 'javascript', 'space-in-host', 'empty'];
const CATEGORY_LABELS = ['mis-cased', 'upper-case', 'plural', 'other', 'empty'];
const TYPE_LABELS = ['workspace-tasks', 'mis-cased', 'singular', 'number'];
const MEMBER_TYPE_LABELS = ['name:number', 'name:array', 'name:null', 'url:number', 'url:object', 'description:number', 'category:number', 'enabled:string', 'enabled:number', 'hmac-key:number', 'hmac-key:boolean'];
const FRAME_LABELS = ['attributes:string', 'attributes:array', 'data:array'];
const MALFORMED_LABELS = ['truncated', 'trailing-comma', 'single-quotes', 'form-encoded', 'plain-text'];
const MALFORMED: Ids = ['create', 'update'].flatMap((op) => MALFORMED_LABELS.map((l) => `input.malformed-json[${op}:${l}]`)) as Ids;
const WRONG_TYPES: Ids = [...ids('wrong-types', [...MEMBER_TYPE_LABELS, ...FRAME_LABELS]), ...ids('update', [...MEMBER_TYPE_LABELS, ...FRAME_LABELS])] as Ids;
const ALL_UPDATES: Ids = ids('update', [
  ...NAME_LABELS.map((l) => `name:${l}`),
  ...URL_LABELS.map((l) => `url:${l}`),
  ...CATEGORY_LABELS.map((l) => `category:${l}`),
  'description:301',
  ...MEMBER_TYPE_LABELS,
  ...FRAME_LABELS,
  ...TYPE_LABELS.map((l) => `type:${l}`),
]);
const REFUSAL_REQUIREMENTS: Ids = ['type', 'required', 'name-characters', 'url', 'description-length', 'category', 'wrong-types', 'update'].map((r) => `task.validate.${r}`) as Ids;

const withoutVerification = { verifyUrls: false } as const;

const v = (variant: Omit<Variant, 'suites' | 'caughtBy'> & { caughtBy: Ids }): Variant => broken({ suites: ['task-validation'], ...variant });

export default [
  // data.type
  v({
    name: 'task-type-unchecked-on-create',
    description: 'a create with a missing or wrong data.type is accepted as "tasks"',
    hooks: rewriteRequest(CREATE, (req) => framed(req).req),
    caughtBy: ids('type', ['missing', ...TYPE_LABELS]),
  }),
  v({
    name: 'task-type-unchecked-on-update',
    description: 'a PATCH with a wrong data.type is applied as if it said "tasks"',
    hooks: rewriteRequest(UPDATE, (req) => framed(req).req),
    caughtBy: ids('update', TYPE_LABELS.map((l) => `type:${l}`)),
  }),

  // required members
  v({
    name: 'task-name-not-required',
    description: 'a create without name gets a generated one',
    hooks: rewriteAttribute(CREATE, 'name', (name) => name ?? 'unnamed-task', true),
    caughtBy: ['task.validate.required[name]'],
  }),
  v({
    name: 'task-url-not-required',
    description: 'a create without url gets a default one',
    hooks: rewriteAttribute(CREATE, 'url', (url) => url ?? SOME_URL, true),
    target: withoutVerification,
    caughtBy: ['task.validate.required[url]'],
  }),
  v({
    name: 'task-category-defaults',
    description: 'a create without category defaults it to "task" (as go-tfe and the provider would send)',
    hooks: rewriteAttribute(CREATE, 'category', (category) => category ?? 'task', true),
    caughtBy: ['task.validate.required[category]'],
  }),

  // name
  v({
    name: 'task-name-characters-unchecked',
    description: 'names with any characters are accepted (stored with the bad characters replaced)',
    hooks: rewriteAttribute(WRITE, 'name', (name) => (isString(name) ? FIX.name!(name) : name)),
    caughtBy: both('name-characters', 'name', NAME_LABELS),
  }),
  v({
    name: 'task-name-allows-dots',
    description: 'only dots slip through the name rule',
    hooks: rewriteAttribute(WRITE, 'name', (name) => (isString(name) ? name.replaceAll('.', '-') : name)),
    caughtBy: ['task.validate.name-characters[dot]', 'task.validate.update[name:dot]'],
  }),
  v({
    name: 'task-name-allows-unicode-letters',
    description: 'the name rule is \\p{L}\\p{N} rather than ASCII letters and digits',
    hooks: rewriteAttribute(WRITE, 'name', (name) => (isString(name) ? name.replace(/[^\x00-\x7f]/gu, (c) => (/[\p{L}\p{N}]/u.test(c) ? 'a' : c)) : name)),
    caughtBy: ['task.validate.name-characters[unicode]', 'task.validate.update[name:unicode]'],
  }),
  v({
    name: 'task-name-refuses-underscore',
    description: 'names containing "_" are refused although the page allows them',
    hooks: refuseAttribute(CREATE, 'name', (name) => isString(name) && name.includes('_')),
    caughtBy: ['task.validate.name-accepted[underscores]', 'task.validate.name-accepted[mixed]'],
  }),
  v({
    name: 'task-name-refuses-upper-case',
    description: 'names with upper-case letters are refused',
    hooks: refuseAttribute(CREATE, 'name', (name) => isString(name) && /[A-Z]/.test(name)),
    caughtBy: ['task.validate.name-accepted[letters]', 'task.validate.name-accepted[letters-digits]', 'task.validate.name-accepted[hyphens]', 'task.validate.name-accepted[mixed]'],
  }),
  v({
    name: 'task-name-lower-cased',
    description: 'names are stored lower-cased',
    hooks: rewriteAttribute(CREATE, 'name', (name) => (isString(name) ? name.toLowerCase() : name)),
    caughtBy: ['task.validate.name-accepted[letters]', 'task.validate.name-accepted[mixed]'],
  }),

  // url
  v({
    name: 'task-url-unchecked',
    description: 'any url is accepted (stored as some valid URL; URL verification off)',
    hooks: rewriteAttribute(WRITE, 'url', (url) => (isString(url) ? FIX.url!(url) : url)),
    target: withoutVerification,
    caughtBy: both('url', 'url', URL_LABELS),
  }),
  v({
    name: 'task-url-allows-ftp',
    description: 'the URL rule only asks for a scheme and a host: ftp:// passes (URL verification off)',
    hooks: rewriteAttribute(WRITE, 'url', (url) => (isString(url) ? url.replace(/^ftp:/, 'http:') : url)),
    target: withoutVerification,
    caughtBy: ['task.validate.url[ftp]', 'task.validate.update[url:ftp]'],
  }),

  // description
  v({
    name: 'task-description-off-by-one',
    description: '301 characters are accepted (the last one dropped)',
    hooks: rewriteAttribute(WRITE, 'description', (d) => (isString(d) && [...d].length === 301 ? [...d].slice(0, 300).join('') : d)),
    caughtBy: ['task.validate.description-length[301-refused]', 'task.validate.update[description:301]'],
  }),
  v({
    name: 'task-description-limit-exclusive',
    description: 'a description of exactly 300 characters is refused',
    hooks: refuseAttribute(WRITE, 'description', (d) => isString(d) && [...d].length >= 300),
    caughtBy: ['task.validate.description-length[300-accepted]', 'task.validate.description-length[300-accepted:multibyte]'],
  }),
  v({
    name: 'task-description-counts-bytes',
    description: 'the 300 limit is applied to UTF-8 bytes, not characters',
    hooks: refuseAttribute(WRITE, 'description', (d) => isString(d) && Buffer.byteLength(d) > 300),
    caughtBy: ['task.validate.description-length[300-accepted:multibyte]'],
  }),
  v({
    name: 'task-description-truncated',
    description: 'descriptions are stored cut to 255 characters',
    hooks: rewriteAttribute(WRITE, 'description', (d) => (isString(d) ? [...d].slice(0, 255).join('') : d)),
    caughtBy: ['task.validate.description-length[300-accepted]', 'task.validate.description-length[300-accepted:multibyte]'],
  }),

  // category
  v({
    name: 'task-category-unchecked',
    description: 'any category is accepted and stored as "task"',
    hooks: rewriteAttribute(WRITE, 'category', () => 'task'),
    caughtBy: both('category', 'category', CATEGORY_LABELS),
  }),
  v({
    name: 'task-category-case-insensitive',
    description: 'category is compared lower-cased',
    hooks: rewriteAttribute(WRITE, 'category', (c) => (isString(c) ? c.toLowerCase() : c)),
    caughtBy: ['task.validate.category[mis-cased]', 'task.validate.category[upper-case]', 'task.validate.update[category:mis-cased]'],
  }),

  // wrong types
  v({
    name: 'task-enabled-string-coerced',
    description: 'enabled "true"/"false" (as the page samples send it) and 1/0 are coerced to booleans',
    hooks: rewriteAttribute(WRITE, 'enabled', (e) => (typeof e === 'boolean' ? e : e === 'true' || e === 1)),
    caughtBy: ['task.validate.wrong-types[enabled:string]', 'task.validate.wrong-types[enabled:number]', 'task.validate.update[enabled:string]', 'task.validate.update[enabled:number]'],
  }),
  v({
    name: 'task-scalars-stringified',
    description: 'numbers and booleans sent for string members are turned into strings',
    hooks: rewriteRequest(WRITE, (req) => {
      const attributes = requestAttributes(req);
      for (const key of ['name', 'description', 'hmac-key']) {
        if (attributes && (typeof attributes[key] === 'number' || typeof attributes[key] === 'boolean')) attributes[key] = String(attributes[key]);
      }
    }),
    caughtBy: [...ids('wrong-types', ['name:number', 'description:number', 'hmac-key:number', 'hmac-key:boolean']), ...ids('update', ['name:number', 'description:number', 'hmac-key:number', 'hmac-key:boolean'])] as Ids,
  }),
  v({
    name: 'task-wrong-types-crash',
    description: 'a member or frame of the wrong JSON type makes the target fail with 500',
    hooks: answerWhen(WRITE, (req) => (wrongType(req) ? errorDocument(500, 'internal server error') : undefined)),
    caughtBy: WRONG_TYPES,
  }),
  v({
    name: 'task-frame-errors-400',
    description: 'attributes or data that are not objects answer 400 instead of 422',
    hooks: answerWhen(WRITE, (req) => (objectFrame(req) ? undefined : errorDocument(400, 'bad request'))),
    caughtBy: [...ids('wrong-types', FRAME_LABELS), ...ids('update', FRAME_LABELS)] as Ids,
  }),

  // update
  v({
    name: 'task-update-unvalidated',
    description: 'PATCH ignores invalid members instead of refusing the request',
    hooks: rewriteRequest(UPDATE, (req) => stripped(req).req),
    caughtBy: ALL_UPDATES,
  }),

  // no side effect
  v({
    name: 'task-refused-create-persists',
    description: 'an invalid create answers 422 but the task is created anyway (repaired; URL verification off)',
    hooks: appliedButRefused(CREATE, repaired),
    target: withoutVerification,
    caughtBy: ['task.validate.no-side-effect[create]'],
  }),
  v({
    name: 'task-refused-update-applies-valid-members',
    description: 'a PATCH with an invalid member answers 422 but its valid members are applied',
    hooks: appliedButRefused(UPDATE, stripped),
    caughtBy: ['task.validate.no-side-effect[update]'],
  }),

  // refusals answered wrongly
  v({
    name: 'task-refusal-answers-400',
    description: 'every 422 of the task endpoints is a 400',
    hooks: rewriteResponse(WRITE, (res) => (res.status === 422 ? errorDocument(400, 'bad request') : res)),
    caughtBy: REFUSAL_REQUIREMENTS,
  }),
  v({
    name: 'task-refusal-plain-json',
    description: '422 error documents are sent as application/json',
    hooks: rewriteResponse(WRITE, (res) => (res.status === 422 ? { ...res, headers: { ...res.headers, 'content-type': 'application/json' } } : res)),
    caughtBy: REFUSAL_REQUIREMENTS,
  }),
  v({
    name: 'task-refusal-bare-messages',
    description: '422 bodies list bare messages ({"errors": ["..."]}, which go-tfe tolerates) instead of error objects',
    hooks: rewriteResponse(WRITE, (res) => (res.status === 422 ? { ...res, body: { errors: ['invalid attribute'] } } : res)),
    caughtBy: REFUSAL_REQUIREMENTS,
  }),

  // malformed JSON
  v({
    name: 'task-malformed-json-500',
    description: 'a body that is not JSON crashes the target (500)',
    hooks: answerWhen(WRITE, (req) => (typeof req.body === 'string' ? errorDocument(500, 'internal server error') : undefined)),
    caughtBy: MALFORMED,
  }),
  v({
    name: 'task-malformed-json-plain-text',
    description: 'a body that is not JSON answers 400 with a text/plain body',
    hooks: answerWhen(WRITE, (req) => (typeof req.body === 'string' ? { status: 400, headers: { 'content-type': 'text/plain' }, body: 'Bad Request' } : undefined)),
    caughtBy: MALFORMED,
  }),
  v({
    name: 'task-malformed-json-lenient',
    description: 'a lenient parser accepts trailing commas',
    hooks: rewriteRequest(WRITE, (req) => {
      if (typeof req.body !== 'string') return;
      try {
        return { ...req, body: JSON.parse(req.body.replace(/,\s*([}\]])/g, '$1')) as unknown };
      } catch {
        return;
      }
    }),
    caughtBy: ['input.malformed-json[create:trailing-comma]', 'input.malformed-json[update:trailing-comma]'],
  }),

  // legal oddities that must not raise an alarm
  faithful({
    name: 'task-refusals-without-pointer',
    description: '422 errors carry no source.pointer (judged by errors.pointer, a SHOULD of another suite, never here)',
    suites: ['task-validation', 'global-configuration'],
    hooks: rewriteResponse(() => true, (res) => {
      const errors = (res.body as { errors?: Record<string, unknown>[] } | undefined)?.errors;
      for (const error of Array.isArray(errors) ? errors : []) delete error.source;
    }),
  }),
  faithful({
    name: 'task-malformed-json-422',
    description: 'a body that is not JSON is answered 422 (any 4xx with an error document is right)',
    suites: ['task-validation'],
    hooks: answerWhen(WRITE, (req) => (typeof req.body === 'string' ? errorDocument(422, 'The request body is not JSON.') : undefined)),
  }),
] satisfies Variant[];

/** A member of the wrong JSON type, or a frame that is not made of objects (not merely a wrong data.type). */
function wrongType(req: HookRequest): boolean {
  if (typeof req.body === 'string') return false; // malformed JSON: not a type error
  if (!objectFrame(req)) return true;
  const attributes = requestAttributes(req) ?? {};
  const strings = ['name', 'url', 'description', 'category', 'hmac-key'].some((k) => k in attributes && typeof attributes[k] !== 'string');
  return strings || ('enabled' in attributes && typeof attributes.enabled !== 'boolean');
}
