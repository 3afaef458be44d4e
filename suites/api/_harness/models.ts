// Pure in-memory models of the contract and the fast-check arbitraries of the properties suite.
// Nothing here touches the network: arbitraries produce plain data (readable counterexamples),
// the suite turns that data into requests.
import fc from 'fast-check';
import { ENFORCEMENT_LEVELS, INVALID_ENFORCEMENT, INVALID_STAGES, STAGES } from './payloads.ts';

type Json = Record<string, unknown>;

// ---- text

/** Printable: letters, digits, punctuation, symbols, spaces; NFC-stable, so a normalizing store cannot tell. */
const PRINTABLE = /^[\p{L}\p{N}\p{P}\p{S}\p{Zs}]$/u;

/** The printable characters of some code point ranges, computed once (a filter per generated character is slow). */
function printableIn(...ranges: [number, number][]): string[] {
  const out: string[] = [];
  for (const [from, to] of ranges) {
    for (let cp = from; cp <= to; cp++) {
      const c = String.fromCodePoint(cp);
      if (PRINTABLE.test(c) && c.normalize('NFC') === c) out.push(c);
    }
  }
  return out;
}

const pool = (chars: string[]): fc.Arbitrary<string> => fc.integer({ min: 0, max: chars.length - 1 }).map((i) => chars[i]!);

// Latin, Greek, Cyrillic, Hebrew, Arabic, Devanagari, punctuation, currency, arrows, maths, CJK, Hangul; then emoji.
const UNICODE: [number, number][] = [
  [0xa0, 0x24f], [0x370, 0x4ff], [0x590, 0x6ff], [0x900, 0x97f], [0x2000, 0x22ff], [0x3000, 0x30ff], [0x4e00, 0x4fff], [0xac00, 0xacff],
];

const printableChar: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: pool(printableIn([0x20, 0x7e])) },
  { weight: 2, arbitrary: pool(printableIn(...UNICODE)) },
  { weight: 1, arbitrary: pool(printableIn([0x1f300, 0x1f64f], [0x1f900, 0x1f9ff])) },
);

const asciiChar: fc.Arbitrary<string> = pool(printableIn([0x20, 0x7e]));

/**
 * Printable text of min..max characters (code points, as the page counts "characters"), spread over the whole
 * range; `ascii` keeps to what the real service is shown to keep (multibyte counting only the page states).
 */
export const text = (min: number, max: number, ascii = false): fc.Arbitrary<string> =>
  lengthIn(min, max).chain((length) => fc.array(ascii ? asciiChar : printableChar, { minLength: length, maxLength: length }).map((cs) => cs.join('')));

/** The bounds often, otherwise any length, unbiased (fast-check's bias favours short values: long ones matter here). */
const lengthIn = (min: number, max: number): fc.Arbitrary<number> =>
  fc.oneof({ weight: 1, arbitrary: fc.constantFrom(min, max) }, { weight: 3, arbitrary: fc.noBias(fc.integer({ min, max })) });

/** The documented name alphabet; the suite prefixes it with the run's unique prefix. */
export const nameSuffix = fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/);
/** A query string value that needs no encoding: `?q=<query>` gives a different URL reaching the same endpoint. */
const query = fc.stringMatching(/^[A-Za-z0-9]{0,12}$/);
// Long enough to be unmistakable: the client learns every key it sends and redacts it from all later traffic.
const hmacKey = fc.stringMatching(/^[\x21-\x7e]{16,40}$/);

/** Leaves the key out when the value is undefined (an omitted member, not a null one). */
const optional = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });

export const stagesArb = fc.shuffledSubarray([...STAGES], { minLength: 1 });
export const enforcementArb = fc.constantFrom(...ENFORCEMENT_LEVELS);

// ---- task create payloads

export type GlobalSpec = {
  enabled: boolean;
  stages: string[];
  'enforcement-level': string;
};

