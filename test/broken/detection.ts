// Proof of detection power, the same for both sides: every broken variant is caught by the checks it
// names, every faithful variant passes, and every requirement of the side is caught by at least one
// broken variant. A variant caught only by warnings of a MUST that the documentation alone states is run
// again with --strict, where the same checks must fail: the warning is the default level, not a blind spot.
import { describe, expect, it } from 'vitest';
import { appliedLevel, requirementFor, requirementIdOf, requirementsOf, type Side } from '../../src/contract/catalogue.ts';
import type { Caught } from './variant.ts';

type Outcomes = Record<string, string>;
export type RunVariant<V> = (variant: V, options?: { strict?: boolean }) => Promise<Outcomes>;

const BAD: ReadonlySet<string> = new Set(['fail', 'warn']);
const named = (name: string, id: string) => id === name || requirementIdOf(id) === name;

/** The named ids (check ids or requirement ids) that did not end fail or warn. */
export function missed(caughtBy: readonly string[], outcomes: Outcomes): string[] {
  return caughtBy.filter((name) => !Object.entries(outcomes).some(([id, o]) => named(name, id) && BAD.has(o)));
}

/** Checks under the named ids that ended other than `wanted`. */
function otherwise(names: readonly string[], outcomes: Outcomes, wanted: (o: string) => boolean): string[] {
  return Object.entries(outcomes)
    .filter(([id, o]) => names.some((name) => named(name, id)) && !wanted(o))
    .map(([id, o]) => `${id}=${o}`);
}

/** The named ids caught by warnings alone where --strict would make the requirement MUST. */
function warnedOnlyUnderDefault(caughtBy: readonly string[], outcomes: Outcomes): string[] {
  return caughtBy.filter((name) => {
    const matching = Object.entries(outcomes).filter(([id]) => named(name, id));
    return !matching.some(([, o]) => o === 'fail') && matching.some(([id, o]) => o === 'warn' && appliedLevel(requirementFor(id), true).level === 'MUST');
  });
}

/** The named ids no check of which failed. */
const notFailed = (names: readonly string[], outcomes: Outcomes) => names.filter((name) => !Object.entries(outcomes).some(([id, o]) => named(name, id) && o === 'fail'));

/** What a variant says beyond caughtBy: checks that must stay clean, checks that must be not applicable. */
export function sideConditions(variant: Caught, outcomes: Outcomes): string[] {
  return [...otherwise(variant.notCaughtBy ?? [], outcomes, (o) => !BAD.has(o)), ...otherwise(variant.notApplicable ?? [], outcomes, (o) => o === 'not-applicable')];
}

/** The describe blocks of one side's detection proof. */
export function describeDetection<V extends Caught>(side: Side, variants: readonly V[], run: RunVariant<V>): void {
  const brokenVariants = variants.filter((v) => v.caughtBy.length > 0);
  const faithfulVariants = variants.filter((v) => v.caughtBy.length === 0);

  describe.concurrent('broken variants are caught', () => {
    it.each(brokenVariants.map((v) => [v.name, v] as const))('%s', async (_, variant) => {
      const outcomes = await run(variant);
      expect(missed(variant.caughtBy, outcomes), `${variant.description}: not caught by`).toEqual([]);
      expect(sideConditions(variant, outcomes), `${variant.description}: side conditions`).toEqual([]);
      const warnedOnly = warnedOnlyUnderDefault(variant.caughtBy, outcomes);
      if (warnedOnly.length > 0) {
        expect(notFailed(warnedOnly, await run(variant, { strict: true })), `${variant.description}: not failed under --strict`).toEqual([]);
      }
    });
  });

  describe.concurrent('faithful variants pass', () => {
    it.each(faithfulVariants.map((v) => [v.name, v] as const))('%s', async (_, variant) => {
      const outcomes = await run(variant);
      const bad = Object.entries(outcomes).filter(([, o]) => o === 'fail' || o === 'warn' || o === 'inconclusive');
      expect(bad, variant.description).toEqual([]);
      expect(sideConditions(variant, outcomes), `${variant.description}: side conditions`).toEqual([]);
    });
  });

  describe('detection power', () => {
    it(`every ${side} requirement is caught by at least one broken variant`, () => {
      const caught = new Set(brokenVariants.flatMap((v) => v.caughtBy.map(requirementIdOf)));
      expect(requirementsOf(side).map((r) => r.id).filter((id) => !caught.has(id))).toEqual([]);
    });

    it('every variant name is unique', () => {
      const names = variants.map((v) => v.name);
      expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    });
  });
}
