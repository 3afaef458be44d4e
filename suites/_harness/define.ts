// A suite is data: its name and its checks, bound to a target only when it runs. Under vitest each check
// becomes one test whose outcome goes into task.meta.rtc; outside vitest (the project's broken-variant
// tests) the definitions are collected instead (directRegistry) and run directly. Both sides use this.
import { afterAll, it } from 'vitest';
import { requirementFor } from '../../src/contract/catalogue.ts';
import type { CheckMeta } from '../../src/runner/check-meta.ts';

export interface CheckDefinition<C> {
  id: string;
  body: (t: C) => Promise<void>;
  timeout?: number;
}

export interface SuiteDefinition<C> {
  name: string;
  checks: CheckDefinition<C>[];
}

export interface SuiteBuilder<C> extends SuiteDefinition<C> {
  check(id: string, body: (t: C) => Promise<void>, options?: { timeout?: number }): void;
}

/** What runs a suite's checks against one target: one per suite file under vitest. */
export interface SuiteRuntime<C> {
  runCheck(check: CheckDefinition<C>): Promise<CheckMeta>;
  teardown(): Promise<void>;
  /** The run was cancelled (Ctrl-C, SIGTERM): send nothing more. */
  interrupt?(): void;
}

/**
 * Where suite definitions go when the suites are loaded outside vitest (the broken-variant tests run every
 * check directly against many targets in one process). Unset: each check becomes a vitest test.
 */
export const directRegistry: { suites: SuiteDefinition<never>[] | undefined } = { suites: undefined };

/**
 * A defineSuite for one side: `runtime` makes the side's runtime of a suite file (from what vitest
 * provides); `timeout` is the vitest timeout of its checks when they do not set one.
 */
export function suiteDefiner<C>(runtime: (name: string) => SuiteRuntime<C>, timeout?: () => number | undefined): (name: string) => SuiteBuilder<C> {
  const runtimes = new Map<SuiteDefinition<C>, SuiteRuntime<C>>();
  const runtimeOf = (definition: SuiteDefinition<C>) => {
    let r = runtimes.get(definition);
    if (!r) {
      r = runtime(definition.name);
      runtimes.set(definition, r);
    }
    return r;
  };

  return (name) => {
    const definition: SuiteBuilder<C> = {
      name,
      checks: [],
      check(id, body, options = {}) {
        requirementFor(id); // an unknown id fails at load time, not at run time
        const ms = options.timeout ?? (directRegistry.suites ? undefined : timeout?.());
        const check: CheckDefinition<C> = { id, body, ...(ms === undefined ? {} : { timeout: ms }) };
        definition.checks.push(check);
        if (!directRegistry.suites) registerVitestTest(() => runtimeOf(definition), check);
      },
    };
    if (directRegistry.suites) directRegistry.suites.push(definition as SuiteDefinition<never>);
    else
      afterAll(async () => {
        const r = runtimes.get(definition);
        if (!r) return;
        runtimes.delete(definition);
        await r.teardown();
      });
    return definition;
  };
}

function registerVitestTest<C>(runtime: () => SuiteRuntime<C>, check: CheckDefinition<C>): void {
  it(check.id, check.timeout === undefined ? {} : { timeout: check.timeout }, async (ctx) => {
    const r = runtime();
    // vitest aborts the test's signal when the run is cancelled (Ctrl-C, SIGTERM) and abandons the test at once;
    // the check's further requests must not compete with the run's cleanup. A test timeout aborts it too, but
    // concerns this check alone.
    ctx.signal.addEventListener('abort', () => {
      if ((ctx.signal.reason as { name?: unknown } | undefined)?.name === 'TestRunAbortError') r.interrupt?.();
    });
    const meta = await r.runCheck(check);
    ctx.task.meta.rtc = meta;
    if (meta.outcome === 'not-applicable') ctx.skip(meta.message);
    if (meta.outcome === 'fail' || meta.outcome === 'inconclusive') throw new Error(`${meta.outcome}: ${meta.message}`);
  });
}

/** Imports suite files outside vitest and hands back their definitions by name. */
export async function collectSuites<C>(files: readonly string[]): Promise<Map<string, SuiteDefinition<C>>> {
  directRegistry.suites = [];
  try {
    for (const file of files) await import(file);
    return new Map((directRegistry.suites as unknown as SuiteDefinition<C>[]).map((s) => [s.name, s]));
  } finally {
    directRegistry.suites = undefined;
  }
}
