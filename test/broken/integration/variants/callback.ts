// Variants caught by how the callback is sent: URL, method, token, media type, and what comes after the
// final status.
import { broken, faithful } from '../variant.ts';
import { eachStep, thenAlso } from './hooks.ts';

const JSON_API = 'application/vnd.api+json';

export const CALLBACK_VARIANTS = [
  broken({
    name: 'callback-wrong-token',
    description: 'calls back with a bearer token of its own instead of the request\'s access_token',
    suites: ['stages'],
    hooks: eachStep((s) => ({ ...s, headers: { ...s.headers, authorization: 'Bearer my-own-service-token' } })),
    caughtBy: ['integration.callback.token', 'integration.callback.final'],
  }),
  broken({
    name: 'callback-without-token',
    description: 'calls back without an Authorization header',
    suites: ['stages'],
    hooks: eachStep(({ headers: { authorization: _dropped, ...headers }, ...s }) => ({ ...s, headers })),
    caughtBy: ['integration.callback.token', 'integration.callback.final'],
  }),
  broken({
    name: 'callback-url-rebuilt',
    description: 'ignores task_result_callback_url and builds /api/v2/task-results/<task_result_id>/callback itself',
    suites: ['stages'],
    hooks: eachStep((s, p) => ({ ...s, url: `${new URL(s.url).origin}/api/v2/task-results/${String(p.task_result_id)}/callback` })),
    caughtBy: ['integration.callback.request', 'integration.callback.final'],
  }),
  broken({
    name: 'callback-with-post',
    description: 'calls back with POST instead of PATCH',
    suites: ['stages'],
    hooks: eachStep((s) => ({ ...s, method: 'POST' })),
    caughtBy: ['integration.callback.request', 'integration.callback.final'],
  }),
  broken({
    name: 'callback-plain-json',
    description: 'calls back with Content-Type application/json instead of the JSON:API media type',
    suites: ['stages'],
    hooks: eachStep((s) => ({ ...s, headers: { ...s.headers, 'content-type': 'application/json' } })),
    caughtBy: ['integration.callback.media-type'],
    notCaughtBy: ['integration.callback.final', 'integration.callback.body'],
  }),
  faithful({
    name: 'callback-media-type-with-charset',
    description: 'calls back with Content-Type application/vnd.api+json; charset=utf-8',
    suites: ['stages'],
    hooks: eachStep((s) => ({ ...s, headers: { ...s.headers, 'content-type': `${JSON_API}; charset=utf-8` } })),
  }),
  broken({
    name: 'second-final-status',
    description: 'sends "failed" right after its final "passed"',
    suites: ['stages'],
    hooks: thenAlso('failed'),
    caughtBy: ['integration.callback.final-once'],
    notCaughtBy: ['integration.callback.final'],
  }),
  broken({
    name: 'running-after-final',
    description: 'sends a "running" update after its final status',
    suites: ['stages'],
    hooks: thenAlso('running'),
    caughtBy: ['integration.callback.final-once'],
    notCaughtBy: ['integration.callback.final'],
  }),
];
