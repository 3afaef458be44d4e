export const BACKOFF_BASE_MS = 250;

/** Retry-After: delay-seconds or an HTTP-date. */
export function parseRetryAfter(v: string | undefined, nowMs: number): number | undefined {
  if (v === undefined) return undefined;
  const t = v.trim();
  if (t === '') return undefined;
  const secs = Number(t);
  if (Number.isFinite(secs)) return secs >= 0 ? secs * 1000 : undefined;
  const at = Date.parse(t);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** X-RateLimit-Reset: seconds to wait (float, go-tfe's reading); a huge value is taken as an epoch time. */
export function parseRateLimitReset(v: string | undefined, nowMs: number): number | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) return undefined;
  return n > 1e9 ? Math.max(0, n * 1000 - nowMs) : n * 1000;
}

/** How long to wait after the attempt-th 429 (0-based): Retry-After, else X-RateLimit-Reset, else 250ms doubling; capped. */
export function retryDelayMs(
  headers: Record<string, string>,
  attempt: number,
  capMs: number,
  nowMs = Date.now(),
): number {
  const d =
    parseRetryAfter(headers['retry-after'], nowMs) ??
    parseRateLimitReset(headers['x-ratelimit-reset'], nowMs) ??
    BACKOFF_BASE_MS * 2 ** attempt;
  return Math.min(d, capMs);
}
