// Variants caught by the signature suite: what a service with an HMAC key does with requests that are not
// HCP Terraform's, and with a body that is not JSON.
import { SIGNATURE_HEADER } from '../../../../src/integration/payloads/index.ts';
import { broken, faithful } from '../variant.ts';
import { decide } from './hooks.ts';

const hasSignature = (headers: Record<string, string>) => Boolean(headers[SIGNATURE_HEADER]);

export const SIGNATURE_VARIANTS = [
  broken({
    name: 'accepts-wrong-signature',
    description: 'accepts a request whose signature is present but wrong (compares nothing)',
    suites: ['signatures'],
    hooks: decide((d, p, r) => (d.status === 401 && hasSignature(r.headers) ? { status: 200, run: p?.access_token !== 'test-token' } : d)),
    caughtBy: ['integration.signature.wrong-refused[stage]', 'integration.signature.wrong-refused[verification]'],
    notCaughtBy: ['integration.signature.missing-refused'],
  }),
  broken({
    name: 'accepts-missing-signature',
    description: 'verifies a signature when there is one, but accepts a request without (header absent or empty)',
    suites: ['signatures'],
    hooks: decide((d, _p, r) => (d.status === 401 && !hasSignature(r.headers) ? { status: 200, run: true } : d)),
    caughtBy: ['integration.signature.missing-refused[absent]', 'integration.signature.missing-refused[empty]'],
    notCaughtBy: ['integration.signature.wrong-refused'],
  }),
  broken({
    name: 'signature-refused-with-400',
    description: 'refuses bad signatures with 400 instead of the common 401',
    suites: ['signatures'],
    hooks: decide((d) => (d.status === 401 ? { ...d, status: 400 } : d)),
    caughtBy: ['integration.signature.status-401'],
    notCaughtBy: ['integration.signature.wrong-refused', 'integration.signature.missing-refused'],
  }),
  broken({
    name: 'refuses-then-calls-back',
    description: 'answers 401 to a bad signature, then runs the task and calls back anyway',
    suites: ['signatures'],
    hooks: decide((d, p) => (d.status === 401 && p?.access_token !== 'test-token' ? { status: 401, run: true } : d)),
    caughtBy: ['integration.callback.not-when-refused'],
    notCaughtBy: ['integration.signature.wrong-refused', 'integration.signature.missing-refused'],
  }),
  broken({
    name: 'malformed-json-accepted',
    description: 'answers 200 to a body that is not JSON',
    suites: ['signatures'],
    hooks: decide((d) => (d.status === 400 ? { status: 200, run: false } : d)),
    caughtBy: ['integration.input.malformed-json'],
  }),
  broken({
    name: 'malformed-json-500',
    description: 'answers 500 to a body that is not JSON (its parser throws)',
    suites: ['signatures'],
    hooks: decide((d) => (d.status === 400 ? { status: 500, run: false } : d)),
    caughtBy: ['integration.input.malformed-json'],
  }),
  faithful({
    name: 'without-hmac-key',
    description: 'neither the service nor the run has an HMAC key: the signature checks are not applicable, the rest passes',
    keyless: true,
    notApplicable: ['integration.signature.wrong-refused', 'integration.signature.missing-refused', 'integration.signature.status-401', 'integration.callback.not-when-refused'],
  }),
];
