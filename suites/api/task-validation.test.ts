// Task validation: what POST /organizations/:org/tasks and PATCH /tasks/:id must refuse or accept
// (run-tasks-api § Create a Run Task and § Update a Run Task, Request Body), and that a refusal changes nothing.
// Where the page names the status (422) the check asks for it; where it names none, or where refusing and
// coercing are both readings of it (wrong types, the samples' "true" strings), every reading passes.
// Source pointers of the 422s are judged by errors.pointer (errors suite), not here.
import type { ApiResponse } from '../../src/client/index.ts';
import type { TaskDocument } from '../../src/types/contract.ts';
import { taskBody } from './_harness/payloads.ts';
import { errorDocumentProblem, mediaTypeProblem, statusProblem, wrongTypeProblems } from './_harness/predicates.ts';
import { defineSuite, type CheckContext } from './_harness/suite.ts';

const suite = defineSuite('task-validation');

type Attributes = Record<string, unknown>;
/** Marks a member to leave out of the request body. */
const OMIT = Symbol('omit');
type Changes = Record<string, unknown>;

const DESCRIPTION_MAX = 300;
/** Letters, digits, spaces and special characters: the page counts them all. */
const text = (length: number, alphabet = 'Run task 42: ok -_!?.,;()') => Array.from({ length }, (_, i) => alphabet[i % alphabet.length]).join('');

/** How a check judges the answer to a body the page calls invalid. */
type Judgement = (t: CheckContext, res: ApiResponse, taskId: string | undefined) => Promise<void>;

/** The page's letter: 422 with a JSON:API error document. */
const refused422: Judgement = async (t, res) => t.error(res, 422);

/** A refusal where the page names no status for it: any 4xx with an error document. */
const refused4xx: Judgement = async (t, res) => t.refused(res);

/**
 * Where the page allows refusing or coercing (api-facts §13): a 4xx refusal, or a success whose task shows
 * every attribute with its documented type, in the answer and when shown again. Never a 5xx.
 */
const refusedOrTyped: Judgement = async (t, res, taskId) => {
  if (res.status >= 400 && res.status <= 499) return t.refused(res);
  if (res.status < 200 || res.status > 299) t.fail(`expected a refusal (4xx) or an accepted, well-typed task, got ${res.status}`);
  const id = taskId ?? t.keepCreated(res);
  if (id === undefined) return t.fail(`the request was accepted (${res.status}) but the answer names no task`);
  t.none([...wrongTypeProblems(attributesOf(res), 'the answer'), ...wrongTypeProblems(await shownAttributes(t, id), 'show')]);
};

/** Each rule's judgement: the page's letter where it names the status, a reading the page allows elsewhere. */
const JUDGED_BY: Record<string, Judgement> = {
  'task.validate.url': refused4xx,
  'task.validate.wrong-types': refusedOrTyped,
};
const judgementOf = (requirement: string): Judgement => JUDGED_BY[requirement] ?? refused422;

/** A member value the contract refuses, on create and on update alike. `value` gets a fresh valid name to build on. */
interface BadValue {
  requirement: string;
  /** The check variant on create; on update it is prefixed with "update:". */
  label: string;
  member: string;
  value: (stem: string) => unknown;
}

const bad = (requirement: string, member: string, cases: [label: string, value: (stem: string) => unknown][]): BadValue[] =>
  cases.map(([label, value]) => ({ requirement: `task.validate.${requirement}`, label, member, value }));

