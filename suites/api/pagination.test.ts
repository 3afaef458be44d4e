// Pagination of both lists: the organization's tasks and a workspace's tasks
// (run-tasks-api § List Run Tasks / List Workspace Run Tasks, Query Parameters; api-facts §1).
import type { ApiResponse } from '../../src/client/index.ts';
import type { ListLinks, Pagination } from '../../src/types/contract.ts';
import { page, type Query } from './_harness/api.ts';
import { paginationLinkProblems, paginationMetaProblems, partitionProblems } from './_harness/predicates.ts';
import { defineSuite, type CheckContext } from './_harness/suite.ts';

const suite = defineSuite('pagination');

const DEFAULT_SIZE = 20;
const MAX_SIZE = 100;
/** Items a multi-page check creates: three pages at size 2, kind to real organizations. */
const ITEMS = 5;
const WALK_SIZE = 2;
/** A real organization may hold many tasks; walking more pages than this at size 2 would not be kind. */
const MAX_WALK = 50;

/** A list under test, filled with `ids` by this check (the list may hold other items too). */
interface Subject {
  path: string;
  ids: string[];
  fetch(query?: Query): Promise<ApiResponse>;
}

interface ListKind {
  label: string;
  populate(t: CheckContext, n: number): Promise<Subject>;
}

const enc = encodeURIComponent;

const LISTS: readonly ListKind[] = [
  {
    label: 'tasks',
    async populate(t, n) {
      await t.requireTasks(n);
      const ids: string[] = [];
      for (let i = 0; i < n; i++) ids.push((await t.createTask()).id);
      return { path: `/organizations/${enc(t.api.organization)}/tasks`, ids, fetch: (q) => t.api.listTasks(q) };
    },
  },
  {
    // One task associates once per workspace, so n associations need n tasks.
    label: 'workspace-tasks',
    async populate(t, n) {
      await t.requireTasks(n);
      const workspace = await t.workspace(0);
      const ids: string[] = [];
      for (let i = 0; i < n; i++) ids.push((await t.associate(workspace.id, (await t.createTask()).id)).id);
      return { path: `/workspaces/${enc(workspace.id)}/tasks`, ids, fetch: (q) => t.api.listWorkspaceTasks(workspace.id, q) };
    },
  },
];

// ---- reading one page

interface ListPage {
  asked: { number: number; size: number };
  ids: string[];
  meta: Pagination;
  links: ListLinks;
  res: ApiResponse;
}

const PAGINATION_KEYS = ['current-page', 'page-size', 'prev-page', 'next-page', 'total-pages', 'total-count'] as const;
const NULLABLE = new Set(['prev-page', 'next-page']);

/** What keeps a body from being read as a page of a list (data ids, meta.pagination, and links when asked). */
function listShapeProblems(body: unknown, withLinks: boolean): string[] {
  const doc = body as { data?: unknown; meta?: { pagination?: Record<string, unknown> }; links?: Record<string, unknown> } | undefined;
  const problems: string[] = [];
  if (!Array.isArray(doc?.data) || !doc.data.every((d) => typeof (d as { id?: unknown } | null)?.id === 'string')) problems.push('data is not an array of resources with ids');
  const meta = doc?.meta?.pagination;
  if (!meta || typeof meta !== 'object') problems.push('meta.pagination is missing');
  else {
    for (const key of PAGINATION_KEYS) {
      const value = meta[key];
      if (!(Number.isInteger(value) || (value === null && NULLABLE.has(key)))) problems.push(`meta.pagination.${key} is ${JSON.stringify(value)}`);
    }
  }
  if (withLinks) {
    const links = doc?.links;
    if (!links || typeof links !== 'object') problems.push('links is missing');
    else {
      for (const key of ['self', 'first', 'last']) if (typeof links[key] !== 'string') problems.push(`links.${key} is ${JSON.stringify(links[key])}`);
      for (const key of ['prev', 'next']) if (!(typeof links[key] === 'string' || links[key] === null)) problems.push(`links.${key} is ${JSON.stringify(links[key])}`);
    }
  }
  return problems;
}

function readPage(t: CheckContext, res: ApiResponse, asked: { number: number; size: number }, withLinks = false): ListPage {
  t.status(res, 200);
  t.none(listShapeProblems(res.json, withLinks), `${res.exchange.method} ${res.exchange.url}`);
  const doc = res.json as { data: { id: string }[]; meta: { pagination: Pagination }; links: ListLinks };
  return { asked, ids: doc.data.map((d) => d.id), meta: doc.meta.pagination, links: doc.links, res };
}

