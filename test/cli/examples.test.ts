// The examples' expected-failure entries name checks that really fail: against an emulator broken exactly as
// the entries' reasons say, the run fails without the list and passes with it. A check judged at SHOULD could
// not show this (it never changes the exit code), so each entry must be a MUST as a run applies it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHooks, type RunningEmulator } from '../../src/api/emulator/index.ts';
import { findRequirement, requirementIdOf } from '../../src/contract/catalogue.ts';
import { appliedLevel } from '../../src/contract/requirement.ts';
import { parseExpectedFailures } from '../../src/runner/expected.ts';
import { ALL_VARIANTS } from '../broken/api/variants/index.ts';
import { ROOT, runCli, tempDir } from './helpers.ts';

const FILE = join(ROOT, 'examples/expected-failures.yaml');
const entries = parseExpectedFailures(readFileSync(FILE, 'utf8'), FILE);
/** The broken variants whose description is what each entry's reason says, in the same order. */
const VARIANTS = ['enabled-as-string', 'ws-task-deprecated-stage-ignored'];

/** Several variants' hooks as one: requests through each onRequest, responses through each onResponse. */
function combined(names: readonly string[]): EmulatorHooks {
  const hooks = names.map((n) => ALL_VARIANTS.find((v) => v.name === n)?.hooks ?? expect.fail(`no variant ${n}`));
  return {
    onRequest: async (req) => {
      let current = req;
      for (const h of hooks) {
        const out = await h.onRequest?.(current);
        if (out && 'status' in out) return out;
        if (out) current = out;
      }
      return current;
    },
    onResponse: async (req, res) => {
      let current = res;
      for (const h of hooks) current = (await h.onResponse?.(req, current)) ?? current;
      return current;
    },
  };
}

let target: RunningEmulator;
beforeAll(async () => {
  target = await startEmulator({ hooks: combined(VARIANTS) });
});
afterAll(() => target.close());

describe('examples/expected-failures.yaml', () => {
  it('names only checks a default run judges at MUST', () => {
    for (const e of entries) expect(appliedLevel(findRequirement(requirementIdOf(e.check))!, false).level, e.check).toBe('MUST');
  });

  it('lists exactly what fails against a target broken as its reasons say: red without it, green with it', async () => {
    const grep = `^(${entries.map((e) => e.check.replaceAll('.', '\\.')).join('|')})(\\[|$)`;
    const args = ['--address', target.url, '--token', 'rtc-owner-token', '--organization', 'rtc-org', '--grep', grep, '--retries', '0'];
    const dir = tempDir();
    const without = await runCli([...args, '--report-dir', join(dir, 'without')], { timeoutMs: 120_000 });
    expect(without.code, without.stdout).toBe(1);
    const failed = (JSON.parse(readFileSync(join(dir, 'without', 'report.json'), 'utf8')) as { checks: { id: string; outcome: string }[] }).checks.filter((c) => c.outcome === 'fail');
    for (const e of entries) expect(failed.some((c) => requirementIdOf(c.id) === requirementIdOf(e.check)), e.check).toBe(true);
    // The file as shipped, but for its expiry dates (the test must not expire with them).
    const list = join(dir, 'expected-failures.json');
    writeFileSync(list, JSON.stringify(entries.map(({ expires: _expires, ...e }) => e)));
    const withList = await runCli([...args, '--report-dir', join(dir, 'with'), '--expected-failures', list], { timeoutMs: 120_000 });
    expect(withList.code, withList.stdout).toBe(0);
  });
});
