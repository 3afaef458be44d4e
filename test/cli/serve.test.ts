// `serve` as a user starts it: the flags reach the target, it prints what is needed to use it, and Ctrl-C
// stops it cleanly with exit 0.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, ROOT, runCli, tempDir } from './helpers.ts';

describe('serve', () => {
  it('starts with the given plan and settings, answers, and stops on SIGINT with exit 0', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/run-tasks-conformance.js'), 'serve', '--port', '0', '--plan', 'free', '--no-verify-urls', '--organization', 'acme', '--token', 'serve-token'], {
      cwd: tempDir(),
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((r) => child.on('close', r));
    for (let i = 0; i < 200 && !/Press Ctrl\+C/.test(out); i++) await new Promise((r) => setTimeout(r, 50));
    const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
    expect(url, out).toBeDefined();
    expect(out).toMatch(/plan:\s+free/);
    expect(out).toMatch(/URL verification:\s+off/);

    const entitlements = await fetch(`${url}/api/v2/organizations/acme/entitlement-set`, { headers: { authorization: 'Bearer serve-token' } });
    expect(((await entitlements.json()) as { data: { attributes: Record<string, unknown> } }).data.attributes['run-task-limit']).toBe(1);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(out).toMatch(/target stopped/);
  });

  it.each([
    [['serve', '--port', 'eighty'], /--port must be a port number/],
    [['serve', '--plan', 'gold'], /argument 'gold' is invalid/],
  ])('%j: exit 2 and one line', async (argv, message) => {
    const result = await runCli(argv);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
  });
});
