// Runs the suites through vitest's Node API and hands back one raw result per check.
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestCase, TestModule } from 'vitest/node';
import { BaseSequencer, createVitest, type Reporter, type TestSpecification } from 'vitest/node';
import type { ProvidedContext } from 'vitest';
import type { ClientStats } from '../client/index.ts';
import type { SuiteName } from '../config/config.ts';
import type { CheckMeta } from './check-meta.ts';
import type { SuiteConfig } from './suite-config.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SUITES_CONFIG = resolve(ROOT, 'vitest.suites.config.ts');

export interface RawResult {
  id: string;
  suite: string;
  /** vitest's own verdict, used when the check left no meta (a hook failed, a vitest timeout). */
  state: 'passed' | 'failed' | 'skipped' | 'pending';
  meta: CheckMeta | undefined;
  error: string | undefined;
  durationMs: number;
  flaky: boolean;
  /** How many times vitest ran the check (1 + its retries). */
  attempts: number;
}

export interface SuiteRunOptions {
  suites: readonly SuiteName[];
  grep: string | null;
  retries: number;
  /** Aborting cancels the run: running checks finish (and clean up), the rest are skipped. */
  signal?: AbortSignal;
  onResult?(result: RawResult): void;
  onSuiteEnd?(suite: string, results: readonly RawResult[]): void;
  /** Called once vitest is set up, as its worker starts: main-thread work placed here overlaps the worker's start. */
  onStart?(): void;
}

const suiteOf = (moduleId: string) => basename(moduleId).replace(/\.test\.ts$/, '');

export function toRawResult(testCase: TestCase): RawResult {
  const result = testCase.result();
  const diagnostic = testCase.diagnostic();
  const meta = testCase.meta().rtc;
  return {
    id: testCase.name,
    suite: suiteOf(testCase.module.moduleId),
    state: result.state,
    meta,
    error: result.errors?.[0]?.message,
    durationMs: diagnostic?.duration ?? 0,
    flaky: diagnostic?.flaky ?? false,
    attempts: (diagnostic?.retryCount ?? 0) + 1,
  };
}

/** The client statistics the checks reported, summed. */
export function statsOf(results: readonly RawResult[]): ClientStats {
  const stats: ClientStats = { requests: 0, retries429: 0, waitedMs: 0 };
  for (const r of results) {
    const s = r.meta?.stats;
    if (s) for (const key of ['requests', 'retries429', 'waitedMs'] as const) stats[key] += s[key];
  }
  return stats;
}

function collector(options: Omit<SuiteRunOptions, 'suites'>, results: RawResult[]): Reporter {
  return {
    onTestCaseResult(testCase: TestCase) {
      const raw = toRawResult(testCase);
      results.push(raw);
      options.onResult?.(raw);
    },
    onTestModuleEnd(module: TestModule) {
      const suite = suiteOf(module.moduleId);
      options.onSuiteEnd?.(suite, results.filter((r) => r.suite === suite));
    },
  };
}

/**
 * vitest's logger answers SIGINT/SIGTERM by exiting the process (process.once, in its constructor): the run
 * must clean up first, so it owns these signals. Those two registrations are left out while vitest is made.
 */
async function withoutVitestSignalHandlers<T>(make: () => Promise<T>): Promise<T> {
  const once = process.once;
  process.once = function (this: NodeJS.Process, event: string | symbol, listener: (...args: any[]) => void) {
    return event === 'SIGINT' || event === 'SIGTERM' ? this : once.call(this, event, listener);
  } as typeof process.once;
  try {
    return await make();
  } finally {
    process.once = once;
  }
}

export interface SuiteRun {
  results: RawResult[];
  unhandled: string[];
  stats: ClientStats;
}

/** One vitest run of the selected API suites against the target described by `config`. */
export function runSuites(config: SuiteConfig, options: SuiteRunOptions): Promise<SuiteRun> {
  return runVitest({ rtc: config }, options.suites.map((s) => `suites/api/${s}.test.ts`), options);
}

/**
 * One vitest run of these suite files (relative to the package root, run in this order) with what the
 * suites inject: the engine of both sides' runs.
 */
export async function runVitest(provide: Partial<ProvidedContext>, files: readonly string[], options: Omit<SuiteRunOptions, 'suites'>): Promise<SuiteRun> {
  const results: RawResult[] = [];
  const filters = [...files];
  const order = new Map(filters.map((f, i) => [resolve(ROOT, f), i]));
  /** Files in the order given (the integration side runs its resilience suite last). */
  class InOrder extends BaseSequencer {
    override async sort(specs: TestSpecification[]): Promise<TestSpecification[]> {
      return [...specs].sort((a, b) => (order.get(a.moduleId) ?? 0) - (order.get(b.moduleId) ?? 0));
    }
  }
  const vitest = await withoutVitestSignalHandlers(() =>
    createVitest(
      'test',
      {
        root: ROOT,
        config: SUITES_CONFIG,
        watch: false,
        reporters: [collector(options, results)],
        provide,
        retry: options.retries,
        sequence: { sequencer: InOrder },
        ...(options.grep ? { testNamePattern: options.grep } : {}),
      },
      { logLevel: 'silent' },
    ),
  );
  const unhandled: string[] = [];
  const cancel = () => void vitest.cancelCurrentRun('keyboard-input');
  options.signal?.addEventListener('abort', cancel, { once: true });
  try {
    // Interrupted while vitest was being made: nothing is started.
    if (!options.signal?.aborted) {
      const started = vitest.start(filters);
      options.onStart?.();
      const run = await started;
      unhandled.push(...(run.unhandledErrors ?? []).map((e) => String((e as { message?: unknown }).message ?? e)));
    }
  } finally {
    options.signal?.removeEventListener('abort', cancel);
    await vitest.close();
  }
  return { results, unhandled, stats: statsOf(results) };
}
