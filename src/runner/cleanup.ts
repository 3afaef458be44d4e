// Deletes what a run created, from its journal: the safety net behind each check's own cleanup, and what
// runs after Ctrl-C or SIGTERM. It deletes only ids the journal records, so it never touches anything else.
import { ApiClient } from '../client/index.ts';
import { outstanding, readJournal, type JournalEntry, type ResourceKind } from './journal.ts';

export interface Leftover {
  kind: ResourceKind;
  id: string;
  name?: string;
  parent?: string;
}

/** Associations before tasks before workspaces: each delete leaves the next one possible. */
const ORDER: Record<ResourceKind, number> = { 'workspace-task': 0, task: 1, workspace: 2 };

export const byDeletionOrder = <T extends { kind: ResourceKind }>(items: readonly T[]): T[] => [...items].sort((a, b) => ORDER[a.kind] - ORDER[b.kind]);

export function pathOf(l: Leftover): string {
  const e = encodeURIComponent;
  if (l.kind === 'task') return `/api/v2/tasks/${e(l.id)}`;
  if (l.kind === 'workspace') return `/api/v2/workspaces/${e(l.id)}`;
  return `/api/v2/workspaces/${e(l.parent ?? '')}/tasks/${e(l.id)}`;
}

/** Deletes one resource; gone already (404) counts as deleted. */
export async function deleteLeftover(client: ApiClient, l: Leftover): Promise<boolean> {
  try {
    const { status } = await client.request('DELETE', pathOf(l));
    return status < 300 || status === 404;
  } catch {
    return false;
  }
}

export const toLeftover = (e: JournalEntry): Leftover => ({ kind: e.kind, id: e.id, ...(e.name ? { name: e.name } : {}), ...(e.parent ? { parent: e.parent } : {}) });

/** Deletes what the journal says is still there; returns what could not be deleted. */
export async function cleanupFromJournal(path: string, client: ApiClient): Promise<Leftover[]> {
  const left: Leftover[] = [];
  for (const leftover of byDeletionOrder(outstanding(readJournal(path)).map(toLeftover))) {
    if (!(await deleteLeftover(client, leftover))) left.push(leftover);
  }
  return left;
}

export function journalOutstanding(path: string): Leftover[] {
  return outstanding(readJournal(path)).map(toLeftover);
}

type Listed = { id: string; attributes?: { name?: unknown } };

async function listAll(client: ApiClient, path: string, query: Record<string, string> = {}): Promise<Listed[]> {
  const items: Listed[] = [];
  for (let number = 1; number <= 50; number++) {
    const res = await client.request('GET', path, { query: { ...query, 'page[number]': String(number), 'page[size]': '100' } });
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: cannot list leftovers`);
    const doc = res.json as { data?: Listed[]; meta?: { pagination?: { 'next-page'?: number | null } } };
    items.push(...(doc.data ?? []));
    if (!doc.meta?.pagination?.['next-page']) break;
  }
  return items;
}

/** Tasks and workspaces of the organization whose name matches `pattern` (a run prefix). */
export async function namedLeftovers(client: ApiClient, organization: string, pattern: RegExp): Promise<Leftover[]> {
  const org = encodeURIComponent(organization);
  const named = (kind: ResourceKind) => (item: Listed) =>
    typeof item.attributes?.name === 'string' && pattern.test(item.attributes.name) ? [{ kind, id: item.id, name: item.attributes.name }] : [];
  const tasks = (await listAll(client, `/api/v2/organizations/${org}/tasks`)).flatMap(named('task'));
  const workspaces = (await listAll(client, `/api/v2/organizations/${org}/workspaces`, { 'search[name]': 'rtc-' })).flatMap(named('workspace'));
  return [...tasks, ...workspaces];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The run's own safety net: first what its journal records, then anything named with its prefix that the
 * journal missed (a create whose answer never arrived because the run was interrupted).
 */
export async function cleanupRun(journalPath: string, prefix: string, organization: string, client: ApiClient): Promise<Leftover[]> {
  const left = await cleanupFromJournal(journalPath, client);
  let stray: Leftover[] = [];
  try {
    stray = await namedLeftovers(client, organization, new RegExp(`^${escapeRegExp(prefix)}`));
  } catch {
    return left;
  }
  for (const leftover of byDeletionOrder(stray)) if (!(await deleteLeftover(client, leftover))) left.push(leftover);
  return left;
}
