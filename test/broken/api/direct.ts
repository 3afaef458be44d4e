// Runs checks straight from their suite definitions against a variant of the embedded emulator, without
// vitest's runner: one process, many targets, fast. The CLI's run goes through vitest; both share
// Suite.runCheck, so a check judges the same way in either.
import { resolve } from 'node:path';
import { resolveConfig } from '../../../src/config/config.ts';
import { loadSuiteDefinitions } from '../../../src/runner/definitions.ts';
import type { Outcome } from '../../../src/runner/check-meta.ts';
import { prepareRun } from '../../../src/runner/prepare.ts';
import { ROOT } from '../../../src/runner/vitest-run.ts';
import { Suite } from '../../../suites/api/_harness/suite.ts';
import type { Variant } from '../variant.ts';

export { loadSuiteDefinitions };

export type Outcomes = Record<string, Outcome>;

export async function runVariant(variant: Variant, settings: { seed?: number; numRuns?: number; strict?: boolean } = {}): Promise<Outcomes> {
  const definitions = await loadSuiteDefinitions();
  const config = { ...resolveConfig({}, {}), seed: settings.seed ?? 1, numRuns: settings.numRuns ?? 5, strict: settings.strict ?? variant.strict ?? false, embeddedPlan: variant.target?.plan === 'free' ? 'free' : 'business' } as const;
  const prepared = await prepareRun(config, {
    ...(variant.hooks ? { hooks: variant.hooks } : {}),
    ...(variant.target ? { target: variant.target } : {}),
    journalDir: resolve(ROOT, '.rtc/variants'),
  });
  const outcomes: Outcomes = {};
  try {
    for (const name of variant.suites) {
      const definition = definitions.get(name);
      if (!definition) throw new Error(`variant ${variant.name}: no suite ${name}`);
      const runtime = new Suite(definition.name, { ...prepared.suite, ...variant.settings });
      try {
        for (const check of definition.checks) outcomes[check.id] = (await runtime.runCheck(check)).outcome;
      } finally {
        await runtime.teardown();
      }
    }
  } finally {
    await prepared.close();
  }
  return outcomes;
}
