// What a service with an HMAC key does with requests that are not HCP Terraform's: a wrong or missing
// signature, a body that is not JSON. Each request is sent once; the checks share them.
import { withoutSignature, withWrongSignature, type WireRequest } from '../../src/integration/payloads/index.ts';
import { callbacksOf, type SendSpec, type ServiceExchange } from './_harness/exchange.ts';
import { defineIntegrationSuite, type IntegrationContext } from './_harness/suite.ts';

const suite = defineIntegrationSuite('signatures');

type Spoiled = { variant: string; requirement: string; spec: (key: string) => SendSpec };

/** The refusals the suite asks for: each names its check variant and the request it sends. */
const SPOILED: Spoiled[] = [
  { variant: 'stage', requirement: 'integration.signature.wrong-refused', spec: (key) => ({ key: 'signature[wrong]', stage: 'post_plan', wait: 'quiet', spoil: (w: WireRequest) => withWrongSignature(w, key) }) },
  { variant: 'verification', requirement: 'integration.signature.wrong-refused', spec: (key) => ({ key: 'signature[wrong-verification]', stage: { verification: 'test' }, wait: 'quiet', spoil: (w: WireRequest) => withWrongSignature(w, key) }) },
  { variant: 'absent', requirement: 'integration.signature.missing-refused', spec: () => ({ key: 'signature[absent]', stage: 'post_plan', wait: 'quiet', spoil: (w: WireRequest) => withoutSignature(w, 'absent') }) },
  { variant: 'empty', requirement: 'integration.signature.missing-refused', spec: () => ({ key: 'signature[empty]', stage: 'post_plan', wait: 'quiet', spoil: (w: WireRequest) => withoutSignature(w, 'empty') }) },
];

const refusalProblem = (status: number) => (status >= 400 && status < 500 ? undefined : `answered ${status}: a request whose signature does not verify must be refused with a 4xx`);

const MALFORMED: SendSpec = { key: 'malformed-json', stage: 'post_plan', rawBody: '{"payload_version":1,"stage":"post_plan",', wait: 'quiet' };

/** Sends every request of the suite at once (their quiet windows overlap); each check judges its own. */
function sendAll(t: IntegrationContext): void {
  void t.suite.exchange(MALFORMED);
  if (!t.config.hmacKey) return;
  for (const s of SPOILED) void t.suite.exchange(s.spec(t.config.hmacKey));
}

for (const s of SPOILED) {
  suite.check(`${s.requirement}[${s.variant}]`, async (t) => {
    sendAll(t);
    const ex = await t.send(s.spec(t.hmacKey()));
    t.none([refusalProblem(t.status(ex))]);
  });
}

/** Every spoiled request the service refused (4xx); inconclusive when it refused none (judged above). */
async function refusals(t: IntegrationContext): Promise<ServiceExchange[]> {
  const key = t.hmacKey();
  const all = await Promise.all(SPOILED.map((s) => t.send(s.spec(key))));
  const refused = all.filter((ex) => ex.response && ex.response.status >= 400 && ex.response.status < 500);
  if (!refused.length) t.inconclusive('precondition: the service refused none of the badly signed requests (see integration.signature.*)');
  return refused;
}

suite.check('integration.signature.status-401', async (t) => {
  t.none((await refusals(t)).map((ex) => (ex.response!.status === 401 ? undefined : `${ex.spec.key} answered ${ex.response!.status}; 401 is the common reading`)));
});

suite.check('integration.callback.not-when-refused', async (t) => {
  t.none(
    (await refusals(t)).flatMap((ex) => callbacksOf(ex).map((r) => `${ex.spec.key} was refused with ${ex.response!.status}, yet the service called back: ${r.method} ${r.path.split('?')[0]} (answered ${r.status})`)),
  );
});

suite.check('integration.input.malformed-json', async (t) => {
  sendAll(t);
  const ex = await t.send(MALFORMED);
  if (ex.error && (ex.error.kind === 'reset' || ex.error.kind === 'other')) t.fail(`the service dropped the connection instead of answering: ${ex.error.message}`);
  const status = t.status(ex);
  if (status < 400 || status >= 500) t.fail(`answered ${status} to a body that is not JSON: a client error (4xx) is expected`);
});