export interface TaskSpec {
  name: string;
  description: string;
  enabled: boolean | undefined;
  hmacKey: string | undefined;
  query: string | undefined;
  global: GlobalSpec | undefined;
}

const globalSpec: fc.Arbitrary<GlobalSpec> = fc.record({ 'enabled': fc.boolean(), 'stages': stagesArb, 'enforcement-level': enforcementArb }).map((g) => ({ ...g }));

/**
 * Any valid create payload. `global`: 'never' (no entitlement), 'maybe', 'always' (a fully known block).
 * `minDescription` > 0 makes a reset to "" visible.
 */
export function taskSpec(options: { global: 'never' | 'maybe' | 'always'; minDescription?: number; maxDescription?: number; ascii?: boolean }): fc.Arbitrary<TaskSpec> {
  return fc.record({
    name: nameSuffix,
    description: text(options.minDescription ?? 0, options.maxDescription ?? 300, options.ascii),
    // A task that may be global is always disabled: a global, enabled task would run on every workspace of
    // a real organization while it exists.
    enabled: options.global === 'never' ? optional(fc.boolean()) : fc.constant(false),
    hmacKey: optional(hmacKey),
    query: optional(query),
    global: options.global === 'never' ? fc.constant(undefined) : options.global === 'always' ? globalSpec : optional(globalSpec),
  });
}

// ---- task PATCHes

export interface PatchSpec {
  name?: string;
  query?: string;
  description?: string;
  enabled?: boolean;
  hmacKey?: string;
  global?: Partial<GlobalSpec>;
}

/**
 * A non-empty subset of `members` (each member in about half of the values; fc.record's optional keys
 * would be present five times in six, and a PATCH sending nearly everything tests little of "omitted").
 */
