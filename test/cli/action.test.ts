// The composite action (action.yml) as GitHub runs its step: the step's env mapping filled from inputs (or
// their defaults), its script run with bash against a target, the outputs read from $GITHUB_OUTPUT.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startEmulator, type RunningEmulator } from '../../src/api/emulator/index.ts';
import { cleanEnv, ROOT, tempDir } from './helpers.ts';

interface Action {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: { id?: string; run?: string; uses?: string; env?: Record<string, string> }[] };
}
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;
const step = action.runs.steps.find((s) => s.id === 'run')!;

/** GitHub's substitution for the only expressions the step uses: inputs and the action's path. */
function stepEnv(inputs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(step.env ?? {}).map(([name, expr]) => {
      const input = /^\$\{\{ inputs\.([a-z-]+) \}\}$/.exec(expr)?.[1];
      if (input) return [name, inputs[input] ?? action.inputs[input]?.default ?? ''];
      if (expr === '${{ github.action_path }}') return [name, ROOT];
      throw new Error(`unexpected expression ${expr}`);
    }),
  );
}

async function runStep(inputs: Record<string, string>): Promise<{ code: number; outputs: Record<string, string>; stdout: string }> {
  const cwd = tempDir();
  const outputFile = join(cwd, 'github-output');
  writeFileSync(outputFile, '');
  const env = { ...cleanEnv(), ...stepEnv(inputs), GITHUB_OUTPUT: outputFile, GITHUB_ACTIONS: 'true' };
  const result = await promisify(execFile)('bash', ['-c', step.run!], { cwd, env, timeout: 120_000 }).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
  );
  const outputs = Object.fromEntries(readFileSync(outputFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  return { ...result, outputs: { ...outputs, 'report-path': outputs['report-path'] ? join(cwd, outputs['report-path']) : '' } };
}

let target: RunningEmulator;
let broken: RunningEmulator; // enabled as a string: task.enabled.boolean fails
beforeAll(async () => {
  target = await startEmulator();
  broken = await startEmulator({
    hooks: {
      onResponse: (_, res) => {
        const data = (res.body as { data?: { type?: string; attributes?: Record<string, unknown> } } | undefined)?.data;
        if (data?.type === 'tasks' && data.attributes) data.attributes.enabled = String(data.attributes.enabled);
      },
    },
  });
});
afterAll(() => Promise.all([target.close(), broken.close()]));

describe('the composite action', () => {
  it('has the inputs and outputs the README lists, and keeps the token off the command line', () => {
    expect(action.runs.using).toBe('composite');
    for (const name of ['address', 'organization', 'token', 'suites', 'baseline', 'expected-failures', 'fail-on', 'wait-for', 'run-task-url']) expect(action.inputs, name).toHaveProperty([name]);
    expect(Object.keys(action.outputs)).toEqual(expect.arrayContaining(['verdict', 'report-path']));
    expect(step.env?.TFE_TOKEN).toBe('${{ inputs.token }}');
    for (const s of action.runs.steps) expect(s.run ?? '').not.toContain('inputs.token');
  });

  it('runs against a target and sets verdict and report-path', async () => {
    const { code, outputs } = await runStep({ address: target.url, organization: 'rtc-org', token: 'rtc-owner-token', suites: 'task-lifecycle' });
    expect(code).toBe(0);
    expect(outputs.verdict).toBe('conformant');
    expect(outputs['exit-code']).toBe('0');
    expect(JSON.parse(readFileSync(outputs['report-path']!, 'utf8'))).toMatchObject({ verdict: 'conformant', target: { address: target.url } });
  });

  it('gates with an expected-failures list, and fails (exit 1, an ::error annotation) without it', async () => {
    const dir = tempDir();
    const list = join(dir, 'expected.yaml');
    writeFileSync(list, '- check: task.enabled.boolean\n  reason: we send strings\n');
    const inputs = { address: broken.url, organization: 'rtc-org', token: 'rtc-owner-token', suites: 'task-lifecycle', args: '--grep ^task\\.enabled\\.boolean$ --retries 0' };
    const gated = await runStep({ ...inputs, 'expected-failures': list });
    expect(gated.code, gated.stdout).toBe(0);
    const failing = await runStep(inputs);
    expect(failing.code).toBe(1);
    expect(failing.outputs.verdict).toBe('non-conformant');
    expect(failing.stdout).toMatch(/^::error title=task\.enabled\.boolean \(MUST\)::/m);
  });

  // A missing baseline (none committed yet, a nightly's first night): no comparison, and regressions gate as failures.
  const ONE_CHECK = { suites: 'task-lifecycle', args: '--grep ^task\\.enabled\\.boolean$ --retries 0' };
  const FALLBACK = /^::notice title=run-tasks-conformance::baseline .*missing\.json not found: no comparison this time, and fail-on regressions falls back to --fail-on failures$/m;
  const NO_COMPARISON = /^::notice title=run-tasks-conformance::baseline .*missing\.json not found: no comparison this time$/m;
  it.each([
    ['regressions, a conformant target', 'regressions', () => target, 0, 'conformant', FALLBACK],
    ['regressions, a failing target', 'regressions', () => broken, 1, 'non-conformant', FALLBACK],
    ['failures, a failing target', 'failures', () => broken, 1, 'non-conformant', NO_COMPARISON],
  ])('a baseline file that does not exist, fail-on %s', async (_, failOn, server, exitCode, verdict, notice) => {
    const baseline = join(tempDir(), 'missing.json');
    const result = await runStep({ address: server().url, organization: 'rtc-org', token: 'rtc-owner-token', baseline, 'fail-on': failOn, ...ONE_CHECK });
    expect(result.code, result.stdout).toBe(exitCode);
    expect(result.outputs.verdict).toBe(verdict);
    expect(result.stdout).toMatch(notice);
  });

  it('says so when the run cannot be done: verdict none, exit 2', async () => {
    const { code, outputs } = await runStep({ address: 'localhost:1', organization: 'o', token: 't' });
    expect(code).toBe(2);
    expect(outputs.verdict).toBe('none');
  });
});
