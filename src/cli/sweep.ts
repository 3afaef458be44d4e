// `sweep`: finds what earlier runs left behind, by journal and by name prefix, and deletes it with --yes.
// It only ever touches resources whose name carries a run prefix (rtc-<8 hex>-) or that a journal records.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ApiClient } from '../client/index.ts';
import { ConfigError, resolveConfig, type RawOptions } from '../config/config.ts';
import { outstanding, readJournal, type JournalEntry, type ResourceKind } from '../runner/journal.ts';

export const RUN_PREFIX = /^rtc-[0-9a-f]{8}-/;

export interface Leftover {
  kind: ResourceKind;
  id: string;
  name?: string;
  parent?: string;
  found: 'journal' | 'prefix';
}

export function journalLeftovers(dir: string, address: string, organization: string): Leftover[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.startsWith('journal-') && f.endsWith('.jsonl'));
  } catch {
    return [];
  }
  const entries: JournalEntry[] = files.flatMap((f) => readJournal(join(dir, f)));
  return outstanding(entries)
    .filter((e) => e.address === address && e.organization === organization)
    .map((e) => ({ kind: e.kind, id: e.id, ...(e.name ? { name: e.name } : {}), ...(e.parent ? { parent: e.parent } : {}), found: 'journal' as const }));
}

type Listed = { id: string; attributes?: { name?: unknown } };

async function listAll(client: ApiClient, path: string, query: Record<string, string> = {}): Promise<Listed[]> {
  const items: Listed[] = [];
  for (let number = 1; number <= 50; number++) {
    const res = await client.request('GET', path, { query: { ...query, 'page[number]': String(number), 'page[size]': '100' } });
    if (res.status !== 200) throw new ConfigError(`GET ${path} answered ${res.status}: cannot list leftovers`);
    const doc = res.json as { data?: Listed[]; meta?: { pagination?: { 'next-page'?: number | null } } };
    items.push(...(doc.data ?? []));
    if (!doc.meta?.pagination?.['next-page']) break;
  }
  return items;
}

export async function prefixLeftovers(client: ApiClient, organization: string): Promise<Leftover[]> {
  const org = encodeURIComponent(organization);
  const named = (kind: ResourceKind) => (item: Listed) =>
    typeof item.attributes?.name === 'string' && RUN_PREFIX.test(item.attributes.name) ? [{ kind, id: item.id, name: item.attributes.name, found: 'prefix' as const }] : [];
  const tasks = (await listAll(client, `/api/v2/organizations/${org}/tasks`)).flatMap(named('task'));
  const workspaces = (await listAll(client, `/api/v2/organizations/${org}/workspaces`, { 'search[name]': 'rtc-' })).flatMap(named('workspace'));
  return [...tasks, ...workspaces];
}

/** Journal entries first (they know workspace-task parents), then what only the prefix finds. */
export function mergeLeftovers(fromJournal: readonly Leftover[], fromPrefix: readonly Leftover[]): Leftover[] {
  const seen = new Set(fromJournal.map((l) => `${l.kind}:${l.id}`));
  return [...fromJournal, ...fromPrefix.filter((l) => !seen.has(`${l.kind}:${l.id}`))];
}

const ORDER: Record<ResourceKind, number> = { 'workspace-task': 0, task: 1, workspace: 2 };

export async function deleteLeftover(client: ApiClient, l: Leftover): Promise<number> {
  const path =
    l.kind === 'task' ? `/api/v2/tasks/${encodeURIComponent(l.id)}` : l.kind === 'workspace' ? `/api/v2/workspaces/${encodeURIComponent(l.id)}` : `/api/v2/workspaces/${encodeURIComponent(l.parent ?? '')}/tasks/${encodeURIComponent(l.id)}`;
  return (await client.request('DELETE', path)).status;
}

export async function sweep(options: RawOptions & { yes?: boolean; journalDir: string }, io: { log(line: string): void; env: NodeJS.ProcessEnv }): Promise<number> {
  const config = resolveConfig({ address: options.address, token: options.token, organization: options.organization }, io.env);
  if (!config.address || !config.token || !config.organization) throw new ConfigError('sweep needs a target: --address, --token and --organization (or TFE_ADDRESS, TFE_TOKEN, TFE_ORGANIZATION)');
  const client = new ApiClient({ baseUrl: config.address, token: config.token, timeoutMs: config.timeoutMs, maxRps: config.maxRps ?? 20 });
  const leftovers = mergeLeftovers(journalLeftovers(options.journalDir, config.address, config.organization), await prefixLeftovers(client, config.organization));
  if (leftovers.length === 0) {
    io.log(`no leftovers in organization ${config.organization}`);
    return 0;
  }
  io.log(`${leftovers.length} leftover(s) in organization ${config.organization}:`);
  for (const l of leftovers) io.log(`  ${l.kind} ${l.id}${l.name ? ` ${l.name}` : ''} (${l.found})`);
  if (!options.yes) {
    io.log('run again with --yes to delete them');
    return 0;
  }
  let failed = 0;
  for (const l of [...leftovers].sort((a, b) => ORDER[a.kind] - ORDER[b.kind])) {
    const status = await deleteLeftover(client, l);
    const ok = status < 300 || status === 404;
    if (!ok) failed += 1;
    io.log(`  ${ok ? 'deleted' : `could not delete (${status})`} ${l.kind} ${l.id}`);
  }
  return failed === 0 ? 0 : 1;
}
