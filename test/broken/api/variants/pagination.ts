// Broken (and faithful-but-odd) variants caught by the pagination suite.
import type { HookRequest, HookResponse } from '../../../../src/api/emulator/index.ts';
import { broken, faithful, rewriteRequest, rewriteResponse, TASKS, WS_TASKS, type Variant } from '../../variant.ts';

type Pagination = Record<'current-page' | 'page-size' | 'total-pages' | 'total-count', number> & Record<'prev-page' | 'next-page', number | null>;
type ListBody = { data: unknown[]; links: Record<string, string | null>; meta: { pagination: Pagination } };

const listOf = (...patterns: RegExp[]) => (req: HookRequest) => req.method === 'GET' && patterns.some((p) => p.test(req.path));
const BOTH = listOf(TASKS, WS_TASKS);
const SUITES: Variant['suites'] = ['pagination'];

/** A copy of the request with its query changed (the target reads page[...] from the decoded query). */
function withQuery(req: HookRequest, change: (q: URLSearchParams) => void): HookRequest {
  const query = new URLSearchParams(req.query);
  change(query);
  return { ...req, query };
}

function changeList(res: HookResponse, change: (body: ListBody) => void): void {
  if (res.status === 200 && res.body && typeof res.body === 'object') change(res.body as ListBody);
}

/** A page link with another page number, the rest kept. */
function relink(link: string, number: number): string {
  return link.replace(/page(%5B|\[)number(%5D|\])=\d+/i, `page$1number$2=${number}`);
}