async function fetchPage(t: CheckContext, s: Subject, number: number, size: number, withLinks = false): Promise<ListPage> {
  return readPage(t, await s.fetch(page(number, size)), { number, size }, withLinks);
}

/** Every page at `size`, as many as the first page announces. */
async function walk(t: CheckContext, s: Subject, size: number, withLinks = false): Promise<ListPage[]> {
  const first = await fetchPage(t, s, 1, size, withLinks);
  const total = first.meta['total-pages'];
  if (total > MAX_WALK) t.notApplicable(`the list has ${total} pages at size ${size}; walking more than ${MAX_WALK} would not be kind`);
  const pages = [first];
  for (let number = 2; number <= total; number++) pages.push(await fetchPage(t, s, number, size, withLinks));
  return pages;
}

/** Only the ids this check created: the organization may hold other tasks, and they may change meanwhile. */
const ownIds = (pages: readonly (readonly string[])[], s: Subject): string[][] => pages.map((ids) => ids.filter((id) => s.ids.includes(id)));

/** The path (under /api/v2) a pagination link addresses; links may be absolute URLs or paths. */
function apiPathOf(link: string, address: string): string | undefined {
  const url = new URL(link, address);
  const at = url.pathname.indexOf('/api/v2/');
  return at === -1 ? undefined : url.pathname.slice(at + '/api/v2'.length) + url.search;
}

/** Follows `next` from the first page to the end; a chain longer than the announced pages is a loop. */
async function followNext(t: CheckContext, first: ListPage): Promise<string[][]> {
  const pages = [first.ids];
  let link = first.links.next;
  for (let number = 2; link !== null; number++) {
    if (number > first.meta['total-pages']) t.fail(`links.next still points on from page ${number - 1} of ${first.meta['total-pages']}: ${link}`);
    const path = apiPathOf(link, t.config.address);
    if (!path) t.fail(`links.next ${link} does not address an API path`);
    const next = readPage(t, await t.api.call('GET', path), { number, size: first.asked.size }, true);
    pages.push(next.ids);
    link = next.links.next;
  }
  return pages;
}

/** meta.pagination.total-count agrees with the items the pages hold, and stays the same on every page. */
function totalCountProblems(pages: readonly ListPage[]): string[] {
  const counts = new Set(pages.map((p) => p.meta['total-count']));
  const held = pages.reduce((sum, p) => sum + p.ids.length, 0);
  const problems = counts.size > 1 ? [`total-count differs between pages: ${[...counts].join(', ')}`] : [];
  const count = pages[0]?.meta['total-count'];
  if (counts.size === 1 && count !== held) problems.push(`total-count ${count}, but the ${pages.length} pages hold ${held} items`);
  return problems;
}

// ---- the checks, one per requirement and list

type Judge = (t: CheckContext, s: Subject) => Promise<void>;

