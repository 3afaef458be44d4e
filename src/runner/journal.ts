// The cleanup journal: one JSON line per resource a run creates or deletes, so that a crashed or
// interrupted run's leftovers can be found (`sweep`) without touching anything the run did not create.
import { appendFileSync, existsSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

export type ResourceKind = 'task' | 'workspace' | 'workspace-task';

export interface JournalEntry {
  op: 'create' | 'delete';
  kind: ResourceKind;
  id: string;
  name?: string;
  /** For a workspace task, the workspace it hangs off. */
  parent?: string;
  organization: string;
  address: string;
  runId: string;
  at: string;
}

export function appendJournal(path: string, entry: Omit<JournalEntry, 'at'>): void {
  appendFileSync(path, `${JSON.stringify({ ...entry, at: new Date().toISOString() })}\n`);
}

export function readJournal(path: string): JournalEntry[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as JournalEntry];
      } catch {
        return []; // a line cut short by a crash
      }
    });
}

/** Resources created and never deleted, in creation order. */
export function outstanding(entries: readonly JournalEntry[]): JournalEntry[] {
  const deleted = new Set(entries.filter((e) => e.op === 'delete').map((e) => `${e.kind}:${e.id}`));
  return entries.filter((e) => e.op === 'create' && !deleted.has(`${e.kind}:${e.id}`));
}

/**
 * After an end-of-run cleanup that left nothing behind, the journal has done its job: it is removed, and its
 * directory with it when that is left empty. A journal that records a leftover stays, for `sweep`.
 */
export function removeJournal(path: string): void {
  rmSync(path, { force: true });
  try {
    rmdirSync(dirname(path));
  } catch {
    // not empty (another run's journal), or already gone
  }
}
