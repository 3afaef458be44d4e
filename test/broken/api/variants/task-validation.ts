// Variants caught by the task-validation suite: each lets one kind of invalid task body through (rewritten
// into a valid one before the faithful target sees it), answers a refusal wrongly, or lets a refusal
// leave something behind. Faithful ones: 422s without source pointers, malformed JSON answered 422.
import type { HookRequest, HookResponse, EmulatorHooks } from '../../../../src/api/emulator/index.ts';
import { answer, broken, eachResource, faithful, rewriteRequest, rewriteResponse, requestAttributes, route, TASK, TASKS, type Variant } from '../../variant.ts';

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
const SENT = 'x-rtc-sent';

/**
 * Members of the `keys` whose value `wrong` picks are made valid for the target (coerced, as a lenient server
 * would), and every answer and read-back then shows the value as it was sent: a wrong type stored as such.
 */
function storedAsSent(wrong: (value: unknown) => boolean, keys: readonly string[]): EmulatorHooks {
  const stored = new Map<string, Record<string, unknown>>(); // task id -> members kept as sent
  return {
    onRequest: (req) => {
      const attributes = requestAttributes(req);
      if (!WRITE(req) || !isObject(attributes)) return req;
      const sent = Object.fromEntries(keys.filter((k) => wrong(attributes[k])).map((k) => [k, attributes[k]]));
      if (Object.keys(sent).length === 0) return req;
      for (const key of Object.keys(sent)) attributes[key] = key === 'enabled' ? sent[key] === 'true' || sent[key] === 1 : String(sent[key]);
      return { ...req, headers: { ...req.headers, [SENT]: JSON.stringify(sent) } };
    },
    onResponse: (req, res) => {
      const sent = req.headers[SENT];
      eachResource(res.body, (r) => {
        if (r.type !== 'tasks' || !r.attributes) return;
        if (sent && res.status < 300) stored.set(r.id, { ...stored.get(r.id), ...(JSON.parse(sent) as Record<string, unknown>) });
        Object.assign(r.attributes, stored.get(r.id));
      });
      return res;
    },
  };
}

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
const onUpdate = (requirement: string, labels: string[]): Ids => ids(requirement, labels.map((l) => `update:${l}`));
const both = (requirement: string, labels: string[]): Ids => [...ids(requirement, labels), ...onUpdate(requirement, labels)];

