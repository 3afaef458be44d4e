// The requests the harness sends to a service: every documented member per stage, valid against the
// schema, compact, signed over the exact bytes, replayable from the seed.
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/contract/validate.ts';
import {
  callbackAnswer,
  encode,
  hasPlan,
  runContext,
  runContextArb,
  SIGNATURE_HEADER,
  stageCallbackAnswers,
  STAGES,
  stageRequest,
  stageVcsReadings,
  USER_AGENT,
  VCS_READINGS,
  VERIFICATION_TOKEN,
  verificationRequest,
  withoutSignature,
  withWrongSignature,
  type Issued,
  type Stage,
  type VcsReading,
} from '../../src/integration/payloads/index.ts';

const ISSUED: Issued = {
  taskResultId: 'taskrs-2nH5dncYoXaMVQmJ',
  accessToken: '4QEuyyxug1f2rw.atlasv1.secret',
  callbackUrl: 'http://127.0.0.1:1/api/v2/task-results/5ea8d46c-2ceb-42cd-83f2-82e54697bddd/callback',
  planJsonUrl: 'http://127.0.0.1:1/api/v2/plans/plan-6AFmRJW1PFJ7qbAh/json-output',
  configurationUrl: 'http://127.0.0.1:1/api/v2/configuration-versions/cv-ntv3HbhJqvFzamy7/download',
  baseUrl: 'http://127.0.0.1:1',
};

describe('stage requests', () => {
  it.each(STAGES)('%s: every documented member, valid against the schema, plan_json_api_url exactly where documented', (stage) => {
    fc.assert(
      fc.property(runContextArb, (run) => {
        const payload = stageRequest(stage, run, ISSUED);
        expect(validate('run-task-request', payload)).toEqual([]);
        expect('plan_json_api_url' in payload).toBe(hasPlan(stage));
        expect(payload.stage).toBe(stage);
        expect(payload.configuration_version_download_url).toBe(run.configurationVersion.downloadable ? ISSUED.configurationUrl : null);
      }),
      { numRuns: 50 },
    );
  });

  const VCS_MEMBERS = ['vcs_branch', 'vcs_commit_url', 'vcs_commit_hash', 'vcs_pull_request_url', 'vcs_repo_url'] as const;

  it('VCS members: strings with a repository (hash and pull request maybe without a value); without a value null or left out, as the run\'s reading has it', () => {
    fc.assert(
      fc.property(runContextArb, (run) => {
        const p = stageRequest('post_plan', run, ISSUED);
        if (run.vcs !== null) expect([p.vcs_branch, p.vcs_commit_url, p.vcs_repo_url].every((m) => typeof m === 'string')).toBe(true);
        for (const member of VCS_MEMBERS) {
          const sent = !(member in p) ? 'absent' : p[member] === null ? 'null' : 'a value';
          if (sent !== 'a value') expect(sent).toBe(run.missingVcs);
          if (run.vcs === null) expect(sent).toBe(run.missingVcs);
        }
      }),
    );
  });

  /** The run of a stage request as the harness sends it (suites/integration/_harness/suite.ts). */
  const stageRun = (seed: number, stage: Stage) => runContext(seed, `stages[${stage}]`, stageVcsReadings(seed)[stage]);

  it('generates both readings of the optional parts across seeds (speculative, project, downloadable configuration)', () => {
    const runs = Array.from({ length: 60 }, (_, i) => stageRun(i, 'post_plan'));
    expect(new Set(runs.map((r) => r.run.speculative))).toEqual(new Set([true, false]));
    expect(new Set(runs.map((r) => r.project === null))).toEqual(new Set([true, false]));
    expect(new Set(runs.map((r) => r.configurationVersion.downloadable))).toEqual(new Set([true, false]));
  });

  describe('VCS readings: present, its members null, its members left out (integration-facts §1.2, §7)', () => {
    /** What a stage request says of VCS: every vcs_* member alike when there is none; a repository otherwise. */
    function sentReading(p: ReturnType<typeof stageRequest>): VcsReading | 'mixed' {
      if (typeof p.vcs_repo_url === 'string') return [p.vcs_branch, p.vcs_commit_url].every((m) => typeof m === 'string') ? 'present' : 'mixed';
      const sent = new Set(VCS_MEMBERS.map((m) => (!(m in p) ? 'absent' : p[m] === null ? 'null' : 'a value')));
      return sent.size === 1 && !sent.has('a value') ? ([...sent][0] as VcsReading) : 'mixed';
    }

    it.each(VCS_READINGS)('a run of reading %s sends it, valid against the schema at every stage', (reading) => {
      fc.assert(
        fc.property(fc.integer(), fc.constantFrom(...STAGES), (seed, stage) => {
          const payload = stageRequest(stage, runContext(seed, `stages[${stage}]`, reading), ISSUED);
          expect(sentReading(payload)).toBe(reading);
          expect(validate('run-task-request', payload)).toEqual([]);
        }),
        { numRuns: 50 },
      );
    });

    it('every seed sends all three over its four stage requests, the same for the same seed', () => {
      fc.assert(
        fc.property(fc.integer(), (seed) => {
          const sent = STAGES.map((stage) => sentReading(stageRequest(stage, stageRun(seed, stage), ISSUED)));
          expect(new Set(sent)).toEqual(new Set(VCS_READINGS));
          expect(STAGES.map((stage) => sentReading(stageRequest(stage, stageRun(seed, stage), ISSUED)))).toEqual(sent);
        }),
        { numRuns: 200 },
      );
    });

    it('the seed decides which stages get which reading; the other members of a run do not depend on it', () => {
      const seeds = Array.from({ length: 40 }, (_, i) => i);
      expect(new Set(seeds.map((s) => JSON.stringify(stageVcsReadings(s)))).size).toBeGreaterThan(6);
      for (const stage of STAGES) expect(new Set(seeds.map((s) => stageVcsReadings(s)[stage]))).toEqual(new Set(VCS_READINGS));
      const { vcs: _v, missingVcs: _m, ...rest } = runContext(7, 'stages[pre_plan]', 'null');
      expect(runContext(7, 'stages[pre_plan]', 'absent')).toMatchObject(rest);
    });

    it('a VCS run\'s unknown hash or missing pull request goes out null or left out, as the run draws it', () => {
      const runs = Array.from({ length: 80 }, (_, i) => runContext(i, 'stages[post_plan]', 'present'));
      const unset = runs.flatMap((run) => {
        const p = stageRequest('post_plan', run, ISSUED);
        return (['vcs_commit_hash', 'vcs_pull_request_url'] as const).filter((m) => !(m in p) || p[m] === null).map((m) => [run.missingVcs, m in p ? 'null' : 'absent']);
      });
      expect(unset.every(([drawn, sent]) => drawn === sent)).toBe(true);
      expect(new Set(unset.map(([, sent]) => sent))).toEqual(new Set(['null', 'absent']));
    });

    it('requests of other checks draw their reading with the run: all three across seeds', () => {
      const drawn = Array.from({ length: 60 }, (_, i) => sentReading(stageRequest('post_plan', runContext(i, 'integration.resilience.callback-401[next]'), ISSUED)));
      expect(new Set(drawn)).toEqual(new Set(VCS_READINGS));
    });
  });

  it('the same seed and key give the same run; another key another one', () => {
    expect(runContext(7, 'a')).toEqual(runContext(7, 'a'));
    expect(runContext(7, 'a')).not.toEqual(runContext(7, 'b'));
    expect(runContext(7, 'a')).not.toEqual(runContext(8, 'a'));
  });
});