export default [
  broken({
    name: 'pagination-default-size-100',
    description: 'page[size] omitted gives pages of 100, not 20',
    suites: SUITES,
    hooks: rewriteRequest(BOTH, (req) => (req.query.has('page[size]') ? req : withQuery(req, (q) => q.set('page[size]', '100')))),
    caughtBy: ['pagination.default-size[tasks]', 'pagination.default-size[workspace-tasks]'],
  }),
  broken({
    name: 'pagination-first-page-is-2',
    description: 'page[number] omitted gives the second page',
    suites: SUITES,
    hooks: rewriteRequest(BOTH, (req) => (req.query.has('page[number]') ? req : withQuery(req, (q) => q.set('page[number]', '2')))),
    caughtBy: ['pagination.first-page[tasks]', 'pagination.first-page[workspace-tasks]'],
  }),
  broken({
    name: 'pagination-size-ignored',
    description: 'page[size] is ignored: every page has the default size',
    suites: SUITES,
    hooks: rewriteRequest(BOTH, (req) => withQuery(req, (q) => q.delete('page[size]'))),
    caughtBy: ['pagination.page-size[tasks]', 'pagination.page-size[workspace-tasks]', 'pagination.meta[tasks]', 'pagination.meta[workspace-tasks]'],
  }),
  broken({
    name: 'pagination-total-count-off-by-one',
    description: 'meta.pagination.total-count of the organization list counts one task too many',
    suites: SUITES,
    hooks: rewriteResponse(listOf(TASKS), (res) => changeList(res, (b) => void (b.meta.pagination['total-count'] += 1))),
    caughtBy: ['pagination.meta[tasks]'],
  }),
  broken({
    name: 'pagination-total-pages-floor',
    description: 'total-pages rounds down (floor of count / size) on both lists',
    suites: SUITES,
    hooks: rewriteResponse(BOTH, (res) =>
      changeList(res, (b) => {
        const m = b.meta.pagination;
        m['total-pages'] = Math.max(1, Math.floor(m['total-count'] / m['page-size']));
      }),
    ),
    caughtBy: ['pagination.meta[tasks]', 'pagination.meta[workspace-tasks]'],
  }),
  broken({
    name: 'pagination-pages-overlap',
    description: 'the workspace list serves page N-1 for page N > 1 while its meta claims page N: pages repeat and the tail goes missing',
    suites: SUITES,
    hooks: {
      onRequest: (req) => {
        const number = Number(req.query.get('page[number]'));
        if (!listOf(WS_TASKS)(req) || !(number > 1)) return req;
        return withQuery({ ...req, headers: { ...req.headers, 'x-rtc-asked-page': String(number) } }, (q) => q.set('page[number]', String(number - 1)));
      },
      onResponse: (req, res) => {
        const asked = Number(req.headers['x-rtc-asked-page']);
        if (!asked) return res;
        changeList(res, ({ meta: { pagination: m } }) => {
          m['current-page'] = asked;
          m['prev-page'] = asked - 1;
          m['next-page'] = asked < m['total-pages'] ? asked + 1 : null;
        });
        return res;
      },
    },
    caughtBy: ['pagination.partition[workspace-tasks]'],
  }),
  broken({
    name: 'pagination-next-link-skips',
    description: 'links.next points two pages ahead',
    suites: SUITES,
    hooks: rewriteResponse(BOTH, (res) =>
      changeList(res, (b) => {
        const next = b.meta.pagination['next-page'];
        if (next !== null && b.links.next) b.links.next = relink(b.links.next, next + 1);
      }),
    ),
    caughtBy: ['pagination.links[tasks]', 'pagination.links[workspace-tasks]'],
  }),
  broken({
    name: 'pagination-brackets-only-raw',
    description: 'percent-encoded page%5Bnumber%5D / page%5Bsize%5D are not understood (dropped); only raw brackets work',
    suites: SUITES,
    hooks: rewriteRequest(BOTH, (req) =>
      /page%5B/i.test(req.rawQuery) ? withQuery(req, (q) => ['page[number]', 'page[size]'].forEach((k) => q.delete(k))) : req,
    ),
    caughtBy: ['pagination.encoded-brackets[tasks]', 'pagination.encoded-brackets[workspace-tasks]'],
  }),
  broken({
    name: 'pagination-size-uncapped',
    description: 'page[size] above 100 is honoured (meta page-size 1000)',
    suites: SUITES,
    hooks: rewriteResponse(BOTH, (res, req) =>
      changeList(res, (b) => {
        const asked = Number(req.query.get('page[size]'));
        const m = b.meta.pagination;
        if (asked > 100) Object.assign(m, { 'page-size': asked, 'total-pages': Math.max(1, Math.ceil(m['total-count'] / asked)) });
      }),
    ),
    caughtBy: ['pagination.max-size[tasks]', 'pagination.max-size[workspace-tasks]'],
  }),
  broken({
    name: 'pagination-beyond-last-404',
    description: 'a page past the last answers 404',
    suites: SUITES,
    hooks: rewriteResponse(BOTH, (res) => {
      const m = (res.body as Partial<ListBody> | undefined)?.meta?.pagination;
      if (res.status !== 200 || !m || m['current-page'] <= m['total-pages']) return res;
      return { status: 404, headers: res.headers, body: { errors: [{ status: '404', title: 'not found' }] } };
    }),
    caughtBy: ['pagination.beyond-last[tasks]', 'pagination.beyond-last[workspace-tasks]'],
  }),
  faithful({
    name: 'pagination-extra-members',
    description: 'extra meta keys, extra meta.pagination keys and extra links members (allowed: additions)',
    suites: ['pagination', 'include'],
    hooks: rewriteResponse(BOTH, (res) =>
      changeList(res, (b) => {
        Object.assign(b.meta, { 'status-counts': { total: b.data.length } });
        Object.assign(b.meta.pagination, { 'x-extra': true });
        Object.assign(b.links, { related: null, describedby: '/api/v2/schema' });
      }),
    ),
  }),
  faithful({
    name: 'pagination-relative-raw-links',
    description: 'pagination links as relative paths with raw brackets (a URI reference is a legal link)',
    suites: SUITES,
    hooks: rewriteResponse(BOTH, (res) =>
      changeList(res, (b) => {
        for (const [name, link] of Object.entries(b.links)) {
          if (typeof link === 'string') {
            const url = new URL(link);
            b.links[name] = url.pathname + decodeURIComponent(url.search);
          }
        }
      }),
    ),
  }),
  faithful({
    name: 'pagination-free-plan',
    description: 'a free organization (one run task): multi-task checks are not applicable, nothing fails',
    suites: ['pagination', 'include'],
    target: { plan: 'free' },
  }),
];
