// Variants caught by the url-verification suite. The target's own verification cannot be broken through
// options, so deviations are made by rewriting what it is asked to verify, or by switching it off and
// verifying in a hook the way a deviating service would.
import { resolveOptions } from '../../../../src/api/emulator/server.ts';
import { verifyUrl } from '../../../../src/api/emulator/verify.ts';
import type { HookRequest, HookResponse, EmulatorHooks } from '../../../../src/api/emulator/index.ts';
import { broken, eachResource, faithful, requestAttributes, rewriteRequest, route, TASK, TASKS, type Variant } from '../../variant.ts';

const { organization: OWN_ORG } = resolveOptions();
const isTaskWrite = (req: HookRequest) => route('POST', TASKS)(req) || route('PATCH', TASK)(req);

const refused = (detail: string): HookResponse => ({
  status: 422,
  headers: { 'content-type': 'application/vnd.api+json' },
  body: { errors: [{ status: '422', title: 'invalid attribute', detail, source: { pointer: '/data/attributes/url' } }] },
});

/** True when `url` answers 200 to a POST (what the target's verification asks). */
async function answers200(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { method: 'POST', body: '{}', signal: AbortSignal.timeout(2000) });
    await res.body?.cancel();
    return res.status === 200;
  } catch {
    return false;
  }
}

/**
 * The verification answer is ignored: a URL that fails it is swapped for one that passed before, so the
 * target creates or updates the task anyway.
 */
function failingUrlAccepted(): EmulatorHooks {
  let good: string | undefined;
  return {
    onRequest: async (req) => {
      const attributes = requestAttributes(req);
      if (!isTaskWrite(req) || typeof attributes?.url !== 'string' || !good) return req;
      // Only other endpoints are probed, so the probe never shows up among the suite receiver's POSTs.
      if (new URL(attributes.url).origin !== new URL(good).origin && !(await answers200(attributes.url))) attributes.url = good;
      return req;
    },
    onResponse: (req, res) => {
      if (isTaskWrite(req) && res.status < 300) eachResource(res.body, (r) => void (good = r.attributes?.url ?? good));
    },
  };
}

/** Verification on create only (the target's own verification is switched off in this variant). */
const verifyOnCreateOnly: EmulatorHooks = {
  onRequest: async (req) => {
    const attributes = requestAttributes(req);
    if (!route('POST', TASKS)(req) || typeof attributes?.url !== 'string') return req;
    const reason = await verifyUrl(attributes.url, String(attributes['hmac-key'] ?? ''), OWN_ORG, 2000);
    return reason === undefined ? req : refused(`The URL could not be verified: ${reason}.`);
  },
};

const ON_UPDATE: [string, ...string[]] = ['verification.on-update[description]', 'verification.on-update[url]'];

export default [
  broken({
    name: 'signature-key-tampered',
    description: 'the verification POST is signed with another key than the task\'s hmac-key',
    suites: ['url-verification'],
    hooks: rewriteRequest(isTaskWrite, (req) => {
      const attributes = requestAttributes(req);
      if (typeof attributes?.['hmac-key'] === 'string') attributes['hmac-key'] = `${attributes['hmac-key']}-tampered`;
    }),
    caughtBy: ['verification.signature', ...ON_UPDATE],
  }),
  broken({
    name: 'failing-url-accepted',
    description: 'a task whose URL answers 500 to the verification POST is created or updated anyway',
    suites: ['url-verification'],
    hooks: failingUrlAccepted(),
    caughtBy: ['verification.refuses-failing-url[create]', 'verification.refuses-failing-url[update]'],
  }),
  broken({
    name: 'no-verification-on-update',
    description: 'the URL is verified when a task is created, never when it is updated',
    suites: ['url-verification'],
    target: { verifyUrls: false },
    hooks: verifyOnCreateOnly,
    caughtBy: [...ON_UPDATE, 'verification.refuses-failing-url[update]'],
  }),
  broken({
    name: 'update-resets-hmac-key',
    description: 'a PATCH that omits hmac-key clears the key, so the update\'s verification POST is unsigned',
    suites: ['url-verification'],
    hooks: rewriteRequest(route('PATCH', TASK), (req) => {
      const attributes = requestAttributes(req);
      if (attributes && !('hmac-key' in attributes)) attributes['hmac-key'] = '';
    }),
    caughtBy: ON_UPDATE,
  }),
  faithful({
    name: 'failing-url-refused-400',
    description: 'a task whose URL fails verification is refused with 400 (no status is documented for it)',
    suites: ['url-verification'],
    hooks: { onResponse: (req, res) => (isTaskWrite(req) && res.status === 422 ? { ...res, status: 400, body: { errors: [{ status: '400', title: 'bad request', detail: 'The URL could not be verified.' }] } } : res) },
  }),
  faithful({
    name: 'verification-off',
    description: 'the target sends no verification POST (a target may not verify URLs): the verification checks are not applicable',
    suites: ['url-verification'],
    target: { verifyUrls: false },
  }),
] satisfies Variant[];