const NAME_LABELS = ['space', 'dot', 'slash', 'backslash', 'at', 'colon', 'plus', 'unicode', 'emoji', 'empty'];
const URL_LABELS = ['not-a-url', 'no-scheme', 'ftp', 'scheme-only', 'relative', 'javascript', 'space-in-host', 'empty'];
const CATEGORY_LABELS = ['mis-cased', 'upper-case', 'plural', 'other', 'empty'];
const TYPE_LABELS = ['workspace-tasks', 'mis-cased', 'singular', 'number'];
const MEMBER_TYPE_LABELS = ['name:number', 'name:array', 'name:null', 'url:number', 'url:object', 'description:number', 'category:number', 'enabled:number', 'hmac-key:number', 'hmac-key:boolean'];
const FRAME_LABELS = ['attributes:string', 'attributes:array', 'data:array'];
const MALFORMED_LABELS = ['truncated', 'trailing-comma', 'single-quotes', 'form-encoded', 'plain-text'];
const MALFORMED: Ids = ['create', 'update'].flatMap((op) => MALFORMED_LABELS.map((l) => `input.malformed-json[${op}:${l}]`)) as Ids;
const MALFORMED_DOCUMENT: Ids = ['create', 'update'].flatMap((op) => ['truncated', 'plain-text'].map((l) => `input.malformed-json.document[${op}:${l}]`)) as Ids;
const WRONG_TYPES: Ids = both('wrong-types', [...MEMBER_TYPE_LABELS, ...FRAME_LABELS]);
/** Refusals of a PATCH that a target applying it without validation gets wrong (wrong types may be coerced). */
const VALIDATED_UPDATES: Ids = [
  ...onUpdate('name-characters', NAME_LABELS),
  ...onUpdate('url', URL_LABELS),
  ...onUpdate('category', CATEGORY_LABELS),
  ...onUpdate('description-length', ['301-refused']),
  ...onUpdate('type', TYPE_LABELS),
] as Ids;
/** The rules whose refusal the page gives as 422 (the others take any 4xx). */
const REFUSED_422: Ids = ['type', 'required', 'name-characters', 'description-length', 'category'].map((r) => `task.validate.${r}`) as Ids;

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
    caughtBy: onUpdate('type', TYPE_LABELS),
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
    caughtBy: both('name-characters', NAME_LABELS),
  }),
  v({
    name: 'task-name-allows-dots',
    description: 'only dots slip through the name rule',
    hooks: rewriteAttribute(WRITE, 'name', (name) => (isString(name) ? name.replaceAll('.', '-') : name)),
    caughtBy: both('name-characters', ['dot']),
  }),
  v({
    name: 'task-name-allows-unicode-letters',
    description: 'the name rule is \\p{L}\\p{N} rather than ASCII letters and digits',
    hooks: rewriteAttribute(WRITE, 'name', (name) => (isString(name) ? name.replace(/[^\x00-\x7f]/gu, (c) => (/[\p{L}\p{N}]/u.test(c) ? 'a' : c)) : name)),
    caughtBy: both('name-characters', ['unicode']),
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
    caughtBy: both('url', URL_LABELS),
  }),
  v({
    name: 'task-url-allows-ftp',
    description: 'the URL rule only asks for a scheme and a host: ftp:// passes (URL verification off)',
    hooks: rewriteAttribute(WRITE, 'url', (url) => (isString(url) ? url.replace(/^ftp:/, 'http:') : url)),
    target: withoutVerification,
    caughtBy: both('url', ['ftp']),
  }),

  // description
  v({
    name: 'task-description-off-by-one',
    description: '301 characters are accepted (the last one dropped)',
    hooks: rewriteAttribute(WRITE, 'description', (d) => (isString(d) && [...d].length === 301 ? [...d].slice(0, 300).join('') : d)),
    caughtBy: both('description-length', ['301-refused']),
  }),
  v({
    name: 'task-description-limit-exclusive',
    description: 'a description of exactly 300 characters is refused',
    hooks: refuseAttribute(WRITE, 'description', (d) => isString(d) && [...d].length >= 300),
    caughtBy: ['task.description.kept[300]', 'task.validate.description-length[300-accepted:multibyte]'],
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
    caughtBy: ['task.description.kept[300]', 'task.validate.description-length[300-accepted:multibyte]'],
  }),

  // category
  v({
    name: 'task-category-unchecked',
    description: 'any category is accepted and stored as "task"',
    hooks: rewriteAttribute(WRITE, 'category', () => 'task'),
    caughtBy: both('category', CATEGORY_LABELS),
  }),
  v({
    name: 'task-category-case-insensitive',
    description: 'category is compared lower-cased',
    hooks: rewriteAttribute(WRITE, 'category', (c) => (isString(c) ? c.toLowerCase() : c)),
    caughtBy: ['task.validate.category[mis-cased]', 'task.validate.category[upper-case]', 'task.validate.category[update:mis-cased]'],
  }),

  // wrong types: refused, or accepted with the value coerced or dropped; never a 5xx, never stored as sent
  v({
    name: 'task-wrong-types-stored',
    description: 'a member of the wrong JSON type is accepted and shown as sent (42 for a name, 1 for enabled)',
    hooks: storedAsSent((value) => typeof value === 'number', ['name', 'description', 'enabled']),
    caughtBy: both('wrong-types', ['name:number', 'description:number', 'enabled:number']),
  }),
  v({
    name: 'task-wrong-types-crash',
    description: 'a member or frame of the wrong JSON type makes the target fail with 500',
    hooks: answerWhen(WRITE, (req) => (wrongType(req) ? errorDocument(500, 'internal server error') : undefined)),
    caughtBy: WRONG_TYPES,
  }),
  v({
    name: 'task-enabled-string-kept-as-string',
    description: 'the samples\' "enabled": "true" is accepted and shown as the string',
    hooks: storedAsSent((value) => typeof value === 'string', ['enabled']),
    caughtBy: ['task.enabled.boolean[create:string-true]', 'task.enabled.boolean[update:string-false]'],
  }),
  v({
    name: 'task-enabled-string-misread',
    description: '"enabled": "false" is read as true (any non-empty string is truthy)',
    hooks: rewriteAttribute(WRITE, 'enabled', (e) => (typeof e === 'string' ? e.length > 0 : e)),
    caughtBy: ['task.enabled.boolean[update:string-false]'],
  }),
  v({
    name: 'task-enabled-string-crash',
    description: 'the samples\' "enabled": "true" makes the target fail with 500',
    hooks: answerWhen(WRITE, (req) => (typeof requestAttributes(req)?.enabled === 'string' ? errorDocument(500, 'internal server error') : undefined)),
    caughtBy: ['task.enabled.boolean[create:string-true]', 'task.enabled.boolean[update:string-false]'],
  }),

  // nullable members
  v({
    name: 'task-null-description-refused',
    description: 'a create sending "description": null (as go-tfe does) is refused with 422',
    hooks: refuseAttribute(CREATE, 'description', (d) => d === null),
    caughtBy: ['task.create.nullable[description]'],
  }),
  v({
    name: 'task-null-hmac-key-refused',
    description: 'a create sending "hmac-key": null is refused with 422',
    hooks: refuseAttribute(CREATE, 'hmac-key', (k) => k === null),
    caughtBy: ['task.create.nullable[hmac-key]'],
  }),

  // update
  v({
    name: 'task-update-unvalidated',
    description: 'PATCH ignores invalid members instead of refusing the request',
    hooks: rewriteRequest(UPDATE, (req) => stripped(req).req),
    caughtBy: VALIDATED_UPDATES,
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
    description: 'every 422 of the task endpoints is a 400 (wrong only where the page names 422)',
    hooks: rewriteResponse(WRITE, (res) => (res.status === 422 ? errorDocument(400, 'bad request') : res)),
    caughtBy: REFUSED_422,
    notCaughtBy: ['task.validate.url', 'task.validate.wrong-types'],
  }),
  v({
    name: 'task-refusal-plain-json',
    description: '422 error documents are sent as application/json',
    hooks: rewriteResponse(WRITE, (res) => (res.status === 422 ? { ...res, headers: { ...res.headers, 'content-type': 'application/json' } } : res)),
    caughtBy: [...REFUSED_422, 'task.validate.url', 'task.validate.wrong-types[name:null]'],
  }),
  v({
    name: 'task-refusal-bare-messages',
    description: '422 bodies list bare messages ({"errors": ["..."]}, which go-tfe tolerates) instead of error objects',
    hooks: rewriteResponse(WRITE, (res) => (res.status === 422 ? { ...res, body: { errors: ['invalid attribute'] } } : res)),
    caughtBy: [...REFUSED_422, 'task.validate.url', 'task.validate.wrong-types[name:null]'],
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
    caughtBy: MALFORMED_DOCUMENT,
    notCaughtBy: ['input.malformed-json'],
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
    name: 'task-wrong-types-coerced',
    description: 'as Rails would: "true"/"false" and 1/0 become booleans, numbers and booleans sent for string members become strings',
    suites: ['task-validation'],
    hooks: rewriteRequest(WRITE, (req) => {
      const attributes = requestAttributes(req);
      if (!isObject(attributes)) return;
      for (const key of ['name', 'description', 'hmac-key']) if (typeof attributes[key] === 'number' || typeof attributes[key] === 'boolean') attributes[key] = String(attributes[key]);
      if (typeof attributes.enabled !== 'boolean' && 'enabled' in attributes) attributes.enabled = attributes.enabled === 'true' || attributes.enabled === 1;
    }),
  }),
  faithful({
    name: 'task-wrong-types-dropped',
    description: 'as strong parameters would: members of the wrong JSON type are dropped (a create then lacks what it needs)',
    suites: ['task-validation'],
    hooks: rewriteRequest(WRITE, (req) => {
      const attributes = requestAttributes(req);
      if (!attributes) return;
      for (const [key, value] of Object.entries(attributes)) if (key in FIX && value !== null && typeof value === 'object') delete attributes[key];
    }),
  }),
  faithful({
    name: 'task-enabled-string-refused',
    description: 'the samples\' "enabled": "true" is refused with 422 (a JSON boolean is what the attribute table says)',
    suites: ['task-validation'],
    hooks: refuseAttribute(WRITE, 'enabled', (e) => typeof e === 'string'),
  }),
  faithful({
    name: 'task-refusals-400-where-no-status-is-named',
    description: 'URL and wrong-type refusals, and frames that are not objects, answer 400 (the page names no status for them)',
    suites: ['task-validation'],
    hooks: rewriteResponse(WRITE, (res, req) => (res.status === 422 && (wrongType(req) || badUrl(req)) ? errorDocument(400, 'bad request') : res)),
  }),
  faithful({
    name: 'task-description-null-when-omitted',
    description: 'a task created without a description (or with a null one) shows "description": null',
    suites: ['task-validation', 'task-lifecycle'],
    hooks: rewriteResponse(
      (req) => req.path.startsWith('/api/v2/'),
      (res) => {
        eachResource(res.body, (resource) => {
          if (resource.type === 'tasks' && resource.attributes?.description === '') resource.attributes.description = null;
        });
      },
    ),
  }),
  faithful({
    name: 'task-malformed-json-422',
    description: 'a body that is not JSON is answered 422 (any 4xx with an error document is right)',
    suites: ['task-validation'],
    hooks: answerWhen(WRITE, (req) => (typeof req.body === 'string' ? errorDocument(422, 'The request body is not JSON.') : undefined)),
  }),
] satisfies Variant[];

/** A url member that is present and is no http(s) URL. */
function badUrl(req: HookRequest): boolean {
  const url = requestAttributes(req)?.url;
  return url !== undefined && !(typeof url === 'string' && HTTP_URL.test(url));
}

/** A member of the wrong JSON type, or a frame that is not made of objects (not merely a wrong data.type). */
function wrongType(req: HookRequest): boolean {
  if (typeof req.body === 'string') return false; // malformed JSON: not a type error
  if (!objectFrame(req)) return true;
  const attributes = requestAttributes(req) ?? {};
  const strings = ['name', 'url', 'description', 'category', 'hmac-key'].some((k) => k in attributes && typeof attributes[k] !== 'string');
  return strings || ('enabled' in attributes && typeof attributes.enabled !== 'boolean');
}