const BAD_VALUES: readonly BadValue[] = [
  ...bad('name-characters', 'name', [
    ['space', (s) => `${s} x`],
    ['dot', (s) => `${s}.x`],
    ['slash', (s) => `${s}/x`],
    ['backslash', (s) => `${s}\\x`],
    ['at', (s) => `${s}@x`],
    ['colon', (s) => `${s}:x`],
    ['plus', (s) => `${s}+x`],
    ['unicode', (s) => `${s}-tâche`],
    ['emoji', (s) => `${s}-\u{1F680}`],
    ['empty', () => ''],
  ]),
  ...bad('url', 'url', [
    ['not-a-url', () => 'not a url'],
    ['no-scheme', () => 'example.com/run-task'],
    ['ftp', () => 'ftp://example.com/run-task'],
    ['scheme-only', () => 'https://'],
    ['relative', () => '/run-task'],
    ['javascript', () => 'javascript:alert(1)'],
    ['space-in-host', () => 'http://exa mple.com/run-task'],
    ['empty', () => ''],
  ]),
  ...bad('category', 'category', [
    ['mis-cased', () => 'Task'],
    ['upper-case', () => 'TASK'],
    ['plural', () => 'tasks'],
    ['other', () => 'policy'],
    ['empty', () => ''],
  ]),
  ...bad('description-length', 'description', [['301-refused', () => text(DESCRIPTION_MAX + 1)]]),
  // Types the page's samples do not use; the samples' "enabled": "true" is task.enabled.boolean's (below).
  ...bad('wrong-types', 'name', [
    ['name:number', () => 42],
    ['name:array', (s) => [s]],
    ['name:null', () => null],
  ]),
  ...bad('wrong-types', 'url', [
    ['url:number', () => 8080],
    ['url:object', () => ({ href: 'https://example.com/run-task' })],
  ]),
  ...bad('wrong-types', 'description', [['description:number', () => 300]]),
  ...bad('wrong-types', 'category', [['category:number', () => 1]]),
  ...bad('wrong-types', 'enabled', [['enabled:number', () => 1]]),
  ...bad('wrong-types', 'hmac-key', [
    ['hmac-key:number', () => 12345],
    ['hmac-key:boolean', () => true],
  ]),
];

/** Bodies whose frame (not a member value) is wrong. */
const BAD_FRAMES: readonly [requirement: string, label: string, body: (attributes: Attributes) => unknown][] = [
  ['type', 'missing', (a) => ({ data: { attributes: a } })],
  ['type', 'workspace-tasks', (a) => taskBody(a, 'workspace-tasks')],
  ['type', 'mis-cased', (a) => taskBody(a, 'Tasks')],
  ['type', 'singular', (a) => taskBody(a, 'task')],
  ['type', 'number', (a) => ({ data: { type: 1, attributes: a } })],
  ['wrong-types', 'attributes:string', () => ({ data: { type: 'tasks', attributes: 'name=x' } })],
  ['wrong-types', 'attributes:array', (a) => ({ data: { type: 'tasks', attributes: [a] } })],
  ['wrong-types', 'data:array', (a) => ({ data: [{ type: 'tasks', attributes: a }] })],
];

/** The frames PATCH must refuse as well (a missing data.type is left alone: the PATCH table is ambiguous about it). */
const BAD_UPDATE_FRAMES = BAD_FRAMES.filter(([, label]) => label !== 'missing');

const MISSING: readonly string[] = ['name', 'url', 'category'];

// ---- create: every refused value, one check each

for (const member of MISSING) {
  suite.check(`task.validate.required[${member}]`, async (t) => {
    await createJudged(t, taskBody(changed(await t.validTaskAttributes(), { [member]: OMIT })), refused422);
  });
}

for (const { requirement, label, member, value } of BAD_VALUES) {
  suite.check(`${requirement}[${label}]`, async (t) => {
    const attributes = await t.validTaskAttributes();
    await createJudged(t, taskBody(changed(attributes, { [member]: value(String(attributes.name)) })), judgementOf(requirement));
  });
}

for (const [requirement, label, body] of BAD_FRAMES) {
  suite.check(`task.validate.${requirement}[${label}]`, async (t) => {
    await createJudged(t, body(await t.validTaskAttributes()), judgementOf(`task.validate.${requirement}`));
  });
}

// ---- the samples' enabled strings: coerced (to the boolean they name) or refused; never stored as a string

/** Accepted: the task shows the boolean the string names, with its documented type; or refused with a 4xx. */
const enabledCoercedOrRefused =
  (meant: boolean): Judgement =>
  async (t, res, taskId) => {
    await refusedOrTyped(t, res, taskId);
    if (res.status < 200 || res.status > 299) return;
    const shown = await shownAttributes(t, taskId ?? String((res.json as TaskDocument).data.id));
    t.assert(shown?.enabled === meant, `"enabled": "${meant}" was accepted but show gives ${JSON.stringify(shown?.enabled)}`);
  };

