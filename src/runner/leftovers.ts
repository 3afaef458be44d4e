// What earlier runs against the same target and organization left behind, from their journals.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { outstanding, readJournal, type JournalEntry } from './journal.ts';
import type { SuiteConfig } from './suite-config.ts';

export function earlierLeftovers(dir: string, suite: Pick<SuiteConfig, 'address' | 'organization' | 'runId'>): JournalEntry[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /^journal-[0-9a-f]+\.jsonl$/.test(f));
  } catch {
    return [];
  }
  return outstanding(files.flatMap((f) => readJournal(join(dir, f)))).filter((e) => e.address === suite.address && e.organization === suite.organization && e.runId !== suite.runId);
}
