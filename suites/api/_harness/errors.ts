// Shared by both sides: suites/_harness/errors.ts.
export { ContractViolation, Inconclusive, NotApplicable } from '../../_harness/errors.ts';
