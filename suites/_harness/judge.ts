// How a thrown error becomes an outcome, the same on both sides: a ContractViolation fails or warns by the
// requirement's applied level (its wording and its evidence, and --strict), NotApplicable and Inconclusive
// say so, a transport error is inconclusive, anything else is a defect of the check itself.
import { TransportError } from '../../src/client/index.ts';
import { appliedLevel, type Requirement } from '../../src/contract/catalogue.ts';
import type { Outcome } from '../../src/runner/check-meta.ts';
import { ContractViolation, Inconclusive, NotApplicable } from './errors.ts';

export function classify(err: unknown, requirement: Requirement, strict: boolean): { outcome: Outcome; message: string } {
  const cause = rootCause(err);
  const message = cause instanceof Error ? cause.message : String(cause);
  if (cause instanceof NotApplicable) return { outcome: 'not-applicable', message };
  if (cause instanceof Inconclusive) return { outcome: 'inconclusive', message };
  if (cause instanceof TransportError) return { outcome: 'inconclusive', message: `the target could not be reached (${cause.kind}): ${message}` };
  const detail = err instanceof Error && err !== cause ? `${err.message.split('\n')[0]}: ${message}` : message;
  if (cause instanceof ContractViolation || (cause instanceof Error && cause.name === 'AssertionError')) {
    // The level the evidence supports, not the documentation's wording alone (appliedLevel).
    return { outcome: appliedLevel(requirement, strict).level === 'MUST' ? 'fail' : 'warn', message: detail };
  }
  // Anything else is a defect of the check itself, not a judgement of the target.
  return { outcome: 'inconclusive', message: `the check itself failed: ${message}` };
}

/** fast-check wraps the error a property threw; the judgement belongs to the innermost one. */
export function rootCause(err: unknown): unknown {
  let e = err;
  for (let depth = 0; depth < 5 && e instanceof Error && !(e instanceof ContractViolation || e instanceof NotApplicable || e instanceof Inconclusive || e instanceof TransportError); depth++) {
    if (e.cause === undefined) break;
    e = e.cause;
  }
  return e;
}
