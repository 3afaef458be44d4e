// Deletes what a run created, from its journal: the safety net behind each check's own cleanup, and what
// runs after Ctrl-C or SIGTERM. It deletes only ids the journal records, so it never touches anything else.
import { ApiClient } from '../client/index.ts';
import { appendJournal, outstanding, readJournal, type JournalEntry, type ResourceKind } from './journal.ts';

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

/** Deletion order: each kind is deleted after the kinds that hang off it. */
const KINDS: readonly ResourceKind[] = (Object.keys(ORDER) as ResourceKind[]).sort((a, b) => ORDER[a] - ORDER[b]);

/**
 * Deletes `items` kind by kind in the deletion order, the resources of one kind in parallel: the client paces
 * them to what the server announces. `onDeleted` hears of each success at once; returns what could not be deleted.
 */
export async function deleteAll(client: ApiClient, items: readonly Leftover[], onDeleted: (l: Leftover) => void = () => undefined): Promise<Leftover[]> {
  const left: Leftover[] = [];
  for (const kind of KINDS) {
    await Promise.all(
      items
        .filter((l) => l.kind === kind)
        .map(async (l) => {
          if (await deleteLeftover(client, l)) onDeleted(l);
          else left.push(l);
        }),
    );
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

/** What identifies a run's resources: its journal, its name prefix, where it ran. */
export interface RunResources {
  journalPath: string;
  prefix: string;
  organization: string;
  address: string;
  runId: string;
}

const keyOf = (l: { kind: ResourceKind; id: string }) => `${l.kind}:${l.id}`;

/**
 * The run's own safety net, at its end and after an interruption. First what its journal records (each
 * deletion is journalled at once, so the journal always lists what is left); when `settled` is given (the
 * suites, still stopping), once more after it settles, for what checks on the wire created meanwhile; then
 * anything named with the run's prefix that the journal missed (a create whose answer never arrived), which
 * the journal records when it cannot be deleted. The caller bounds it in time: aborting the client's
 * signal refuses what is still queued, and the journal then says what is left.
 */
export async function cleanupRun(run: RunResources, client: ApiClient, options: { settled?: Promise<unknown> } = {}): Promise<void> {
  const record = (op: 'create' | 'delete') => (l: Leftover) =>
    appendJournal(run.journalPath, { op, kind: l.kind, id: l.id, ...(l.name ? { name: l.name } : {}), ...(l.parent ? { parent: l.parent } : {}), organization: run.organization, address: run.address, runId: run.runId });
  const deleteOutstanding = async () => {
    const items = journalOutstanding(run.journalPath);
    const deletedWorkspaces = new Set<string>();
    await deleteAll(client, items, (l) => {
      record('delete')(l);
      if (l.kind === 'workspace') deletedWorkspaces.add(l.id);
    });
    // An association does not outlive its workspace: the journal must not list it as left.
    for (const l of journalOutstanding(run.journalPath)) if (l.kind === 'workspace-task' && deletedWorkspaces.has(l.parent ?? '')) record('delete')(l);
  };
  await deleteOutstanding();
  if (options.settled) {
    await options.settled.catch(() => undefined);
    await deleteOutstanding();
  }
  let stray: Leftover[];
  try {
    const known = new Set(journalOutstanding(run.journalPath).map(keyOf));
    stray = (await namedLeftovers(client, run.organization, new RegExp(`^${escapeRegExp(run.prefix)}`))).filter((l) => !known.has(keyOf(l)));
  } catch {
    return; // not listable now: `sweep` lists by prefix too
  }
  for (const l of await deleteAll(client, stray)) record('create')(l);
}
