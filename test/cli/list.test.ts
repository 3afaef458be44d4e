// `list` through the binary: every check id with its applied level, evidence grade and requirement; --suite and --grep
// narrow it exactly as they narrow a run.
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.ts';

const lines = (stdout: string) => stdout.trim().split('\n');

describe('list', () => {
  it('prints every check once with its applied level, evidence grade and requirement, and a count', async () => {
    const result = await runCli(['list']);
    expect(result.code, result.stderr).toBe(0);
    const out = lines(result.stdout);
    const count = /^(\d+) checks of (\d+) requirements$/.exec(out.at(-1) ?? '');
    expect(count, out.at(-1)).not.toBeNull();
    const rows = out.slice(0, -1);
    expect(rows).toHaveLength(Number(count![1]));
    expect(new Set(rows.map((r) => r.split(/\s+/)[0])).size).toBe(rows.length);
    expect(rows).toContainEqual(expect.stringMatching(/^task\.create\.status\s+MUST\s+observed\s+201 \| JSON API document/));
    expect(rows).toContainEqual(expect.stringMatching(/^task\.validate\.category\[other\]\s+SHOULD \(stated MUST\)\s+documented\s+data\.attributes\.category/));
  });

  it('shows the levels a --strict run applies', async () => {
    const result = await runCli(['list', '--strict', '--grep', '^task\\.validate\\.category\\[other\\]$']);
    expect(lines(result.stdout)[0]).toMatch(/^task\.validate\.category\[other\]\s+MUST\s+documented\s/);
  });

  it('narrows by --suite and --grep', async () => {
    const result = await runCli(['list', '--suite', 'task-lifecycle', '--grep', '^task\\.show\\.']);
    expect(result.code, result.stderr).toBe(0);
    expect(lines(result.stdout).map((l) => l.split(/\s+/)[0])).toEqual(['task.show.status', 'task.show.document', 'task.show.not-found', '3']);
  });
});
