import { EventEmitter } from 'node:events';
import type { Dispatcher } from 'undici';

/** The one reason object of every timeout: recognised by identity, nothing allocated per request. */
export const TIMEOUT: Error = new Error('timeout');

/**
 * One exchange's deadline (connect + headers + body).
 * - undici accepts an EventEmitter as `signal`; in Node 20 an AbortController with its listener costs
 *   ~15x more per request, which alone breaks the hot-path budget.
 * - undici applies an abort only once the request reaches a connected socket, so send() also rejects
 *   by itself: a connect that never completes cannot outlive the deadline.
 */
export class Deadline extends EventEmitter {
  aborted = false;
  reason: unknown = undefined;
  readonly #timer: NodeJS.Timeout;
  #reject: ((e: unknown) => void) | undefined;

  constructor(ms: number) {
    super();
    this.#timer = setTimeout(fire, ms, this);
  }

  /** dispatcher.request in its callback form, so the deadline can settle it; opts.signal should be this. */
  send(d: Dispatcher, opts: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData> {
    return new Promise((resolve, reject) => {
      this.#reject = reject;
      d.request(opts, (err, data) => (err ? reject(err) : resolve(data)));
    });
  }

  clear(): void {
    clearTimeout(this.#timer);
  }

  expire(): void {
    this.aborted = true;
    this.reason = TIMEOUT; // undici rejects / destroys the body with signal.reason
    this.emit('abort');
    this.#reject?.(TIMEOUT);
  }
}

function fire(d: Deadline): void {
  d.expire();
}
