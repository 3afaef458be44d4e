export { ApiClient, JSON_API } from './client.ts';
export { closeDefaultDispatcher, defaultDispatcher } from './dispatcher.ts';
export { classifyError, TransportError, type TransportErrorKind } from './errors.ts';
export { SERVER_LIMIT_SHARE } from './pacer.ts';
export { extractHmacKeys, redact, redactDeep, REDACTED, secretVariants } from './redact.ts';
export { parseRateLimitReset, parseRetryAfter, retryDelayMs } from './retry.ts';
export type { ApiResponse, ClientOptions, ClientStats, Exchange, RequestOptions } from './types.ts';
