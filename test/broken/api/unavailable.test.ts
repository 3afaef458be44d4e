// "The target was down" is never "the target broke the contract": a target that answers 503, or keeps
// answering 429 after every retry, makes the checks it touches inconclusive, never failed.
import { describe, expect, it } from 'vitest';
import { runVariant } from './direct.ts';
import { faithful } from '../variant.ts';

const unavailable = (status: number) =>
  faithful({
    name: `show-task-answers-${status}`,
    description: `GET /tasks/:id always answers ${status}`,
    suites: ['task-lifecycle'],
    hooks: {
      onRequest: (req) =>
        req.method === 'GET' && /^\/api\/v2\/tasks\/[^/]+$/.test(req.path)
          ? { status, headers: { 'content-type': 'application/vnd.api+json', 'retry-after': '0' }, body: { errors: [{ status: String(status), title: 'unavailable' }] } }
          : req,
    },
  });

describe.each([429, 503])('a target answering %i', (status) => {
  it('leaves the checks it touches inconclusive and fails none', async () => {
    const outcomes = await runVariant(unavailable(status));
    expect(outcomes['task.show.status']).toBe('inconclusive');
    expect(Object.entries(outcomes).filter(([, o]) => o === 'fail' || o === 'warn')).toEqual([]);
  });
});
