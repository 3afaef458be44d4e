// Variants caught by the verification suite.
import { broken } from '../variant.ts';
import { decide, isVerification } from './hooks.ts';

export const VERIFICATION_VARIANTS = [
  broken({
    name: 'verification-answers-202',
    description: 'answers the verification request with 202 (AWS-IAA issue #117: registration fails)',
    suites: ['verification'],
    hooks: decide((d, p) => (isVerification(p) ? { ...d, status: 202 } : d)),
    caughtBy: ['integration.verification.status', 'integration.verification.every-reading'],
  }),
  broken({
    name: 'verification-refuses-stage-test',
    description: 'refuses a verification request whose stage is "test" (400), accepts the other reading',
    suites: ['verification'],
    hooks: decide((d, p) => (isVerification(p) && p?.stage === 'test' ? { ...d, status: 400 } : d)),
    caughtBy: ['integration.verification.every-reading'],
    notCaughtBy: ['integration.verification.status'],
  }),
  broken({
    name: 'verification-calls-back',
    description: 'runs the task for the verification request and calls back with the test token',
    suites: ['verification'],
    hooks: decide((d, p) => (isVerification(p) ? { ...d, run: true } : d)),
    caughtBy: ['integration.verification.no-callback'],
    notCaughtBy: ['integration.verification.status'],
  }),
];
