// The checks against the embedded emulator behind a rate limit it announces (X-RateLimit-Limit/-Remaining/
// -Reset on every answer, 429 beyond), on loopback, where the run is unpaced until the target speaks: no
// check may suffer for it, and the client spends the budget instead of running into the limit (a fresh
// client learns the budget from its first answer, so each may meet one 429 per token; unpaced, the same
// run meets one per window).
import { describe, expect, it } from 'vitest';
import { rateLimiter } from '../../scripts/rate-limited-target.ts';
import { runVariant } from '../broken/api/direct.ts';
import { faithful } from '../broken/variant.ts';

describe('a target that announces its rate limit, on loopback', () => {
  it('is paced to what it announces: no check fails or is inconclusive, and next to no request is refused', async () => {
    const limiter = rateLimiter(20, { windowMs: 100, retryAfter: '0.1' });
    const suites = ['task-lifecycle', 'workspace-tasks'] as const;
    const variant = faithful({ name: 'announced-rate-limit', description: '20 requests per token per 100 ms, announced on every answer', suites: [...suites], hooks: limiter });
    const outcomes = await runVariant(variant);
    expect(Object.entries(outcomes).filter(([, o]) => o === 'fail' || o === 'warn' || o === 'inconclusive')).toEqual([]);
    const { admitted, refused } = limiter.counts();
    const tokens = 3; // the owner's, the restricted member's, none
    expect(admitted).toBeGreaterThan(100);
    expect(refused, `${refused} of ${admitted + refused} requests refused`).toBeLessThanOrEqual((suites.length + 1) * tokens);
  });
});
