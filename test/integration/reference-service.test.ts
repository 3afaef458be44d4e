// The reference integration does what the contract asks and takes refused callbacks in its stride. Its wall
// (it imports nothing of the harness) is held in test/contract/walls.test.ts, with the emulator's, the
// stand-in's and the receiver's.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { validate } from '../../src/contract/validate.ts';
import { encode, runContext, sign, stageRequest, verificationRequest, withWrongSignature, withoutSignature, type Issued, type RunContext, type Vcs, type WireRequest } from '../../src/integration/payloads/index.ts';
import { startReferenceService, type ReferenceOptions, type ReferenceService } from '../../src/integration/reference-service/index.ts';
import { selfSignedCertificate, startStandIn, type CallbackAnswer, type StandIn, type StandInOptions, type TaskResult } from '../../src/integration/stand-in/index.ts';
import { http } from './helpers.ts';

const KEY = 'reference-test-key';
const SETTLE = { inactivityMs: 5000, totalMs: 10_000, settleMs: 100 };
let open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.map((o) => o.close()));
  open = [];
});

async function pair(service: ReferenceOptions = { hmacKey: KEY }, standInOptions: StandInOptions = {}): Promise<{ svc: ReferenceService; standIn: StandIn }> {
  const standIn = await startStandIn(standInOptions);
  const svc = await startReferenceService(service);
  open.push(svc, standIn);
  return { svc, standIn };
}

function request(
  standIn: StandIn,
  stage: string,
  key: string | null,
  mode: 'accept' | 'unauthorized' | 'invalid' = 'accept',
  run: RunContext = runContext(5, stage),
  answer: CallbackAnswer = 'document',
  planJsonUrl?: string,
): { result: TaskResult; wire: WireRequest } {
  const verification = stage === 'test';
  const result = standIn.issue({ stage, planId: run.planId, configurationVersionId: run.configurationVersion.id, mode: verification ? 'unauthorized' : mode, answer, ...(verification ? { accessToken: 'test-token' } : {}) });
  const issued: Issued = { taskResultId: result.id, accessToken: result.accessToken, callbackUrl: result.callbackUrl, planJsonUrl: planJsonUrl ?? result.planJsonUrl, configurationUrl: result.configurationUrl, baseUrl: standIn.url };
  const payload = verification ? verificationRequest('test', run, issued) : stageRequest(stage as 'post_plan', run, issued);
  return { result, wire: encode(payload, key) };
}

const post = (svc: ReferenceService, wire: WireRequest) => http('POST', svc.url, { headers: wire.headers, body: wire.body });

