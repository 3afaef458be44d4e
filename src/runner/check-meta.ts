// What each check leaves on its vitest test (task.meta.rtc) for the runner to turn into a result.
import type { ClientStats, Exchange } from '../client/index.ts';

export type Outcome = 'pass' | 'fail' | 'warn' | 'not-applicable' | 'inconclusive';

export interface CheckMeta {
  id: string;
  outcome: Outcome;
  message: string;
  transcript?: Exchange[];
  /** The last exchange before the check judged (a failure's reproduction repeats it); absent for a pass. */
  judged?: Exchange;
  /** What the check cost: its requests (cleanup included), 429 retries and waits. */
  stats?: ClientStats;
  /** Integration side: the task result as HCP Terraform would hold (and show) it after the service's callbacks. */
  taskResult?: TaskResultView;
}

export interface TaskResultView {
  stage: string;
  status: string;
  message: string | null;
  url: string | null;
  /** As the service sent them (objects only). */
  outcomes: Record<string, unknown>[];
}

declare module '@vitest/runner' {
  interface TaskMeta {
    rtc?: CheckMeta;
  }
}
