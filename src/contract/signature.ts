// X-TFC-Task-Signature, as HCP Terraform computes it: shared by the API side (the receiver verifies what a
// target sends) and the integration side (the harness signs what it sends to a service).
import { createHmac, timingSafeEqual } from 'node:crypto';

/** What HCP Terraform sends in X-TFC-Task-Signature: lowercase hex HMAC-SHA512 of the raw body. */
export function computeSignature(body: string, key: string): string {
  return createHmac('sha512', key).update(body, 'utf8').digest('hex');
}

/**
 * True when `signature` is the body's signature under `key`. Strict: uppercase hex is rejected (the
 * docs and the scaffolding say lowercase). With no key the header must be present and empty.
 */
export function verifySignature(body: string, signature: string | undefined, key: string): boolean {
  if (key === '') return signature === '';
  if (signature === undefined) return false;
  const want = Buffer.from(computeSignature(body, key), 'utf8');
  const got = Buffer.from(signature, 'utf8');
  return got.length === want.length && timingSafeEqual(got, want); // constant time once lengths match
}
