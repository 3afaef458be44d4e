// page[number] / page[size] handling and the links + meta.pagination of every list document.

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface Page {
  number: number;
  size: number;
}

export interface PaginationMeta {
  'current-page': number;
  'page-size': number;
  'prev-page': number | null;
  'next-page': number | null;
  'total-pages': number;
  'total-count': number;
}

export interface PaginationLinks {
  self: string;
  first: string;
  prev: string | null;
  next: string | null;
  last: string;
}

/** A positive safe integer written in plain digits, else undefined ("2abc", "1.5", "0", "-1" all fail). */
function positiveInteger(raw: string | null): number | undefined {
  if (raw === null || !/^\d+$/.test(raw)) return undefined;
  const value = Number(raw);
  return Number.isSafeInteger(value) && value >= 1 ? value : undefined;
}

/**
 * Reads the page from the query. URLSearchParams has already decoded `page%5Bnumber%5D`, so raw and
 * percent-encoded brackets both arrive as `page[number]`. Invalid values fall back to the defaults;
 * sizes above the maximum are clamped rather than refused.
 */
export function readPage(query: URLSearchParams): Page {
  const size = positiveInteger(query.get('page[size]'));
  return {
    number: positiveInteger(query.get('page[number]')) ?? 1,
    size: size === undefined ? DEFAULT_PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE),
  };
}

export function paginationMeta(page: Page, totalCount: number): PaginationMeta {
  const totalPages = Math.max(1, Math.ceil(totalCount / page.size));
  return {
    'current-page': page.number,
    'page-size': page.size,
    // Past the last page, prev still counts back from the current page, as Kaminari-style paginators do.
    'prev-page': page.number > 1 ? page.number - 1 : null,
    'next-page': page.number < totalPages ? page.number + 1 : null,
    'total-pages': totalPages,
    'total-count': totalCount,
  };
}

/**
 * Absolute page links. Page parameters come first, percent-encoded like the real service; any other
 * query parameter (include, search[name]) is carried along so that following `next` keeps the filter.
 */
export function paginationLinks(origin: string, path: string, query: URLSearchParams, meta: PaginationMeta): PaginationLinks {
  let rest = '';
  for (const [key, value] of query) {
    if (key !== 'page[number]' && key !== 'page[size]') rest += `&${encodeURIComponent(key)}=${encodeURIComponent(value)}`;
  }
  const size = meta['page-size'];
  const link = (n: number): string => `${origin}${path}?page%5Bnumber%5D=${n}&page%5Bsize%5D=${size}${rest}`;
  return {
    self: link(meta['current-page']),
    first: link(1),
    prev: meta['prev-page'] === null ? null : link(meta['prev-page']),
    next: meta['next-page'] === null ? null : link(meta['next-page']),
    last: link(meta['total-pages']),
  };
}

/** The items of `page` out of `items` (in iteration order), without copying the whole collection. */
export function pageItems<T>(items: Iterable<T>, page: Page): T[] {
  const start = (page.number - 1) * page.size;
  const end = start + page.size;
  const out: T[] = [];
  let index = 0;
  for (const item of items) {
    if (index >= end) break;
    if (index >= start) out.push(item);
    index += 1;
  }
  return out;
}
