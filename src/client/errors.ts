import type { Exchange } from './types.ts';

/** 'aborted': never sent, because the client's signal aborted (the run is stopping). */
export type TransportErrorKind = 'timeout' | 'refused' | 'reset' | 'dns' | 'tls' | 'other' | 'aborted';

/** Network failure or timeout: the target could not be judged (an "inconclusive", never a "fail"). */
export class TransportError extends Error {
  override name = 'TransportError';
  readonly kind: TransportErrorKind;
  /** The recorded (redacted) exchange, status null. */
  readonly exchange: Exchange | undefined;

  constructor(kind: TransportErrorKind, message: string, opts?: { cause?: unknown; exchange?: Exchange }) {
    super(message, opts?.cause === undefined ? undefined : { cause: opts.cause });
    this.kind = kind;
    this.exchange = opts?.exchange;
  }
}

const KIND_BY_CODE: Record<string, TransportErrorKind> = {
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  ETIMEDOUT: 'timeout',
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  UND_ERR_SOCKET: 'reset', // "other side closed"
  UND_ERR_CLOSED: 'reset',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_NONAME: 'dns',
  // https:// against a plain-HTTP port, and certificates the client does not trust
  ERR_SSL_WRONG_VERSION_NUMBER: 'tls',
  EPROTO: 'tls',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'tls',
  SELF_SIGNED_CERT_IN_CHAIN: 'tls',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'tls',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'tls',
  CERT_HAS_EXPIRED: 'tls',
  ERR_TLS_CERT_ALTNAME_INVALID: 'tls',
};

/** Maps node/undici errors to a kind; looks into AggregateError (happy eyeballs) and `cause`. */
export function classifyError(err: unknown): TransportErrorKind {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const rec = e as { code?: unknown; name?: unknown; errors?: unknown; cause?: unknown };
    if (rec.name === 'TimeoutError') return 'timeout';
    const kind = typeof rec.code === 'string' ? KIND_BY_CODE[rec.code] : undefined;
    if (kind) return kind;
    if (Array.isArray(rec.errors) && rec.errors.length > 0) return classifyError(rec.errors[0]);
    e = rec.cause;
  }
  return 'other';
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return typeof code === 'string' && !err.message.includes(code) ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}
