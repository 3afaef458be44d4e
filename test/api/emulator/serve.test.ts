// The serve command: prints how to reach the target, serves until stopped, then closes.
import { expect, it } from 'vitest';
import { serve } from '../../../src/cli/serve.ts';

it('prints the address and settings, serves, and returns 0 once aborted', async () => {
  const lines: string[] = [];
  const controller = new AbortController();
  let announce: (url: string) => void = () => undefined;
  const announced = new Promise<string>((resolve) => (announce = resolve));
  const running = serve(
    { plan: 'free', verifyUrls: false, organization: 'served-org', workspace: 'served-ws', adminToken: 'served-admin' },
    {
      signal: controller.signal,
      log(line) {
        lines.push(line);
        const url = /listening on (http:\/\/\S+)/.exec(line)?.[1];
        if (url) announce(url);
      },
    },
  );
  const url = await announced;
  const text = lines.join('\n');
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(lines[0]).toBe(`go-tfe / Terraform provider: export TFE_ADDRESS=${url} TFE_TOKEN=rtc-owner-token TFE_ADMIN_PROVISION_LICENSES_TOKEN=served-admin`);
  for (const expected of [
    `${url}/api/v2`,
    'served-org',
    'rtc-owner-token',
    'rtc-restricted-token',
    'admin token:          served-admin',
    'rtc-foreign-org',
    'free',
    'URL verification:     off',
  ]) {
    expect(text).toContain(expected);
  }
  // The ids printed are those of what the emulator created.
  const headers = { authorization: 'Bearer rtc-owner-token' };
  const workspaceId = /workspace: +served-ws \((ws-\w+)\)/.exec(text)?.[1];
  const workspace = await fetch(`${url}/api/v2/organizations/served-org/workspaces/served-ws`, { headers });
  expect(((await workspace.json()) as { data: { id: string } }).data.id).toBe(workspaceId);
  const foreignTaskId = /foreign task: +(task-\w+)/.exec(text)?.[1];
  const foreignTask = await fetch(`${url}/api/v2/tasks/${foreignTaskId}`, { headers: { authorization: 'Bearer rtc-foreign-token' } });
  expect(foreignTask.status).toBe(200);
  const foreignWorkspaceId = /foreign workspace: +(ws-\w+)/.exec(text)?.[1];
  const foreignWorkspace = await fetch(`${url}/api/v2/workspaces/${foreignWorkspaceId}`, { headers: { authorization: 'Bearer rtc-foreign-token' } });
  expect(foreignWorkspace.status).toBe(200);
  const reply = await fetch(`${url}/api/v2/organizations/served-org/entitlement-set`, {
    headers: { authorization: 'Bearer rtc-owner-token' },
  });
  expect(reply.status).toBe(200);
  controller.abort();
  expect(await running).toBe(0);
  await expect(fetch(`${url}/api/v2/ping`)).rejects.toThrow();
});

it('returns at once when the signal is already aborted', async () => {
  const lines: string[] = [];
  expect(await serve({}, { log: (line) => lines.push(line), signal: AbortSignal.abort() })).toBe(0);
  expect(lines.at(-1)).toBe('target stopped');
});

it('returns 1 with a message when the port is taken', async () => {
  const lines: string[] = [];
  const first = new AbortController();
  let announce: (port: number) => void = () => undefined;
  const announced = new Promise<number>((resolve) => (announce = resolve));
  const running = serve(
    {},
    {
      signal: first.signal,
      log: (line) => {
        const port = /:(\d+)$/.exec(line)?.[1];
        if (port && line.includes('listening')) announce(Number(port));
      },
    },
  );
  const port = await announced;
  expect(await serve({ port }, { log: (line) => lines.push(line) })).toBe(1);
  expect(lines.join('\n')).toMatch(/could not start the target/);
  first.abort();
  expect(await running).toBe(0);
});
