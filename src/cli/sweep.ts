// `sweep`: finds what earlier runs left behind, by journal and by name prefix, and deletes it with --yes.
// It only ever touches resources whose name carries a run prefix (rtc-<8 hex>-) or that a journal records.
import { ApiClient } from '../client/index.ts';
import { ConfigError, resolveConfig, type RawOptions } from '../config/config.ts';
import { byDeletionOrder, deleteLeftover, namedLeftovers, toLeftover, type Leftover as Resource } from '../runner/cleanup.ts';
import { earlierLeftovers } from '../runner/leftovers.ts';
import { preflight } from '../runner/prepare.ts';
import { counted } from '../report/derive.ts';

export const RUN_PREFIX = /^rtc-[0-9a-f]{8}-/;

export interface Leftover extends Resource {
  found: 'journal' | 'prefix';
}

export function journalLeftovers(dir: string, address: string, organization: string): Leftover[] {
  return earlierLeftovers(dir, { address, organization, runId: '' }).map((e) => ({ ...toLeftover(e), found: 'journal' as const }));
}

/** Journal entries first (they know workspace-task parents), then what only the prefix finds. */
export function mergeLeftovers(fromJournal: readonly Leftover[], fromPrefix: readonly Leftover[]): Leftover[] {
  const seen = new Set(fromJournal.map((l) => `${l.kind}:${l.id}`));
  return [...fromJournal, ...fromPrefix.filter((l) => !seen.has(`${l.kind}:${l.id}`))];
}

export async function sweep(options: RawOptions & { yes?: boolean; journalDir: string }, io: { log(line: string): void; env: NodeJS.ProcessEnv }): Promise<number> {
  const config = resolveConfig({ address: options.address, token: options.token, organization: options.organization }, io.env);
  if (!config.address || !config.token || !config.organization) throw new ConfigError('sweep needs a target: --address, --token and --organization (or TFE_ADDRESS, TFE_TOKEN, TFE_ORGANIZATION)');
  // The same one-line answers as a run for a target that is down, a refused token or an unknown organization.
  await preflight({ address: config.address, token: config.token, organization: config.organization, timeoutMs: config.timeoutMs });
  const client = new ApiClient({ baseUrl: config.address, token: config.token, timeoutMs: config.timeoutMs, maxRps: config.maxRps ?? 20 });
  const leftovers = mergeLeftovers(journalLeftovers(options.journalDir, config.address, config.organization), (await namedLeftovers(client, config.organization, RUN_PREFIX)).map((l) => ({ ...l, found: 'prefix' as const })));
  if (leftovers.length === 0) {
    io.log(`no leftovers in organization ${config.organization}`);
    return 0;
  }
  io.log(`${counted(leftovers.length, 'leftover')} in organization ${config.organization}:`);
  for (const l of leftovers) io.log(`  ${l.kind} ${l.id}${l.name ? ` ${l.name}` : ''} (${l.found})`);
  if (!options.yes) {
    io.log(`run again with --yes to delete ${leftovers.length === 1 ? 'it' : 'them'}`);
    return 0;
  }
  let failed = 0;
  for (const l of byDeletionOrder(leftovers)) {
    const ok = await deleteLeftover(client, l);
    if (!ok) failed += 1;
    io.log(`  ${ok ? 'deleted' : 'could not delete'} ${l.kind} ${l.id}`);
  }
  return failed === 0 ? 0 : 1;
}
