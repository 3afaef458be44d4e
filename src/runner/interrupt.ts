// SIGINT/SIGTERM as one piece. The first signal stops the run: delete what it created first, then write the
// reports, all within --cleanup-timeout, then exit 130/143. A second signal within SAME_INTERRUPTION_MS is
// the same interruption (GNU timeout, a CI runner signalling the whole process group, npm forwarding
// Ctrl-C): it changes nothing. A later second signal stops waiting for the cleanup: the reports are written
// at once. A third one, or the deadline itself, exits on the spot, saying what may be left.
import { counted } from '../report/derive.ts';

export const SAME_INTERRUPTION_MS = 500;
export const DEFAULT_CLEANUP_TIMEOUT_MS = 3000;

export type InterruptSignal = 'SIGINT' | 'SIGTERM';
export type InterruptCode = 130 | 143;

/** Part of the timeout kept for writing the reports once the cleanup stops (JSON, schema check, HTML). */
export const reportReserveMs = (cleanupTimeoutMs: number): number => Math.min(1000, Math.max(500, cleanupTimeoutMs * 0.3));

/** The last resort fires this much before the timeout: the process must be gone by then, not just exiting. */
export const EXIT_MARGIN_MS = 100;

export interface InterruptionHooks {
  log(line: string): void;
  /** What the journal still lists, in words (e.g. "task task-1, workspace ws-2"); empty when nothing is left. */
  left(): string[];
  /** The process ends here (process.exit in the CLI; a recorder in tests). */
  exit(code: InterruptCode): void;
}

type State = 'running' | 'cleaning' | 'reporting' | 'done';

export class Interruption {
  readonly #stop = new AbortController();
  readonly #stopWaiting = new AbortController();
  readonly #hooks: InterruptionHooks;
  readonly #timeoutMs: number;
  #state: State = 'running';
  #signal: InterruptSignal | undefined;
  #at = 0;
  #timers: NodeJS.Timeout[] = [];

  constructor(cleanupTimeoutMs: number, hooks: InterruptionHooks) {
    this.#timeoutMs = cleanupTimeoutMs;
    this.#hooks = hooks;
  }

  /** Aborted by the first signal: the run stops (vitest cancels, the suites send nothing more). */
  get signal(): AbortSignal {
    return this.#stop.signal;
  }

  /** Aborted when the cleanup must stop: its share of the timeout is over, or a later second signal. */
  get stopWaiting(): AbortSignal {
    return this.#stopWaiting.signal;
  }

  get interrupted(): boolean {
    return this.#signal !== undefined;
  }

  get code(): InterruptCode {
    return this.#signal === 'SIGTERM' ? 143 : 130;
  }

  get signalName(): InterruptSignal | undefined {
    return this.#signal;
  }

  /** Milliseconds left of the cleanup's share of the timeout (Infinity before any signal). */
  cleanupLeftMs(now = performance.now()): number {
    return this.#signal ? Math.max(0, this.#at + this.#timeoutMs - reportReserveMs(this.#timeoutMs) - now) : Infinity;
  }

  /** The state machine; `now` is injectable for tests. */
  onSignal(signal: InterruptSignal, now = performance.now()): void {
    if (this.#state === 'running') {
      this.#signal = signal;
      this.#at = now;
      this.#state = 'cleaning';
      const seconds = this.#timeoutMs / 1000;
      this.#hooks.log(`${signal}: stopping; removing what this run created, then writing the reports (within ${seconds} s, --cleanup-timeout; send it again to stop waiting)`);
      this.#timers.push(
        setTimeout(() => this.#stopCleanup(), this.cleanupLeftMs(now)),
        setTimeout(() => this.#exitNow(`the --cleanup-timeout of ${seconds} s is over`), this.#timeoutMs - EXIT_MARGIN_MS),
      );
      this.#stop.abort(new Error(`interrupted by ${signal}`));
      return;
    }
    if (now - this.#at < SAME_INTERRUPTION_MS) return; // the same interruption, delivered twice
    if (this.#state === 'cleaning') {
      const left = this.#hooks.left();
      this.#hooks.log(`${signal} again: stopped waiting for the cleanup; ${leftWords(left)}; writing the reports`);
      this.#stopCleanup();
      return;
    }
    this.#exitNow(`${signal} again`);
  }

  /** The cleanup is over (done, or stopped): the reports are being written. */
  reporting(): void {
    if (this.#state === 'cleaning') this.#state = 'reporting';
  }

  /** Installs the handlers on the process. */
  install(): this {
    process.on('SIGINT', this.#onProcessSignal);
    process.on('SIGTERM', this.#onProcessSignal);
    return this;
  }

  /** Removes the handlers and timers (a run that ended without a signal, or after its reports). */
  dispose(): void {
    this.#state = 'done';
    process.off('SIGINT', this.#onProcessSignal);
    process.off('SIGTERM', this.#onProcessSignal);
    for (const t of this.#timers) clearTimeout(t);
    this.#timers = [];
  }

  readonly #onProcessSignal = (signal: NodeJS.Signals) => this.onSignal(signal === 'SIGTERM' ? 'SIGTERM' : 'SIGINT');

  #stopCleanup(): void {
    if (this.#state === 'cleaning') this.#state = 'reporting';
    if (!this.#stopWaiting.signal.aborted) this.#stopWaiting.abort(new Error('the cleanup was stopped'));
  }

  #exitNow(why: string): void {
    if (this.#state === 'done') return;
    this.#state = 'done';
    this.#hooks.log(`${why}: exiting without the reports; ${leftWords(this.#hooks.left())}`);
    this.#hooks.exit(this.code);
  }
}

/** "nothing is left" or "2 resources may be left (task …): `run-tasks-conformance sweep --yes` removes them". */
export function leftWords(left: readonly string[]): string {
  if (left.length === 0) return 'the journal lists nothing left behind';
  return `${counted(left.length, 'resource')} may be left behind (${left.join(', ')}): \`run-tasks-conformance sweep --yes\` removes ${left.length === 1 ? 'it' : 'them'}`;
}
