// The embedded emulator's plans through the binary: `run --embedded-plan` takes every plan `serve --plan`
// takes, the run's organization has it (its entitlements in the report), and --help says which.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.ts';

const CHOICES = '(choices: "business", "trial", "free"';

describe('the embedded plans', () => {
  it.each([['run'], ['serve']])('%s --help lists business, trial and free', async (command) => {
    const result = await runCli([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout.replace(/\s+/g, ' ')).toContain(CHOICES);
  });

  // [plan, the entitlements the run reads from the emulator (report.json target.plan)]
  it.each([
    ['business', 'no run-task limit, global run tasks'],
    ['trial', 'no run-task limit, no global run tasks'],
    ['free', 'run-task-limit 1, no global run tasks'],
  ])('run --embedded-plan %s runs on that plan', async (plan, entitlements) => {
    const dir = tempDir();
    const result = await runCli(['--embedded-plan', plan, '--grep', '^task\\.show\\.status$', '--retries', '0', '--report-dir', dir], { timeoutMs: 120_000 });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain(`(organization rtc-org: ${entitlements})`);
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).target).toMatchObject({ embedded: true, plan: entitlements });
  });
});
