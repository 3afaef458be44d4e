/** Pure redaction helpers. A "needle" is an exact substring to hide; a secret yields a few needles. */

export const REDACTED = '[REDACTED]';

/**
 * X-TFC-Task-Signature is the HMAC-SHA512 of the body under the task's key. Beside the exact body (which a
 * transcript keeps), it lets anyone test guesses at a weak key offline, so its value never reaches a report.
 */
export const SIGNATURE_HEADER = 'x-tfc-task-signature';
/** What a sent signature shows as: that one was sent, and that it is hidden. */
export const SIGNATURE_REDACTED = '[redacted HMAC-SHA512]';

/** Headers whose values are hidden whatever they hold, with what stands in for them. */
const HIDDEN_HEADERS: ReadonlyMap<string, string> = new Map([
  ['authorization', REDACTED],
  [SIGNATURE_HEADER, SIGNATURE_REDACTED],
]);

/**
 * The stand-in for a hidden header's value; undefined for a header shown (with known secrets redacted).
 * An empty signature stays visibly empty: it is what HCP Terraform sends for a task without a key, and what
 * a check judges.
 */
export function hiddenHeaderValue(name: string, value: string): string | undefined {
  const key = name.toLowerCase();
  const marker = HIDDEN_HEADERS.get(key);
  return marker !== undefined && key === SIGNATURE_HEADER && value === '' ? '' : marker;
}

/** JSON members whose string values are always hidden, known or not. */
const HMAC_MEMBER = /("hmac[-_]key"\s*:\s*)"(?:[^"\\]|\\.)+"/g;
/** Same members, capturing the (JSON-escaped) value, to learn keys from bodies we send. */
const HMAC_VALUE = /"hmac[-_]key"\s*:\s*"((?:[^"\\]|\\.)+)"/g;
const BEARER = /(\bBearer\s+)[^\s"',;]+/gi;

/** The forms a secret takes on the wire: raw, inside a JSON string, URL-encoded, form-encoded. */
export function secretVariants(secret: string): string[] {
  if (secret === '') return [];
  const forms = [
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
  ];
  return [...new Set(forms)];
}

/** Needles for a set of secrets, longest first so a secret containing another is hidden whole. */
export function needlesOf(secrets: Iterable<string>): string[] {
  const all = new Set<string>();
  for (const s of secrets) for (const v of secretVariants(s)) all.add(v);
  return [...all].sort((a, b) => b.length - a.length);
}

/** Redacts with precomputed needles (the client's hot path; cheap `includes` guards before any regex). */
export function redactWith(text: string, needles: readonly string[]): string {
  let out = text;
  for (const n of needles) if (out.includes(n)) out = out.replaceAll(n, REDACTED);
  if (out.includes('hmac')) out = out.replace(HMAC_MEMBER, `$1"${REDACTED}"`);
  if (out.includes('earer')) out = out.replace(BEARER, `$1${REDACTED}`);
  return out;
}

/** Hides every secret value, any `hmac-key`/`hmac_key` JSON string member, and any `Bearer` credential. */
export function redact(text: string, secrets: Iterable<string>): string {
  return redactWith(text, needlesOf(secrets));
}

const HIDDEN_KEYS = new Set(['hmac-key', 'hmac_key']);

/** Deep copy of `value` with the same rules as `redact`, plus hmac-key and hidden-header members hidden. */
export function redactDeep<T>(value: T, secrets: Iterable<string>): T {
  return deep(value, needlesOf(secrets)) as T;
}

function deep(value: unknown, needles: readonly string[]): unknown {
  if (typeof value === 'string') return redactWith(value, needles);
  if (Array.isArray(value)) return value.map((v) => deep(v, needles));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const hidden = typeof v === 'string' && v !== '' ? (HIDDEN_KEYS.has(k.toLowerCase()) ? REDACTED : hiddenHeaderValue(k, v)) : undefined;
    out[k] = hidden ?? deep(v, needles);
  }
  return out;
}

/** Raw values of `hmac-key`/`hmac_key` string members found in a JSON text. */
export function extractHmacKeys(text: string): string[] {
  if (!text.includes('hmac')) return [];
  const keys: string[] = [];
  for (const m of text.matchAll(HMAC_VALUE)) {
    try {
      keys.push(JSON.parse(`"${m[1]}"`) as string);
    } catch {
      keys.push(m[1] ?? ''); // malformed escape: hide the text as written
    }
  }
  return keys;
}