suite.check('task.enabled.boolean[create:string-true]', async (t) => {
  await createJudged(t, taskBody(await t.validTaskAttributes({ enabled: 'true' })), enabledCoercedOrRefused(true));
});

suite.check('task.enabled.boolean[update:string-false]', async (t) => {
  const { id } = await t.createTask({ enabled: true });
  await enabledCoercedOrRefused(false)(t, await t.api.updateTask(id, taskBody({ enabled: 'false' })), id);
});

// ---- create: what must be accepted

/** Names made only of the allowed characters, derived from the unique name so they stay unique. */
const ACCEPTED_NAMES: readonly [label: string, name: (stem: string) => string][] = [
  ['letters', (s) => `Rtc${lettersOnly(s)}`],
  ['letters-digits', (s) => `Rtc${lettersOnly(s)}2024`],
  ['hyphens', (s) => `Rtc-${lettersOnly(s)}-x`],
  ['underscores', (s) => `Rtc_${lettersOnly(s)}_x`],
  ['mixed', (s) => `${s}_Mixed-CASE_09`],
];

for (const [label, name] of ACCEPTED_NAMES) {
  suite.check(`task.validate.name-accepted[${label}]`, async (t) => {
    const attributes = await t.validTaskAttributes();
    const sent = name(String(attributes.name));
    const id = await createAccepted(t, { ...attributes, name: sent });
    const shown = await shownAttributes(t, id);
    t.assert(shown?.name === sent, `name ${JSON.stringify(sent)} was accepted but show gives ${JSON.stringify(shown?.name)}`);
  });
}

/** 300 characters are accepted and kept whole; characters, not bytes, are counted (that part only the page says). */
const ACCEPTED_DESCRIPTIONS: readonly [id: string, description: string][] = [
  ['task.description.kept[300]', text(DESCRIPTION_MAX)],
  ['task.validate.description-length[300-accepted:multibyte]', text(DESCRIPTION_MAX, 'Déjà vu – ünïcödé façade ')],
];

for (const [id, description] of ACCEPTED_DESCRIPTIONS) {
  suite.check(id, async (t) => {
    const taskId = await createAccepted(t, await t.validTaskAttributes({ description }));
    const shown = await shownAttributes(t, taskId);
    t.assert(shown?.description === description, `a description of ${[...description].length} characters was accepted but show gives ${describeText(shown?.description)}`);
  });
}

/** Members the OpenAPI description marks nullable: null is accepted and means none. */
const NULLABLE: readonly [member: string, readsBack: (value: unknown) => boolean][] = [
  ['description', (v) => v === null || v === ''],
  ['hmac-key', (v) => v === null],
];

for (const [member, readsBack] of NULLABLE) {
  suite.check(`task.create.nullable[${member}]`, async (t) => {
    const id = await createAccepted(t, await t.validTaskAttributes({ [member]: null }));
    const shown = (await shownAttributes(t, id))?.[member];
    t.assert(readsBack(shown), `${member} sent as null reads back as ${JSON.stringify(shown)}`);
  });
}

// ---- update: the same rules for the members a PATCH carries

for (const { requirement, label, member, value } of BAD_VALUES) {
  suite.check(`${requirement}[update:${label}]`, async (t) => {
    const { id, attributes } = await t.createTask();
    await judgementOf(requirement)(t, await t.api.updateTask(id, taskBody({ [member]: value(String(attributes.name)) })), id);
  });
}

for (const [requirement, label, body] of BAD_UPDATE_FRAMES) {
  suite.check(`task.validate.${requirement}[update:${label}]`, async (t) => {
    const { id } = await t.createTask();
    await judgementOf(`task.validate.${requirement}`)(t, await t.api.updateTask(id, body({ description: 'refused update' })), id);
  });
}

// ---- a refusal has no side effect

/** Each spoils exactly one member of an otherwise valid create. */
const REFUSED_CREATES: readonly [changes: Changes, type?: string][] = [
  [{ url: 'not a url' }],
  [{ category: 'Task' }],
  [{ description: text(DESCRIPTION_MAX + 1) }],
  [{ enabled: 'true' }],
  [{ 'hmac-key': 12345 }],
  [{ url: OMIT }],
  [{}, 'workspace-tasks'],
];

