// Small pure judgements over responses. Each returns a problem description, or undefined when all is well.
import type { ApiResponse } from '../../../src/client/index.ts';
import { formatViolations, validate, type SchemaName } from '../../../src/contract/validate.ts';
import type { Pagination } from '../../../src/types/contract.ts';

export const JSON_API_MEDIA_TYPE = 'application/vnd.api+json';

export function statusProblem(res: ApiResponse, expected: number | readonly number[]): string | undefined {
  const allowed = typeof expected === 'number' ? [expected] : expected;
  if (allowed.includes(res.status)) return undefined;
  return `expected status ${allowed.join(' or ')}, got ${res.status}${errorTitle(res)}`;
}

function errorTitle(res: ApiResponse): string {
  const errors = (res.json as { errors?: { title?: unknown; detail?: unknown }[] } | undefined)?.errors;
  const first = Array.isArray(errors) ? errors[0] : undefined;
  if (!first) return '';
  return ` (${[first.title, first.detail].filter((x) => typeof x === 'string').join(': ')})`;
}

export function mediaTypeProblem(res: ApiResponse): string | undefined {
  if (res.text.length === 0) return undefined;
  const type = (res.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return type === JSON_API_MEDIA_TYPE ? undefined : `expected Content-Type ${JSON_API_MEDIA_TYPE}, got ${type || 'none'}`;
}

export function schemaProblem(schema: SchemaName, value: unknown): string | undefined {
  if (value === undefined) return `expected a JSON body (${schema}), got none or not JSON`;
  const violations = validate(schema, value);
  return violations.length === 0 ? undefined : `${schema}: ${formatViolations(violations)}`;
}

export function errorDocumentProblem(res: ApiResponse): string | undefined {
  return schemaProblem('error-document', res.json);
}

export function emptyBodyProblem(res: ApiResponse): string | undefined {
  return res.text.trim().length === 0 ? undefined : `expected no body, got ${res.text.slice(0, 80)}`;
}

export function pointerProblem(res: ApiResponse, expectedPrefix: string): string | undefined {
  const errors = (res.json as { errors?: { source?: { pointer?: unknown } }[] } | undefined)?.errors ?? [];
  const pointers = errors.map((e) => e.source?.pointer).filter((p): p is string => typeof p === 'string');
  if (pointers.some((p) => p === expectedPrefix || p.startsWith(`${expectedPrefix}/`) || expectedPrefix.startsWith(`${p}/`))) return undefined;
  return `expected an error with source.pointer ${expectedPrefix}, got ${pointers.length ? pointers.join(', ') : 'none'}`;
}

/** meta.pagination consistent with the request and the number of items on the page. */
export function paginationMetaProblems(meta: Pagination, items: number, asked: { number: number; size: number }): string[] {
  const problems: string[] = [];
  const expectPages = meta['total-count'] === 0 ? [0, 1] : [Math.ceil(meta['total-count'] / meta['page-size'])];
  if (meta['current-page'] !== asked.number) problems.push(`current-page ${meta['current-page']}, asked ${asked.number}`);
  if (meta['page-size'] !== asked.size) problems.push(`page-size ${meta['page-size']}, asked ${asked.size}`);
  if (!expectPages.includes(meta['total-pages'])) problems.push(`total-pages ${meta['total-pages']} for total-count ${meta['total-count']} and page-size ${meta['page-size']}`);
  const expectedItems = Math.max(0, Math.min(meta['page-size'], meta['total-count'] - (asked.number - 1) * meta['page-size']));
  if (items !== expectedItems) problems.push(`${items} items on page ${asked.number}, expected ${expectedItems}`);
  // prev/next are only defined for pages inside the list; past the last page services differ.
  if (asked.number <= Math.max(meta['total-pages'], 1)) {
    const prev = asked.number > 1 ? asked.number - 1 : null;
    const next = asked.number < meta['total-pages'] ? asked.number + 1 : null;
    if (meta['prev-page'] !== prev) problems.push(`prev-page ${meta['prev-page']}, expected ${prev}`);
    if (meta['next-page'] !== next) problems.push(`next-page ${meta['next-page']}, expected ${next}`);
  }
  return problems;
}

/** The page number and size a pagination link addresses (brackets raw or percent-encoded). */
export function pageOfLink(link: string): { number: number; size: number } | undefined {
  const params = new URL(link, 'http://relative.invalid').searchParams;
  const number = Number(params.get('page[number]'));
  const size = Number(params.get('page[size]'));
  return Number.isInteger(number) && Number.isInteger(size) && number > 0 && size > 0 ? { number, size } : undefined;
}

export interface ListLinks {
  self: string;
  first: string;
  prev: string | null;
  next: string | null;
  last: string;
}

export function paginationLinkProblems(links: ListLinks, meta: Pagination): string[] {
  const problems: string[] = [];
  const lastPage = Math.max(meta['total-pages'], 1);
  const expected: Record<keyof ListLinks, number | null> = {
    self: meta['current-page'],
    first: 1,
    prev: meta['prev-page'],
    next: meta['next-page'],
    last: lastPage,
  };
  for (const [name, page] of Object.entries(expected) as [keyof ListLinks, number | null][]) {
    const link = links[name];
    if (page === null) {
      if (link !== null) problems.push(`links.${name} should be null, got ${link}`);
      continue;
    }
    const target = link === null ? undefined : pageOfLink(link);
    if (!target) problems.push(`links.${name} ${String(link)} does not address a page`);
    else if (target.number !== page || target.size !== meta['page-size']) problems.push(`links.${name} addresses page ${target.number} size ${target.size}, expected page ${page} size ${meta['page-size']}`);
  }
  return problems;
}

/** Items repeated or missing when the pages of a list are put together. */
export function partitionProblems(pages: readonly (readonly string[])[], expected: readonly string[]): string[] {
  const seen = pages.flat();
  const repeated = seen.filter((id, i) => seen.indexOf(id) !== i);
  const missing = expected.filter((id) => !seen.includes(id));
  return [
    ...(repeated.length ? [`repeated across pages: ${[...new Set(repeated)].join(', ')}`] : []),
    ...(missing.length ? [`missing from every page: ${missing.join(', ')}`] : []),
  ];
}

/** The JSON type each task attribute has in a response (hmac-key is write-only: always null). */
const ATTRIBUTE_TYPES: Record<string, (value: unknown) => boolean> = {
  'name': (v) => typeof v === 'string',
  'url': (v) => typeof v === 'string',
  'category': (v) => typeof v === 'string',
  'description': (v) => v === undefined || v === null || typeof v === 'string',
  'enabled': (v) => typeof v === 'boolean',
  'hmac-key': (v) => v === null,
};

/** Attributes of a task whose JSON type is not the documented one (a wrong-typed value stored as sent). */
export function wrongTypeProblems(attributes: Record<string, unknown> | undefined, where: string): string[] {
  if (!attributes) return [`${where}: no attributes`];
  return Object.entries(ATTRIBUTE_TYPES).filter(([key, ok]) => !ok(attributes[key])).map(([key]) => `${where}: ${key} is ${JSON.stringify(attributes[key]) ?? 'missing'}, not of its documented type`);
}

/**
 * The path (and query) a resource's links.self names, for a GET at the target: absolute links and paths alike.
 * The samples' workspace-task links end in `task-<x>` for the resource `wstask-<x>` (erratum E6): that last
 * segment is read as the resource's id.
 */
export function selfLinkPath(link: string, id: string): string {
  const url = new URL(link, 'http://relative.invalid/');
  const segments = url.pathname.split('/');
  const last = segments.at(-1) ?? '';
  if (id.startsWith('wstask-') && last === id.slice(2)) segments[segments.length - 1] = id;
  return `${segments.join('/')}${url.search}`;
}

/** What a GET on a self link must answer: the same resource. */
export function selfLinkProblem(res: ApiResponse, expected: { id: string; type: string }, link: string): string | undefined {
  if (res.status !== 200) return `links.self ${link} answered ${res.status}, not the ${expected.type} ${expected.id}`;
  const data = (res.json as { data?: { id?: unknown; type?: unknown } } | undefined)?.data;
  return data?.id === expected.id && data?.type === expected.type ? undefined : `links.self ${link} answered ${JSON.stringify(data?.type)} ${JSON.stringify(data?.id)}, not the ${expected.type} ${expected.id}`;
}
