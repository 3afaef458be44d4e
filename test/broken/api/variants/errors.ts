// Variants caught by the errors suite: media types, error documents, pointers, 415.
import type { HookResponse } from '../../../../src/api/emulator/index.ts';
import { broken, faithful, rewriteRequest, rewriteResponse, type Variant } from '../../variant.ts';

const JSON_API = 'application/vnd.api+json';
const isError = (res: HookResponse) => res.status >= 400;
const isSuccessBody = (res: HookResponse) => res.status < 300 && res.body !== undefined;

type ErrorObject = Record<string, unknown>;

/** Changes each error object of an error response. */
const eachError = (change: (error: ErrorObject, res: HookResponse) => void) =>
  rewriteResponse(() => true, (res) => {
    const errors = (res.body as { errors?: ErrorObject[] } | undefined)?.errors;
    if (isError(res) && Array.isArray(errors)) for (const error of errors) change(error, res);
  });

const withContentType = (res: HookResponse, type: string): HookResponse => ({ ...res, headers: { ...res.headers, 'content-type': type } });

const SUCCESS_BODIES = ['create-task', 'list-tasks', 'show-task', 'update-task', 'associate', 'list-workspace-tasks', 'show-workspace-task', 'update-workspace-task'];

export default [
  broken({
    name: 'success-media-type-json',
    description: 'success bodies are sent as application/json instead of application/vnd.api+json',
    suites: ['errors'],
    hooks: rewriteResponse(() => true, (res) => (isSuccessBody(res) ? withContentType(res, 'application/json; charset=utf-8') : res)),
    caughtBy: SUCCESS_BODIES.map((label) => `media-type.responses[${label}]`) as [string, ...string[]],
  }),
  broken({
    name: 'error-media-type-json',
    description: 'error documents are sent as application/json',
    suites: ['errors'],
    hooks: rewriteResponse(() => true, (res) => (isError(res) ? withContentType(res, 'application/json') : res)),
    caughtBy: ['media-type.responses[401]', 'media-type.responses[404]', 'media-type.responses[refused]'],
  }),
  broken({
    name: 'errors-plain-message',
    description: 'errors are answered as {"message": "..."} instead of a JSON:API error document',
    suites: ['errors'],
    hooks: rewriteResponse(() => true, (res) => {
      const errors = (res.body as { errors?: { title?: string; detail?: string }[] } | undefined)?.errors;
      if (!isError(res) || !errors) return res;
      return { ...res, body: { message: errors.map((e) => e.detail ?? e.title).join('; ') } };
    }),
    caughtBy: ['errors.document', 'errors.pointer'],
  }),
  broken({
    name: 'errors-numeric-status',
    description: 'error objects carry status as a JSON number (the rate-limit sample\'s shape, erratum E11)',
    suites: ['errors'],
    hooks: eachError((error) => {
      error.status = Number(error.status);
    }),
    caughtBy: ['errors.document'],
  }),
  broken({
    name: 'errors-status-mismatch',
    description: 'error objects say "400" whatever the HTTP status',
    suites: ['errors'],
    hooks: eachError((error) => {
      error.status = '400';
    }),
    caughtBy: ['errors.document[401:no-token]', 'errors.document[404:absent-task]', 'errors.document[refused:invalid-create]'],
  }),
  broken({
    name: 'unprocessable-without-pointer',
    description: '422 errors carry no source.pointer',
    suites: ['errors'],
    hooks: eachError((error, res) => {
      if (res.status === 422) delete error.source;
    }),
    caughtBy: ['errors.pointer[name]', 'errors.pointer[url]', 'errors.pointer[stages]', 'errors.pointer[enforcement-level]'],
  }),
  broken({
    name: 'content-type-not-enforced',
    description: 'POST and PATCH are accepted without Content-Type: application/vnd.api+json',
    suites: ['errors'],
    hooks: rewriteRequest(
      (req) => req.method === 'POST' || req.method === 'PATCH',
      (req) => ({ ...req, headers: { ...req.headers, 'content-type': JSON_API } }),
    ),
    caughtBy: ['content-type.required[create:application/json]', 'content-type.required[create:none]', 'content-type.required[update:application/json]', 'content-type.required[update:none]'],
  }),
  faithful({
    name: 'errors-extra-members',
    description: 'error objects with the optional JSON:API members id, code, links and meta, and a top-level jsonapi object (allowed)',
    suites: ['errors'],
    hooks: rewriteResponse(() => true, (res) => {
      const body = res.body as { errors?: ErrorObject[]; jsonapi?: unknown } | undefined;
      if (!isError(res) || !body?.errors) return res;
      body.errors.forEach((error, i) => Object.assign(error, { id: `err-${i}`, code: 'rtc-code', links: { about: 'https://example.invalid/errors' }, meta: { i } }));
      body.jsonapi = { version: '1.0' };
      return res;
    }),
  }),
] satisfies Variant[];
