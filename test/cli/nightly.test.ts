// Nightly and gating through the CLI: baselines (regressions, fixes), --fail-on, expected failures.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHooks, type RunningEmulator } from '../../src/api/emulator/index.ts';
import { runCli, tempDir } from './helpers.ts';

const GREP = '^task\\.(enabled\\.boolean|show\\.status)$';
let faithful: RunningEmulator;
let broken: RunningEmulator; // enabled as a string: task.enabled.boolean fails, task.show.status passes
let hanging: RunningEmulator; // GET /tasks/:id never answers: both checks inconclusive
const dir = tempDir();

const enabledAsString: NonNullable<EmulatorHooks['onResponse']> = (_, res) => {
  const data = (res.body as { data?: { type?: string; attributes?: Record<string, unknown> } } | undefined)?.data;
  if (data?.type === 'tasks' && data.attributes) data.attributes.enabled = String(data.attributes.enabled);
};

beforeAll(async () => {
  faithful = await startEmulator();
  broken = await startEmulator({ hooks: { onResponse: enabledAsString } });
  hanging = await startEmulator({ hooks: { onRequest: (req) => (req.method === 'GET' && /^\/api\/v2\/tasks\//.test(req.path) ? new Promise(() => undefined) : req) } });
});
afterAll(() => Promise.all([faithful.close(), broken.close(), hanging.close()]));

const run = (target: RunningEmulator, name: string, ...more: string[]) =>
  runCli(['--address', target.url, '--token', 'rtc-owner-token', '--organization', 'rtc-org', '--grep', GREP, '--retries', '0', '--report-dir', join(dir, name), ...more], { timeoutMs: 120_000 });
const reportOf = (name: string) => JSON.parse(readFileSync(join(dir, name, 'report.json'), 'utf8')) as { baseline?: Record<string, unknown>; checks: { id: string; outcome: string; expectedFailure?: unknown }[] };

describe('nightly runs', () => {
  it('lists regressions and fixes against a baseline, and --fail-on picks the exit code', async () => {
    expect((await run(faithful, 'good')).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'good', 'report.json'), 'utf8')).target).toMatchObject({ embedded: false, plan: 'no run-task limit, global run tasks' });
    const bad = await run(broken, 'bad');
    expect(bad.code).toBe(1);
    expect(bad.stdout).not.toContain('::error');
    // junit.xml names the testcase by the check id alone, the requirement in its properties.
    expect(readFileSync(join(dir, 'bad', 'junit.xml'), 'utf8')).toMatch(/<testcase classname="task-lifecycle" name="task\.enabled\.boolean" time="[\d.]+">\s*<properties>\s*<property name="requirement" value="data\.attributes\.enabled/);
    // Under GitHub Actions the failure is also a workflow annotation.
    const annotated = await runCli(['--address', broken.url, '--token', 'rtc-owner-token', '--organization', 'rtc-org', '--grep', GREP, '--retries', '0', '--report-dir', join(dir, 'annotated')], { env: { GITHUB_ACTIONS: 'true' }, timeoutMs: 120_000 });
    expect(annotated.stdout.split('\n').filter((l) => l.startsWith('::'))).toEqual([expect.stringMatching(/^::error title=task\.enabled\.boolean \(MUST\)::enabled must be a JSON boolean, got "false"/)]);

    const regressed = await run(broken, 'regressed', '--baseline', join(dir, 'good', 'report.json'), '--fail-on', 'regressions');
    expect(regressed.code, regressed.stdout).toBe(1);
    expect(reportOf('regressed').baseline).toMatchObject({ regressions: ['task.enabled.boolean'], fixed: [], stillFailing: [] });
    expect(regressed.stdout).toMatch(/regressions.*task\.enabled\.boolean/);

    // Still failing is not a regression: with --fail-on regressions the nightly stays green.
    const still = await run(broken, 'still', '--baseline', join(dir, 'bad', 'report.json'), '--fail-on', 'regressions');
    expect(still.code, still.stdout).toBe(0);
    expect(reportOf('still').baseline).toMatchObject({ regressions: [], stillFailing: ['task.enabled.boolean'] });

    // Pass -> inconclusive is its own group: exit 3 by default, a regression only when opted in.
    const unjudged = await run(hanging, 'unjudged', '--baseline', join(dir, 'good', 'report.json'), '--fail-on', 'regressions', '--timeout', '1');
    expect(unjudged.code, unjudged.stdout).toBe(3);
    expect(reportOf('unjudged').baseline).toMatchObject({ regressions: [], passToInconclusive: ['task.enabled.boolean', 'task.show.status'] });
    const counted = await run(hanging, 'counted', '--baseline', join(dir, 'good', 'report.json'), '--fail-on', 'regressions', '--timeout', '1', '--regressions-include-inconclusive');
    expect(counted.code, counted.stdout).toBe(1);
    expect(counted.stdout).toMatch(/2 checks passed in the baseline and are inconclusive now/);

    const fixed = await run(faithful, 'fixed', '--baseline', join(dir, 'bad', 'report.json'));
    expect(fixed.code).toBe(0);
    expect(reportOf('fixed').baseline).toMatchObject({ fixed: ['task.enabled.boolean'], regressions: [] });
  });
});

describe('gating with expected failures', () => {
  const list = (name: string, entries: unknown[]) => {
    const path = join(dir, `${name}.json`);
    writeFileSync(path, JSON.stringify(entries));
    return path;
  };

  it('an expected failure does not fail the run', async () => {
    const result = await run(broken, 'expected', '--expected-failures', list('expected', [{ check: 'task.enabled.boolean', reason: 'we send strings' }]));
    expect(result.code, result.stdout).toBe(0);
    expect(reportOf('expected').checks.find((c) => c.id === 'task.enabled.boolean')).toMatchObject({ outcome: 'fail', expectedFailure: { reason: 'we send strings' } });
  });

  it.each([
    ['an expected failure that passes', { check: 'task.show.status', reason: 'stale' }, /now passes/],
    ['an expired entry', { check: 'task.enabled.boolean', reason: 'old', expires: '2020-01-01' }, /expired on 2020-01-01/],
  ])('%s fails the run, and every report says why', async (_, entry, message) => {
    const result = await run(broken, 'stale', '--expected-failures', list('stale', [entry]), '--grep', `^${entry.check.replaceAll('.', '\\.')}$`);
    expect(result.code, result.stdout).toBe(1);
    expect(result.stdout).toMatch(message);
    const read = (file: string) => readFileSync(join(dir, 'stale', file), 'utf8');
    const report = JSON.parse(read('report.json')) as { exitCode: number; gate: { reasons: { kind: string; message: string; entry?: string }[] } };
    expect(report.exitCode).toBe(1);
    expect(report.gate.reasons[0]).toEqual(expect.objectContaining({ kind: expect.stringMatching(/^expected-failure-/), entry: entry.check, message: expect.stringMatching(message) }));
    expect(read('summary.md')).toMatch(new RegExp(`### Why the exit code is 1\\n\\n- .*${message.source}`));
    expect(read('report.html')).toMatch(new RegExp(`<section id="gate">.*${message.source}`));
    expect(read('junit.xml')).toMatch(/<testcase classname="gate" name="expected-failure-[a-z]+: task\.[a-z.]+"[^>]*>\s*<failure /);
  });
});

describe('expected-failure entries that name no check', () => {
  // Known: a check this run does not select, and a check of the other side. Unknown: a variant typo.
  const ENTRIES = [
    { check: 'task.enabled.boolean', reason: 'we send strings' },
    { check: 'task.update.applies[name]', reason: 'not selected by --grep' },
    { check: 'integration.callback.token[pre_plan]', reason: 'the other side' },
    { check: 'task.update.applies[nmae]', reason: 'a typo' },
  ];
  const SIDES: [string, (name: string, list: string) => Promise<Awaited<ReturnType<typeof runCli>>>][] = [
    ['run', (name, list) => run(broken, name, '--expected-failures', list)],
    ['integration', (name, list) => runCli(['integration', '--grep', '^integration\\.verification\\.no-callback$', '--report-dir', join(dir, name), '--expected-failures', list], { timeoutMs: 120_000 })],
  ];
  it.each(SIDES)('%s: one warning line naming them, and the exit code they would have without it', async (side, runWith) => {
    const list = join(dir, `unknown-${side}.yaml`);
    writeFileSync(list, JSON.stringify(ENTRIES));
    const result = await runWith(`unknown-${side}`, list);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const warnings = result.stdout.split('\n').filter((l) => l.includes('no check of the suite'));
    expect(warnings).toEqual([`! --expected-failures ${list}: 1 entry names no check of the suite, and is ignored: task.update.applies[nmae] (renamed or removed? \`run-tasks-conformance list\` shows the check ids)`]);
    expect(JSON.parse(readFileSync(join(dir, `unknown-${side}`, 'report.json'), 'utf8')).gate.reasons).toEqual([]);
  });
});

describe('gating against the real service\'s behaviour', () => {
  // "HCP": does not enforce the category rule (a documented-only MUST: it warns there), passes the rest.
  const laxCategory = (req: { method: string; body: unknown }) => {
    const attributes = (req.body as { data?: { attributes?: Record<string, unknown> } } | undefined)?.data?.attributes;
    if (req.method === 'POST' && attributes && 'category' in attributes) attributes.category = 'task';
  };
  const GATE = '^task\\.(enabled\\.boolean|show\\.status|validate\\.category\\[other\\])$';
  const gate = (target: RunningEmulator, name: string, ...more: string[]) =>
    runCli(['--address', target.url, '--token', 'rtc-owner-token', '--organization', 'rtc-org', '--grep', GATE, '--retries', '0', '--report-dir', join(dir, name), ...more], { timeoutMs: 120_000 });
  let hcp: RunningEmulator;
  let implementation: RunningEmulator;
  let regressing: RunningEmulator;

  beforeAll(async () => {
    hcp = await startEmulator({ hooks: { onRequest: (req) => (laxCategory(req), req) } });
    implementation = await startEmulator({ hooks: { onRequest: (req) => (laxCategory(req), req) } });
    regressing = await startEmulator({ hooks: { onRequest: (req) => (laxCategory(req), req), onResponse: enabledAsString } });
  });
  afterAll(() => Promise.all([hcp.close(), implementation.close(), regressing.close()]));

  it('fails an implementation only where the baseline service passed, even under --strict', async () => {
    const baseline = await gate(hcp, 'hcp');
    expect(baseline.code, baseline.stdout).toBe(0);
    expect(reportOf('hcp').checks.find((c) => c.id === 'task.validate.category[other]')?.outcome).toBe('warn');
    const hcpReport = join(dir, 'hcp', 'report.json');

    // The same departure from the page's letter as the real service: failed under --strict, yet no regression.
    const same = await gate(implementation, 'same', '--strict', '--baseline', hcpReport, '--fail-on', 'regressions');
    expect(same.code, same.stdout).toBe(0);
    expect(reportOf('same').checks.find((c) => c.id === 'task.validate.category[other]')?.outcome).toBe('fail');
    expect(reportOf('same').baseline).toMatchObject({ regressions: [] });

    // A check the real service passes, broken: a regression, exit 1.
    const worse = await gate(regressing, 'worse', '--strict', '--baseline', hcpReport, '--fail-on', 'regressions');
    expect(worse.code, worse.stdout).toBe(1);
    expect(reportOf('worse').baseline).toMatchObject({ regressions: ['task.enabled.boolean'] });
  });
});
