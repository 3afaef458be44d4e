import { describe, expect, it } from 'vitest';
import { extractHmacKeys, redact, REDACTED, redactDeep, secretVariants, SIGNATURE_REDACTED } from '../../src/client/index.ts';

describe('redact', () => {
  it.each([
    ['a known secret', 'token is s3cret!', ['s3cret!'], 'token is [REDACTED]'],
    ['every occurrence', 'a=s3cret b=s3cret', ['s3cret'], 'a=[REDACTED] b=[REDACTED]'],
    ['URL-encoded form', '/x?t=a%2Fb%20c', ['a/b c'], '/x?t=[REDACTED]'],
    ['form-encoded form', '/x?t=a+b', ['a b'], '/x?t=[REDACTED]'],
    ['JSON-escaped form', '{"k":"q\\"uote"}', ['q"uote'], '{"k":"[REDACTED]"}'],
    ['longest secret first', 'abcdef', ['abc', 'abcdef'], REDACTED],
    ['an unknown hmac-key member', '{"hmac-key": "zzz"}', [], '{"hmac-key": "[REDACTED]"}'],
    ['an hmac_key member with escapes', '{"hmac_key":"a\\"b"}', [], '{"hmac_key":"[REDACTED]"}'],
    ['an empty hmac-key is information, not a secret', '{"hmac-key":""}', [], '{"hmac-key":""}'],
    ['a null hmac-key is left', '{"hmac-key":null}', [], '{"hmac-key":null}'],
    ['a Bearer credential', 'Authorization: Bearer abc.def-ghi', [], 'Authorization: Bearer [REDACTED]'],
    ['a lower-case bearer', '"bearer xyz"', [], '"bearer [REDACTED]"'],
    ['empty secrets are ignored', 'plain text', [''], 'plain text'],
  ])('hides %s', (_name, text, secrets, want) => {
    expect(redact(text, secrets)).toBe(want);
  });

  it('redactDeep hides strings, hmac members and authorization in a copy', () => {
    const input = { a: ['tok', { 'hmac-key': 'k1', Authorization: 'Basic x' }], n: 1, z: null, hmac_key: '' };
    const out = redactDeep(input, ['tok']);
    expect(out).toEqual({ a: [REDACTED, { 'hmac-key': REDACTED, Authorization: REDACTED }], n: 1, z: null, hmac_key: '' });
    expect(input.a[0]).toBe('tok');
  });

  it('redactDeep hides an X-TFC-Task-Signature member, and leaves an empty one visibly empty', () => {
    const sig = 'ab'.repeat(64);
    expect(redactDeep({ headers: { 'X-TFC-Task-Signature': sig } }, [])).toEqual({ headers: { 'X-TFC-Task-Signature': SIGNATURE_REDACTED } });
    expect(redactDeep({ 'x-tfc-task-signature': '' }, [])).toEqual({ 'x-tfc-task-signature': '' });
  });

  it('extractHmacKeys decodes JSON string values', () => {
    const body = JSON.stringify({ data: { attributes: { 'hmac-key': 'a"b\\c', other: { hmac_key: 'k2' } } } });
    expect(extractHmacKeys(body)).toEqual(['a"b\\c', 'k2']);
    expect(extractHmacKeys('{"name":"x"}')).toEqual([]);
  });

  it('secretVariants dedupes plain secrets', () => {
    expect(secretVariants('abc')).toEqual(['abc']);
    expect(secretVariants('')).toEqual([]);
  });
});
