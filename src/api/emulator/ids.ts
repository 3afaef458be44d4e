import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// Largest multiple of 62 below 256: bytes at or above it are rejected so every character is equally likely.
const UNBIASED_LIMIT = 248;

/** `length` random alphanumerics from the crypto source. */
export function randomAlphanumeric(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < UNBIASED_LIMIT) out += ALPHABET[byte % ALPHABET.length];
      if (out.length === length) break;
    }
  }
  return out;
}

/** An id such as task-7oD7doVTQdAFnMLV: a prefix and 16 random alphanumerics, like the real service. */
export type IdPrefix = 'task' | 'wstask' | 'ws' | 'org' | 'prj' | 'sub';

export function newId(prefix: IdPrefix): string {
  return `${prefix}-${randomAlphanumeric(16)}`;
}
