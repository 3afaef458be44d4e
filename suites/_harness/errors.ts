// The three ways a check can end other than passing, on both sides. The shared judgement (judge.ts) turns them into outcomes.

/** The target broke the requirement: a `fail` for MUST, a `warn` for SHOULD. */
export class ContractViolation extends Error {
  override name = 'ContractViolation';
}

/** The check cannot apply to this target or configuration (a missing setting, entitlement or quota). */
export class NotApplicable extends Error {
  override name = 'NotApplicable';
}

/** The target could not be judged: it was down, hung, or a precondition the check builds on failed. */
export class Inconclusive extends Error {
  override name = 'Inconclusive';
}
