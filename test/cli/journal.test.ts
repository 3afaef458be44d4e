// The .rtc/ journal of a run against a target: removed when the run leaves nothing behind, kept (for `sweep`)
// when something could not be deleted.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator, type EmulatorHooks } from '../../src/api/emulator/index.ts';
import { runCli, tempDir } from './helpers.ts';

const started: RunningEmulator[] = [];
afterAll(() => Promise.all(started.map((t) => t.close())));

async function runIn(cwd: string, hooks?: EmulatorHooks) {
  const target = await startEmulator(hooks ? { hooks } : {});
  started.push(target);
  return runCli(['--address', target.url, '--token', 'rtc-owner-token', '--organization', 'rtc-org', '--grep', '^task\\.show\\.status$', '--retries', '0'], { cwd, timeoutMs: 120_000 });
}

describe('the .rtc/ journal', () => {
  it('is removed after a run that left nothing behind', async () => {
    const cwd = tempDir();
    const result = await runIn(cwd);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(existsSync(join(cwd, '.rtc'))).toBe(false);
  });

  it('stays, naming the leftover, when a delete fails', async () => {
    const cwd = tempDir();
    const refusesDeletes: EmulatorHooks = { onRequest: (req) => (req.method === 'DELETE' && /^\/api\/v2\/tasks\//.test(req.path) ? { status: 500, headers: {}, body: undefined } : req) };
    const result = await runIn(cwd, refusesDeletes);
    expect(result.stdout).toMatch(/could not delete task task-\S+/);
    const journals = readdirSync(join(cwd, '.rtc'));
    expect(journals).toEqual([expect.stringMatching(/^journal-[0-9a-f]{8}\.jsonl$/)]);
    const report = JSON.parse(readFileSync(join(cwd, 'reports', 'report.json'), 'utf8')) as { leftovers?: { kind: string; id: string }[] };
    expect(readFileSync(join(cwd, '.rtc', journals[0]!), 'utf8')).toContain(report.leftovers?.[0]?.id ?? 'no leftover reported');
  });
});