export function someOf<T extends Record<string, unknown>>(members: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<Partial<T>> {
  const keys = Object.keys(members) as (keyof T & string)[];
  return fc
    .tuple(fc.record(members) as fc.Arbitrary<T>, fc.subarray(keys, { minLength: 1 }))
    .map(([values, chosen]) => Object.fromEntries(chosen.map((k) => [k, values[k]])) as Partial<T>);
}

/** A non-empty random subset of the updatable members (and of the global-configuration members). */
export function patchSpec(options: { global: boolean; maxDescription?: number }): fc.Arbitrary<PatchSpec> {
  const members = {
    name: nameSuffix,
    query,
    description: text(0, options.maxDescription ?? 300),
    enabled: options.global ? fc.constant(false) : fc.boolean(), // see taskSpec: never global and enabled
    hmacKey,
    ...(options.global ? { global: someOf<GlobalSpec>({ 'enabled': fc.boolean(), 'stages': stagesArb, 'enforcement-level': enforcementArb }) } : {}),
  };
  return someOf(members as Record<string, fc.Arbitrary<unknown>>) as fc.Arbitrary<PatchSpec>;
}

// ---- the observable state of a task, and what a PATCH does to it

/** The attributes a client can read back (hmac-key is write-only: always null, judged elsewhere). */
export interface TaskState {
  name: string;
  url: string;
  description: string;
  category: string;
  enabled: boolean;
  'global-configuration'?: { enabled: unknown; stages: unknown; 'enforcement-level': unknown };
}

const STATE_KEYS = ['name', 'url', 'description', 'category', 'enabled'] as const;

/** The state a response shows (only the members the model follows). */
export function observedState(attributes: Json): TaskState {
  const state = Object.fromEntries(STATE_KEYS.map((k) => [k, attributes[k]])) as unknown as TaskState;
  const global = attributes['global-configuration'];
  if (global && typeof global === 'object') {
    const g = global as Json;
    state['global-configuration'] = { 'enabled': g.enabled, 'stages': g.stages, 'enforcement-level': g['enforcement-level'] };
  }
  return state;
}

/** "(previous value)": members the PATCH sends replace, every other member stays. */
export function applyPatch(state: TaskState, attributes: Json): TaskState {
  const next: TaskState = { ...state };
  for (const key of STATE_KEYS) if (key in attributes) Object.assign(next, { [key]: attributes[key] });
  const patch = attributes['global-configuration'] as Json | undefined;
  if (patch && state['global-configuration']) next['global-configuration'] = { ...state['global-configuration'], ...patch } as TaskState['global-configuration'];
  return next;
}

/** Differences between what the model expects and what a response shows, member by member. */
export function stateDifferences(expected: Json, got: Json | undefined, keys: readonly string[] = Object.keys(expected)): string[] {
  if (!got) return ['no attributes in the response'];
  return keys.flatMap((key) => {
    const want = expected[key];
    if (want === undefined) return [];
    const value = got[key];
    if (want !== null && typeof want === 'object' && !Array.isArray(want)) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${key}: expected ${show(want)}, got ${show(value)}`];
      return stateDifferences(want as Json, value as Json).map((p) => `${key}.${p}`);
    }
    return same(want, got[key]) ? [] : [`${key}: ${difference(want, got[key])}`];
  });
}

/** Long strings that differ late look alike when cut: say where they part. */
function difference(want: unknown, got: unknown): string {
  if (typeof want !== 'string' || typeof got !== 'string' || (want.length <= 60 && got.length <= 60)) return `expected ${show(want)}, got ${show(got)}`;
  const [a, b] = [[...want], [...got]];
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 10);
  return `expected ${a.length} characters, got ${b.length}; they part at character ${i + 1}: expected …${show(a.slice(from, i + 20).join(''))}, got …${show(b.slice(from, i + 20).join(''))}`;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
export const show = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v).length > 80 ? `${JSON.stringify(v).slice(0, 77)}...` : JSON.stringify(v));

// ---- payloads that break exactly one documented constraint

export interface TaskBody {
  data: { type: unknown; attributes: Json };
}

/** A mutation as data (so the counterexample says what was broken), and how it breaks a valid body. */
interface MutationRule<P> {
  arb: fc.Arbitrary<P>;
  apply(body: TaskBody, parameter: P): void;
  /** Only when the organization has global run tasks (otherwise the block is dropped, not refused). */
  global?: boolean;
}

const rule = <P>(r: MutationRule<P>): MutationRule<unknown> => r as MutationRule<unknown>;

const VALID_GLOBAL = { 'enabled': false, 'stages': ['post_plan'], 'enforcement-level': 'advisory' };
const withGlobal = (body: TaskBody, member: string, value: unknown): void => {
  const current = (body.data.attributes['global-configuration'] as Json | undefined) ?? VALID_GLOBAL;
  body.data.attributes['global-configuration'] = { ...current, [member]: value };
};

export const MUTATIONS: Record<string, MutationRule<unknown>> = {
  // Inside the name (not at an end, where a trimming store could argue the character was never part of it).
  'name-character': rule({
    // No non-ASCII letter: whether "letters" includes é is for the name-characters checks to argue, not this one.
    arb: fc.record({ char: fc.constantFrom(' ', '.', '/', '!', '@', ':', '+', '*', '💥'), at: fc.nat() }),
    apply: (body, p) => {
      const name = String(body.data.attributes.name);
      const at = 1 + (p.at % Math.max(1, name.length - 1));
      body.data.attributes.name = `${name.slice(0, at)}${p.char}${name.slice(at)}`;
    },
  }),
  'description-length': rule({ arb: text(301, 340), apply: (body, d) => void (body.data.attributes.description = d) }),
  'category': rule({ arb: fc.constantFrom('tasks', 'Task', 'TASK', '', 'rtc-no-such-category'), apply: (body, c) => void (body.data.attributes.category = c) }),
  'type': rule({ arb: fc.constantFrom('task', 'Tasks', 'workspace-tasks', ''), apply: (body, type) => void (body.data.type = type) }),
  'url': rule({
    arb: fc.constantFrom('not a url', 'example.com', '', 'http://', '://no-scheme.example', 'http//no-colon.example'),
    apply: (body, url) => void (body.data.attributes.url = url),
  }),
  'missing': rule({ arb: fc.constantFrom('name', 'url', 'category'), apply: (body, key) => void delete body.data.attributes[key] }),
  'global-stages': rule({ global: true, arb: fc.constantFrom(...INVALID_STAGES.map(([, v]) => v)), apply: (body, s) => withGlobal(body, 'stages', s) }),
  'global-enforcement': rule({
    global: true,
    arb: fc.constantFrom(...INVALID_ENFORCEMENT.map(([, v]) => v)),
    apply: (body, e) => withGlobal(body, 'enforcement-level', e),
  }),
};

/** One parameter for every mutation that applies: each run tries every row of the table, one broken constraint at a time. */
export function mutationsArb(globalRunTasks: boolean): fc.Arbitrary<Record<string, unknown>> {
  const rows = Object.entries(MUTATIONS).filter(([, r]) => globalRunTasks || !r.global);
  return fc.record(Object.fromEntries(rows.map(([kind, r]) => [kind, r.arb])));
}

export function mutate(body: TaskBody, kind: string, parameter: unknown): TaskBody {
  const copy = structuredClone(body);
  MUTATIONS[kind]!.apply(copy, parameter);
  return copy;
}

// ---- the lifecycle model: tasks and their workspace associations

export interface ModelTask {
  id: string;
  state: Pick<TaskState, 'name' | 'url' | 'description' | 'enabled'>;
}

export interface ModelAssociation {
  id: string;
  taskId: string;
  workspace: number;
  'enforcement-level': string;
  stages: string[];
}

export const DEFAULT_ASSOCIATION_STAGES = ['post_plan'];

/**
 * What the documented semantics predict: tasks up to `taskLimit` at once, at most one association of a
 * task per workspace, and no association outliving its task.
 */
export class LifecycleModel {
  tasks: ModelTask[] = [];
  associations: ModelAssociation[] = [];
  /** Ids deleted during the run: they must never show again. */
  readonly deleted = new Set<string>();

  constructor(readonly taskLimit: number) {}

  taskAt(index: number): ModelTask | undefined {
    return this.tasks.length ? this.tasks[index % this.tasks.length] : undefined;
  }
  associationAt(index: number): ModelAssociation | undefined {
    return this.associations.length ? this.associations[index % this.associations.length] : undefined;
  }
  associationsOf(taskId: string): ModelAssociation[] {
    return this.associations.filter((a) => a.taskId === taskId);
  }
  inWorkspace(workspace: number): ModelAssociation[] {
    return this.associations.filter((a) => a.workspace === workspace);
  }
  isAssociated(taskId: string, workspace: number): boolean {
    return this.associations.some((a) => a.taskId === taskId && a.workspace === workspace);
  }

  addTask(task: ModelTask): void {
    this.tasks.push(task);
  }
  updateTask(id: string, attributes: Json): void {
    const task = this.tasks.find((t) => t.id === id);
    if (task) task.state = { ...task.state, ...pick(attributes, ['name', 'url', 'description', 'enabled']) };
  }
  /** A deleted task takes its associations with it. */
  removeTask(id: string): void {
    this.tasks = this.tasks.filter((t) => t.id !== id);
    for (const a of this.associationsOf(id)) this.removeAssociation(a.id);
    this.deleted.add(id);
  }
  associate(association: ModelAssociation): void {
    this.associations.push(association);
  }
  updateAssociation(id: string, attributes: Json): void {
    const a = this.associations.find((x) => x.id === id);
    if (a) Object.assign(a, pick(attributes, ['enforcement-level', 'stages']));
  }
  removeAssociation(id: string): void {
    this.associations = this.associations.filter((a) => a.id !== id);
    this.deleted.add(id);
  }
}

const pick = (object: Json, keys: readonly string[]): Json => Object.fromEntries(keys.filter((k) => k in object).map((k) => [k, object[k]]));