suite.check('task.validate.no-side-effect[create]', async (t) => {
  await t.roomFor(1);
  const base = `${t.taskName('refused')}-`;
  const before = new Set((await t.allTasks()).map((task) => task.id));
  const accepted = new Set<string>();
  const bodies: unknown[] = [taskBody(await t.validTaskAttributes({ name: `${base}x y` }))];
  for (const [index, [changes, type]] of REFUSED_CREATES.entries()) {
    bodies.push(taskBody(changed(await t.validTaskAttributes({ name: `${base}${index}` }), changes), type));
  }
  for (const body of bodies) {
    const id = t.keepCreated(await t.api.createTask(body));
    if (id) accepted.add(id); // not refused: judged by its own check
  }
  if (accepted.size === bodies.length) t.inconclusive('every create was accepted, so none could show a side effect');
  // A task named after the refused bodies (or a repaired form of their names) must not exist.
  const leaked = (await t.allTasks()).filter((task) => !before.has(task.id) && !accepted.has(task.id) && String(task.attributes?.name ?? '').startsWith(base));
  for (const task of leaked) t.track({ kind: 'task', id: task.id, name: String(task.attributes?.name) });
  t.none(leaked.map((task) => `refused create left task ${task.id} (${JSON.stringify(task.attributes?.name)}) in the organization`));
});

/** Each mixes a valid change with an invalid member: nothing of it may be applied. */
const REFUSED_UPDATES: readonly ((t: CheckContext, url: string) => unknown)[] = [
  (t) => taskBody({ name: t.taskName('changed'), url: 'not a url' }),
  (_, url) => taskBody({ url, category: 'Task' }),
  () => taskBody({ description: 'changed', name: 'has space' }),
  () => taskBody({ enabled: false, description: text(DESCRIPTION_MAX + 1) }),
  (t) => taskBody({ name: t.taskName('changed'), enabled: 'false' }),
  () => taskBody({ description: 'changed', 'hmac-key': 12345 }),
  () => taskBody({ description: 'changed', enabled: false }, 'workspace-tasks'),
];

/** Members a refused PATCH must leave as they were (hmac-key is write-only and cannot be read back). */
const KEPT = ['name', 'url', 'description', 'category', 'enabled', 'global-configuration'] as const;

suite.check('task.validate.no-side-effect[update]', async (t) => {
  const { id } = await t.createTask({ enabled: true, description: 'before' });
  const otherUrl = withQuery(await t.taskUrl(), 'rtc=changed');
  let refused = 0;
  const problems: string[] = [];
  for (const build of REFUSED_UPDATES) {
    const before = await shownAttributes(t, id);
    const body = build(t, otherUrl);
    const res = await t.api.updateTask(id, body);
    if (res.status >= 200 && res.status < 300) continue; // not refused: judged by the rule's own check
    refused += 1;
    const after = await shownAttributes(t, id);
    for (const key of KEPT) {
      if (JSON.stringify(after?.[key]) !== JSON.stringify(before?.[key])) {
        problems.push(`refused PATCH ${JSON.stringify(body)} changed ${key} from ${JSON.stringify(before?.[key])} to ${JSON.stringify(after?.[key])}`);
      }
    }
  }
  if (refused === 0) t.inconclusive('every PATCH was accepted, so none could show a side effect');
  t.none(problems);
});

// ---- a body that is not JSON

const MALFORMED: readonly [label: string, raw: (json: string) => string][] = [
  ['truncated', (json) => json.slice(0, -5)],
  // The page's own newer samples carry trailing commas (api-facts §10.4).
  ['trailing-comma', (json) => `${json.slice(0, -3)},${json.slice(-3)}`],
  ['single-quotes', (json) => json.replaceAll('"', "'")],
  ['form-encoded', () => 'data[type]=tasks&data[attributes][name]=x'],
  ['plain-text', () => 'not json'],
];

