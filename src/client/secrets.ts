import { extractHmacKeys, hiddenHeaderValue, needlesOf, redactWith, SIGNATURE_HEADER } from './redact.ts';

export const MIN_LEARNED_KEY = 6;

/** The secrets a client (and its withToken siblings) knows, with needles kept precomputed. */
export class SecretSet {
  readonly #secrets = new Set<string>();
  #needles: string[] = [];

  constructor(initial: Iterable<string> = []) {
    for (const s of initial) this.add(s);
  }

  add(secret: string | null | undefined): void {
    if (!secret || this.#secrets.has(secret)) return;
    this.#secrets.add(secret);
    this.#needles = needlesOf(this.#secrets);
  }

  /**
   * Remembers hmac keys we send, in case a broken server echoes them somewhere else later. Keys shorter
   * than MIN_LEARNED_KEY are not hunted in free text (an `hmac-key` member is always hidden, whatever its
   * length): redacting "a" everywhere would make every transcript unreadable.
   */
  learnFrom(body: string): void {
    for (const k of extractHmacKeys(body)) if (k.length >= MIN_LEARNED_KEY) this.add(k);
  }

  /**
   * Remembers the signatures we send, so a service that echoes one (in a body, an error) cannot put it in a
   * report either: the header itself is hidden by redactHeaders.
   */
  learnFromHeaders(headers: Readonly<Record<string, string>>): void {
    for (const k in headers) if (k.toLowerCase() === SIGNATURE_HEADER && (headers[k] ?? '').length >= MIN_LEARNED_KEY) this.add(headers[k]);
  }

  redact(text: string): string {
    return redactWith(text, this.#needles);
  }

  /** Header values redacted; Authorization and X-TFC-Task-Signature hidden whatever their content. */
  redactHeaders(h: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const k in h) out[k] = hiddenHeaderValue(k, h[k] ?? '') ?? this.redact(h[k] ?? '');
    return out;
  }
}
