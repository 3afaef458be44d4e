// How a check body ends other than passing, the same on both sides: each side's check context extends this.
import { ContractViolation, Inconclusive, NotApplicable } from './errors.ts';

export class Outcomes {
  /** The target broke the requirement: fails or warns by its applied level. */
  fail(message: string): never {
    throw new ContractViolation(message);
  }
  notApplicable(reason: string): never {
    throw new NotApplicable(reason);
  }
  inconclusive(reason: string): never {
    throw new Inconclusive(reason);
  }
  assert(condition: unknown, message: string): void {
    if (!condition) this.fail(message);
  }
  /** Fails with every problem found, or passes when the list is empty. */
  none(problems: readonly (string | undefined)[], what = ''): void {
    const found = problems.filter((p): p is string => Boolean(p));
    if (found.length) this.fail(`${what ? `${what}: ` : ''}${found.join('; ')}`);
  }
}
