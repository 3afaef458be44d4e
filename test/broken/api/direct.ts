// Runs checks straight from their suite definitions against a variant of the embedded emulator, without
// vitest's runner: one process, many targets, fast. The CLI's run goes through vitest; both share
// Suite.runCheck, so a check judges the same way in either.
import { resolve } from 'node:path';
import { resolveConfig } from '../../../src/config/config.ts';
import { loadSuiteDefinitions } from '../../../src/runner/definitions.ts';
import { prepareRun } from '../../../src/runner/prepare.ts';
import { ROOT } from '../../../src/runner/vitest-run.ts';
import { Suite } from '../../../suites/api/_harness/suite.ts';
import { runDefinitions, type Outcomes } from '../direct.ts';
import type { Variant } from '../variant.ts';

export { loadSuiteDefinitions };

export type { Outcomes };

export async function runVariant(variant: Variant, settings: { seed?: number; numRuns?: number; strict?: boolean } = {}): Promise<Outcomes> {
  const definitions = await loadSuiteDefinitions();
  const config = { ...resolveConfig({}, {}), seed: settings.seed ?? 1, numRuns: settings.numRuns ?? 5, strict: settings.strict ?? variant.strict ?? false, embeddedPlan: variant.target?.plan ?? 'business' } as const;
  const prepared = await prepareRun(config, {
    ...(variant.hooks ? { hooks: variant.hooks } : {}),
    ...(variant.target ? { target: variant.target } : {}),
    journalDir: resolve(ROOT, '.rtc/variants'),
  });
  try {
    return await runDefinitions(definitions, variant.suites, variant.name, (name) => new Suite(name, { ...prepared.suite, ...variant.settings }));
  } finally {
    await prepared.close();
  }
}
