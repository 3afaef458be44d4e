export { ApiClient, JSON_API } from './client.ts';
export { closeDefaultDispatcher, defaultDispatcher } from './dispatcher.ts';
export { classifyError, TransportError, type TransportErrorKind } from './errors.ts';
export { DEFAULT_WINDOW_MS, Pacer, SERVER_LIMIT_SHARE, type Priority } from './pacer.ts';
export { extractHmacKeys, redact, redactDeep, REDACTED, secretVariants, SIGNATURE_REDACTED } from './redact.ts';
export { parseRateLimitReset, parseRetryAfter, retryDelayMs } from './retry.ts';
export type { ApiResponse, ClientOptions, ClientStats, Exchange, RequestOptions } from './types.ts';
