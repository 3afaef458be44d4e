// Runs suite definitions straight, without vitest's runner, against one prepared target: each suite file
// gets its runtime, every check its outcome. Both sides' broken-variant tests go through it.
import type { Outcome } from '../../src/runner/check-meta.ts';
import type { SuiteDefinition, SuiteRuntime } from '../../suites/_harness/define.ts';

export type Outcomes = Record<string, Outcome>;

export async function runDefinitions<C>(definitions: ReadonlyMap<string, SuiteDefinition<C>>, names: readonly string[], variant: string, runtime: (name: string) => SuiteRuntime<C>): Promise<Outcomes> {
  const outcomes: Outcomes = {};
  for (const name of names) {
    const definition = definitions.get(name);
    if (!definition) throw new Error(`variant ${variant}: no suite ${name}`);
    const r = runtime(definition.name);
    try {
      for (const check of definition.checks) outcomes[check.id] = (await r.runCheck(check)).outcome;
    } finally {
      await r.teardown();
    }
  }
  return outcomes;
}
