// Variants caught by the stage requests' own checks: the answer and its timing, and the final status.
import { broken, faithful } from '../variant.ts';
import { callbacks, decide, isStageRun } from './hooks.ts';

export const STAGE_REQUEST_VARIANTS = [
  broken({
    name: 'stage-answers-500',
    description: 'answers every stage request with 500 and does nothing',
    suites: ['stages'],
    hooks: decide((d, p) => (isStageRun(p) ? { status: 500, run: false } : d)),
    caughtBy: ['integration.request.accepted', 'integration.request.status-200'],
  }),
  broken({
    name: 'stage-answers-202',
    description: 'answers stage requests with 202 Accepted (the docs say 200), then calls back as it should',
    suites: ['stages'],
    hooks: decide((d, p) => (isStageRun(p) && d.status === 200 ? { ...d, status: 202 } : d)),
    caughtBy: ['integration.request.status-200'],
    notCaughtBy: ['integration.request.accepted', 'integration.callback.final'],
  }),
  broken({
    name: 'stage-answer-hangs',
    description: 'holds stage requests open past the request timeout (it works before it answers)',
    suites: ['stages'],
    hooks: decide((d, p) => (isStageRun(p) ? { ...d, delayMs: 60_000 } : d)),
    caughtBy: ['integration.request.timely'],
    notCaughtBy: ['integration.request.accepted', 'integration.callback.final'],
  }),
  broken({
    name: 'never-calls-back',
    description: 'answers 200 and never calls back',
    suites: ['stages'],
    hooks: callbacks(() => []),
    caughtBy: ['integration.callback.final'],
    notCaughtBy: ['integration.request.accepted', 'integration.request.status-200'],
  }),
  broken({
    name: 'only-running',
    description: 'sends a running update and never a final status',
    suites: ['stages'],
    hooks: callbacks((steps) => steps.slice(0, 1)),
    caughtBy: ['integration.callback.final'],
    notCaughtBy: ['integration.callback.body', 'integration.callback.token'],
  }),
  faithful({
    name: 'callback-before-answer',
    description: 'calls back inside the request handler, before answering 200 (as the HashiCorp scaffolding does)',
    suites: ['stages', 'resilience'],
    hooks: decide((d) => ({ ...d, callbackFirst: true })),
  }),
  faithful({
    name: 'slow-answer',
    description: 'answers every request after 300 ms, well within the request timeout',
    hooks: decide((d) => ({ ...d, delayMs: 300 })),
  }),
  faithful({
    name: 'progress-updates',
    description: 'sends three running updates, 100 ms apart, before the final status',
    suites: ['stages'],
    hooks: callbacks((steps) => [steps[0]!, { ...steps[0]!, delayMs: 100 }, { ...steps[0]!, delayMs: 100 }, ...steps.slice(1)]),
  }),
];