describe('the form of the stand-in\'s 200 to a callback (with or without a body, integration-facts §6.7)', () => {
  it('every seed answers the four stages in both forms, the same for the same seed', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const forms = stageCallbackAnswers(seed);
        expect(Object.keys(forms)).toEqual([...STAGES]);
        expect(new Set(Object.values(forms))).toEqual(new Set(['document', 'empty']));
        expect(stageCallbackAnswers(seed)).toEqual(forms);
      }),
    );
  });

  it('the seed decides which stages get which form, and the form of any other request', () => {
    const seeds = Array.from({ length: 40 }, (_, i) => i);
    expect(new Set(seeds.map((s) => JSON.stringify(stageCallbackAnswers(s)))).size).toBeGreaterThan(4);
    expect(new Set(seeds.map((s) => callbackAnswer(s, 'integration.resilience.callback-401[next]')))).toEqual(new Set(['document', 'empty']));
    expect(callbackAnswer(7, 'x')).toBe(callbackAnswer(7, 'x'));
  });
});

describe('the verification request', () => {
  it.each(['test', 'post_plan'] as const)('stage %s: access_token "test-token", a full dummy payload', (reading) => {
    const payload = verificationRequest(reading, runContext(1, 'verification'), ISSUED);
    expect(validate('run-task-request', payload)).toEqual([]);
    expect(payload).toMatchObject({ access_token: VERIFICATION_TOKEN, stage: reading, plan_json_api_url: ISSUED.planJsonUrl, task_result_callback_url: ISSUED.callbackUrl });
  });
});

describe('on the wire', () => {
  const payload = stageRequest('pre_apply', runContext(3, 'x'), ISSUED);

  it('is compact JSON with the documented headers and a lowercase hex HMAC-SHA512 of the exact bytes', () => {
    const wire = encode(payload, 'k3y-for-tests');
    expect(wire.body).toBe(JSON.stringify(JSON.parse(wire.body)));
    expect(wire.body).not.toMatch(/\n|": /);
    expect(wire.headers['content-type']).toBe('application/json');
    expect(wire.headers['user-agent']).toBe(USER_AGENT);
    expect(wire.headers[SIGNATURE_HEADER]).toBe(createHmac('sha512', 'k3y-for-tests').update(Buffer.from(wire.body, 'utf8')).digest('hex'));
    expect(wire.headers[SIGNATURE_HEADER]).toMatch(/^[0-9a-f]{128}$/);
  });

  it('sends an empty signature without a key (as the docs say HCP Terraform does)', () => {
    expect(encode(payload, null).headers[SIGNATURE_HEADER]).toBe('');
  });

  it('keeps members in the order of the docs\' sample payload', () => {
    const keys = Object.keys(JSON.parse(encode(payload, null).body) as object);
    expect(keys.slice(0, 4)).toEqual(['payload_version', 'stage', 'access_token', 'capabilities']);
    expect(keys.at(-1)).toBe('workspace_working_directory');
  });

  it('can break the signature on purpose: one digit changed, the header left out or empty', () => {
    const wire = encode(payload, 'k3y');
    const wrong = withWrongSignature(wire, 'k3y').headers[SIGNATURE_HEADER]!;
    expect(wrong).toHaveLength(128);
    expect(wrong).not.toBe(wire.headers[SIGNATURE_HEADER]);
    expect(withoutSignature(wire, 'absent').headers).not.toHaveProperty(SIGNATURE_HEADER);
    expect(withoutSignature(wire, 'empty').headers[SIGNATURE_HEADER]).toBe('');
    expect(withoutSignature(wire, 'empty').body).toBe(wire.body);
  });
});