for (const [label, raw] of MALFORMED) {
  suite.check(`input.malformed-json[create:${label}]`, async (t) => {
    t.none([clientErrorProblem(await malformedCreate(t, raw))], 'a body that is not JSON');
  });

  suite.check(`input.malformed-json[update:${label}]`, async (t) => {
    t.none([clientErrorProblem(await malformedUpdate(t, raw))], 'a body that is not JSON');
  });
}

/** The refusal's body: judged apart from its status, since a framework may answer a parse error before the API does. */
for (const [label, raw] of MALFORMED.filter(([l]) => ['truncated', 'plain-text'].includes(l))) {
  for (const [op, send] of [['create', malformedCreate], ['update', malformedUpdate]] as const) {
    suite.check(`input.malformed-json.document[${op}:${label}]`, async (t) => {
      const res = await send(t, raw);
      if (clientErrorProblem(res)) t.inconclusive(`precondition: the body that is not JSON was not refused with a 4xx (${res.status}): judged by input.malformed-json`);
      t.none([mediaTypeProblem(res), errorDocumentProblem(res)], 'the refusal of a body that is not JSON');
    });
  }
}

async function malformedCreate(t: CheckContext, raw: (json: string) => string): Promise<ApiResponse> {
  await t.roomFor(1);
  const json = JSON.stringify(taskBody(await t.validTaskAttributes()));
  const res = await t.api.createTask(undefined, undefined, { rawBody: raw(json) });
  t.keepCreated(res);
  return res;
}

async function malformedUpdate(t: CheckContext, raw: (json: string) => string): Promise<ApiResponse> {
  const { id } = await t.createTask();
  return t.api.updateTask(id, undefined, { rawBody: raw(JSON.stringify(taskBody({ description: 'not applied' }))) });
}

// ---- helpers

function changed(attributes: Attributes, changes: Changes): Attributes {
  const result: Attributes = { ...attributes };
  for (const [key, value] of Object.entries(changes)) {
    if (value === OMIT) delete result[key];
    else result[key] = value;
  }
  return result;
}

/**
 * A create the contract refuses, judged by `judge`; whatever it creates anyway is removed. On a plan with a
 * run-task limit a full organization refuses every create with 422: that must not pass for a validation
 * refusal, nor fail an acceptance, so the check needs room first.
 */
async function createJudged(t: CheckContext, body: unknown, judge: Judgement): Promise<void> {
  await t.roomFor(1);
  const res = await t.api.createTask(body);
  t.keepCreated(res);
  await judge(t, res, undefined);
}

/** A create the contract accepts: a success with the new task's id. */
async function createAccepted(t: CheckContext, attributes: Attributes): Promise<string> {
  await t.roomFor(1);
  const res = await t.api.createTask(taskBody(attributes));
  const id = t.keepCreated(res);
  if (id === undefined) t.fail(`a valid create was refused: ${statusProblem(res, 201) ?? 'no data.id in the answer'}`);
  return id;
}

async function shownAttributes(t: CheckContext, id: string): Promise<Attributes | undefined> {
  const res = await t.api.showTask(id);
  if (res.status !== 200) t.inconclusive(`precondition: show ${id}: ${statusProblem(res, 200) ?? ''}`);
  return (res.json as TaskDocument | undefined)?.data?.attributes as Attributes | undefined;
}

/** Malformed JSON: any client error; a success or a 5xx is a failure. */
const clientErrorProblem = (res: ApiResponse): string | undefined => (res.status >= 400 && res.status <= 499 ? undefined : `expected a 4xx client error, got ${res.status}`);

const attributesOf = (res: ApiResponse): Attributes | undefined => (res.json as TaskDocument | undefined)?.data?.attributes as Attributes | undefined;

/** Digits become letters and separators go: what is left is letters only, still unique. */
const lettersOnly = (name: string) => name.replace(/[0-9]/g, (d) => 'abcdefghij'[Number(d)] ?? '').replace(/[^A-Za-z]/g, '');

const withQuery = (url: string, query: string) => `${url}${url.includes('?') ? '&' : '?'}${query}`;

const describeText = (value: unknown) => (typeof value === 'string' ? `${[...value].length} characters (${JSON.stringify(value.slice(0, 24))}…)` : JSON.stringify(value));