const CHECKS: readonly [requirement: string, items: number, judge: Judge][] = [
  [
    'pagination.default-size',
    1,
    async (t, s) => {
      const p = readPage(t, await s.fetch(), { number: 1, size: DEFAULT_SIZE });
      t.assert(p.meta['page-size'] === DEFAULT_SIZE, `page[size] omitted: meta page-size ${p.meta['page-size']}, expected ${DEFAULT_SIZE}`);
      t.assert(p.ids.length <= DEFAULT_SIZE, `page[size] omitted: ${p.ids.length} items, expected at most ${DEFAULT_SIZE}`);
    },
  ],
  [
    'pagination.first-page',
    1,
    async (t, s) => {
      const bare = readPage(t, await s.fetch(), { number: 1, size: DEFAULT_SIZE });
      t.assert(bare.meta['current-page'] === 1, `no page parameters: current-page ${bare.meta['current-page']}, expected 1`);
      const sized = readPage(t, await s.fetch({ 'page[size]': '1' }), { number: 1, size: 1 });
      const explicit = await fetchPage(t, s, 1, 1);
      t.assert(sized.meta['current-page'] === 1, `page[number] omitted: current-page ${sized.meta['current-page']}, expected 1`);
      t.assert(sameIds(sized.ids, explicit.ids), `page[number] omitted gives ${show(sized.ids)}, page[number]=1 gives ${show(explicit.ids)}`);
    },
  ],
  [
    'pagination.page-size',
    3,
    async (t, s) => {
      const problems: string[] = [];
      for (const size of [1, 2, 3]) {
        const p = await fetchPage(t, s, 1, size);
        if (p.meta['page-size'] !== size) problems.push(`page[size]=${size}: meta page-size ${p.meta['page-size']}`);
        // The list holds at least the 3 items this check created.
        if (p.ids.length !== size) problems.push(`page[size]=${size}: ${p.ids.length} items`);
      }
      t.none(problems);
    },
  ],
  [
    'pagination.partition',
    ITEMS,
    async (t, s) => {
      const pages = await walk(t, s, WALK_SIZE);
      t.none(partitionProblems(ownIds(pages.map((p) => p.ids), s), s.ids), `pages at size ${WALK_SIZE}`);
    },
  ],
  [
    'pagination.meta',
    ITEMS,
    async (t, s) => {
      const pages = await walk(t, s, WALK_SIZE);
      t.none([...pages.flatMap((p) => paginationMetaProblems(p.meta, p.ids.length, p.asked).map((m) => `page ${p.asked.number}: ${m}`)), ...totalCountProblems(pages)]);
    },
  ],
  [
    'pagination.links',
    ITEMS,
    async (t, s) => {
      const pages = await walk(t, s, WALK_SIZE, true);
      t.none(pages.flatMap((p) => paginationLinkProblems(p.links, p.meta).map((m) => `page ${p.asked.number}: ${m}`)));
      const followed = await followNext(t, pages[0]!);
      t.none(partitionProblems(ownIds(followed, s), s.ids), 'following links.next from the first page');
    },
  ],
  [
    'pagination.encoded-brackets',
    3,
    async (t, s) => {
      // The client keeps brackets raw in a query, so the encoded form goes into the path as written.
      const raw = readPage(t, await s.fetch(page(2, 2)), { number: 2, size: 2 });
      const encoded = readPage(t, await t.api.call('GET', `${s.path}?page%5Bnumber%5D=2&page%5Bsize%5D=2`), { number: 2, size: 2 });
      t.none(
        [raw, encoded].flatMap((p, i) => {
          const form = i === 0 ? 'raw' : 'percent-encoded';
          return p.meta['current-page'] === 2 && p.meta['page-size'] === 2 ? [] : [`${form} brackets: current-page ${p.meta['current-page']}, page-size ${p.meta['page-size']}, asked page 2 size 2`];
        }),
      );
      t.assert(sameIds(raw.ids, encoded.ids), `page[number]=2&page[size]=2 gives ${show(raw.ids)}, page%5Bnumber%5D=2&page%5Bsize%5D=2 gives ${show(encoded.ids)}`);
    },
  ],
  [
    'pagination.max-size',
    1,
    async (t, s) => {
      const problems: string[] = [];
      for (const size of [MAX_SIZE + 1, 1000]) {
        const res = await s.fetch(page(1, size));
        // Refusing an oversized page also keeps the maximum.
        if (res.status >= 400 && res.status < 500) {
          t.error(res, res.status);
          continue;
        }
        const p = readPage(t, res, { number: 1, size });
        if (p.meta['page-size'] > MAX_SIZE) problems.push(`page[size]=${size}: meta page-size ${p.meta['page-size']}, expected at most ${MAX_SIZE}`);
        if (p.ids.length > MAX_SIZE) problems.push(`page[size]=${size}: ${p.ids.length} items, expected at most ${MAX_SIZE}`);
      }
      t.none(problems);
    },
  ],
  [
    'pagination.beyond-last',
    1,
    async (t, s) => {
      const last = (await fetchPage(t, s, 1, WALK_SIZE)).meta['total-pages'];
      for (const number of [last + 1, last + 10]) {
        const p = readPage(t, await s.fetch(page(number, WALK_SIZE)), { number, size: WALK_SIZE });
        t.assert(p.ids.length === 0, `page ${number} of ${last}: expected no items, got ${show(p.ids)}`);
      }
    },
  ],
];

for (const list of LISTS) {
  for (const [requirement, items, judge] of CHECKS) {
    suite.check(`${requirement}[${list.label}]`, async (t) => judge(t, await list.populate(t, items)));
  }
}

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);
const show = (ids: readonly string[]) => `[${ids.join(', ')}]`;