describe('the reference service', () => {
  it.each(['pre_plan', 'post_plan', 'pre_apply', 'post_apply'])('%s: answers 200, then calls back running and passed with valid bodies', async (stage) => {
    const { svc, standIn } = await pair();
    const { result, wire } = request(standIn, stage, KEY);
    expect((await post(svc, wire)).status).toBe(200);
    expect(await standIn.settle(result, SETTLE)).toBe('final');
    expect(result.attempts.map((a) => JSON.parse(a.body).data.attributes.status)).toEqual(['running', 'passed']);
    for (const a of result.attempts) {
      expect(validate('task-result-callback', JSON.parse(a.body))).toEqual([]);
      expect(a.headers['content-type']).toBe('application/vnd.api+json');
    }
    // post_plan and later read the plan (following the 307); pre_plan the configuration when there is one.
    const kinds = standIn.requests.map((r) => r.kind);
    if (stage !== 'pre_plan') expect(kinds).toEqual(expect.arrayContaining(['plan-json', 'temporary']));
  });

  const VCS: Vcs = { repoUrl: 'https://github.com/acme/infra', branch: 'main', commitHash: 'a'.repeat(40), commitUrl: `https://github.com/acme/infra/commit/${'a'.repeat(40)}`, pullRequestUrl: null };
  it.each([
    ['present', { vcs: VCS, missingVcs: 'absent' }, ' (aaaaaaa on main)'],
    ['null', { vcs: null, missingVcs: 'null' }, ''],
    ['absent', { vcs: null, missingVcs: 'absent' }, ''],
  ] as const)('reads the VCS members %s (integration-facts §1.2): the run is checked and passes', async (_, vcs, named) => {
    const { svc, standIn } = await pair();
    const run: RunContext = { ...runContext(5, 'post_plan'), ...vcs };
    const { result, wire } = request(standIn, 'post_plan', KEY, 'accept', run);
    expect((await post(svc, wire)).status).toBe(200);
    expect(await standIn.settle(result, SETTLE)).toBe('final');
    expect(result.status).toBe('passed');
    expect(JSON.parse(result.attempts[0]!.body).data.attributes.message).toBe(`Checking ${run.workspace.name} at post_plan${named}`);
  });

  /** A plan JSON with `n` resource changes, served where the stand-in's (which has one) would be. */
  async function planServer(n: number): Promise<string> {
    const changes = Array.from({ length: n }, (_, i) => ({ address: `null_resource.r${i}`, change: { actions: ['create'] } }));
    const server = createServer((_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ resource_changes: changes })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    open.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/plan`;
  }

  it.each([
    [0, '0 resource changes checked, none refused'],
    [1, '1 resource change checked, none refused'],
    [2, '2 resource changes checked, none refused'],
  ])('counts the plan\'s resource changes in its final message (%i)', async (n, message) => {
    const { svc, standIn } = await pair();
    const { result, wire } = request(standIn, 'post_plan', KEY, 'accept', runContext(5, 'post_plan'), 'document', await planServer(n));
    expect((await post(svc, wire)).status).toBe(200);
    expect(await standIn.settle(result, SETTLE)).toBe('final');
    expect(result.status).toBe('passed');
    expect(JSON.parse(result.attempts.at(-1)!.body).data.attributes.message).toBe(message);
  });

  it('takes a 200 without a body to its callbacks as it takes the document, and keeps serving', async () => {
    const { svc, standIn } = await pair();
    const first = request(standIn, 'post_plan', KEY, 'accept', runContext(5, 'post_plan'), 'empty');
    expect((await post(svc, first.wire)).status).toBe(200);
    expect(await standIn.settle(first.result, SETTLE)).toBe('final');
    expect(first.result.attempts.map((a) => [a.status, a.answer])).toEqual([[200, ''], [200, '']]);
    const next = request(standIn, 'pre_apply', KEY);
    expect((await post(svc, next.wire)).status).toBe(200);
    expect(await standIn.settle(next.result, SETTLE)).toBe('final');
  });

  it('answers the verification request with 200 and sends no callback', async () => {
    const { svc, standIn } = await pair();
    const { result, wire } = request(standIn, 'test', KEY);
    expect((await post(svc, wire)).status).toBe(200);
    expect(await standIn.nextAttempt(result, 300)).toBe(false);
  });

  it.each([
    ['a wrong signature', (w: WireRequest) => withWrongSignature(w, KEY)],
    ['no signature header', (w: WireRequest) => withoutSignature(w, 'absent')],
    ['an empty signature', (w: WireRequest) => withoutSignature(w, 'empty')],
  ])('refuses %s with 401 and does not call back', async (_, spoil) => {
    const { svc, standIn } = await pair();
    const { result, wire } = request(standIn, 'post_plan', KEY);
    expect((await post(svc, spoil(wire))).status).toBe(401);
    expect(await standIn.nextAttempt(result, 300)).toBe(false);
  });

  it('without a key it verifies nothing; a body that is not JSON gets 400', async () => {
    const { svc, standIn } = await pair({});
    const { result, wire } = request(standIn, 'post_plan', null);
    expect((await post(svc, wire)).status).toBe(200);
    expect(await standIn.settle(result, SETTLE)).toBe('final');
    expect((await post(svc, sign('{"payload_version":', null))).status).toBe(400);
  });

  it.each(['unauthorized', 'invalid'] as const)('keeps serving after its callback is refused (%s)', async (mode) => {
    const { svc, standIn } = await pair();
    const refused = request(standIn, 'post_plan', KEY, mode);
    expect((await post(svc, refused.wire)).status).toBe(200);
    await standIn.nextAttempt(refused.result, 3000);
    const next = request(standIn, 'pre_apply', KEY);
    expect((await post(svc, next.wire)).status).toBe(200);
    expect(await standIn.settle(next.result, SETTLE)).toBe('final');
    expect(svc.log.some((l) => /: (401|422)$/.test(l.detail))).toBe(true);
  });

  it('calls back over https when it trusts the stand-in\'s certificate', async () => {
    const tls = await selfSignedCertificate();
    const { svc, standIn } = await pair({ hmacKey: KEY, ca: tls.cert }, { tls });
    const { result, wire } = request(standIn, 'post_plan', KEY);
    expect((await post(svc, wire)).status).toBe(200);
    expect(await standIn.settle(result, SETTLE)).toBe('final');
  });
});
