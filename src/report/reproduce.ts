// A failure's reproduction: the request a check judged, as a curl command to paste into a shell. Built from
// the recorded (already redacted) exchange; the credential is always the shell's $TFE_TOKEN, never a value.
import type { Exchange } from './model.ts';

/** Quoted for a POSIX shell: single quotes, with each ' written as '\''. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** Headers curl sets itself, or that would only get in the way of a copy. */
const LEFT_OUT = new Set(['authorization', 'content-length', 'host', 'connection', 'user-agent']);

export function curlFor(exchange: Exchange): string {
  const parts = ['curl', '-sS', '-i'];
  if (exchange.method !== 'GET') parts.push('-X', exchange.method);
  if ('authorization' in exchange.requestHeaders) parts.push('-H', '"Authorization: Bearer $TFE_TOKEN"');
  for (const [name, value] of Object.entries(exchange.requestHeaders)) {
    if (!LEFT_OUT.has(name.toLowerCase())) parts.push('-H', shellQuote(`${name}: ${value ?? ''}`));
  }
  if (exchange.requestBody !== undefined) parts.push('--data-raw', shellQuote(exchange.requestBody));
  parts.push(shellQuote(exchange.url));
  return parts.join(' ');
}
