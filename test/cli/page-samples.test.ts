// The embedded emulator, started as `serve` starts it, accepts what the page shows: every sample request of
// reference/run-tasks-api.txt, with its sample payload sent verbatim, gets the documented success status.
// Only the placeholders are replaced: the host, the organization, and the ids of the resources made on the way.
// The samples' URLs (http://example.com) are placeholders no verification can reach: serve --no-verify-urls.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractRequests, extractSamples, successStatuses, type SampleRequest } from '../contract/page.ts';
import { cleanEnv, ROOT, tempDir } from './helpers.ts';

const TOKEN = 'rtc-owner-token';
const ORG = 'rtc-org';
/** Erratum E1: the associate table says 204, yet the page shows a body; the service answers 201 with it. */
const ERRATA_STATUS: Record<string, number> = { 'Associate a Run Task to a Workspace': 201 };
/** The order a client would take: what a request needs exists before it, deletes come last. */
const ORDER = [
  'Create a Run Task',
  'List Run Tasks',
  'Show a Run Task',
  'Update a Run Task',
  'Associate a Run Task to a Workspace',
  'List Workspace Run Tasks',
  'Show Workspace Run Task',
  'Update Workspace Run Task',
  'Delete Workspace Run Task',
  'Delete a Run Task',
];

let child: ChildProcess;
let base = '';
/** The page's placeholder ids, replaced by the ids of what the requests made. */
const ids: Record<string, string> = {};

beforeAll(async () => {
  child = spawn(process.execPath, [join(ROOT, 'bin/run-tasks-conformance.js'), 'serve', '--port', '0', '--no-verify-urls'], { cwd: tempDir(), env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  for (let i = 0; i < 200 && !/Press Ctrl\+C/.test(out); i++) await new Promise((r) => setTimeout(r, 50));
  base = /listening on (http:\/\/\S+)/.exec(out)?.[1] ?? '';
  expect(base, out).not.toBe('');
  // A workspace to associate with (the page has no sample for making one).
  const ws = await fetch(`${base}/api/v2/organizations/${ORG}/workspaces`, {
    method: 'POST',
    headers: { 'authorization': `Bearer ${TOKEN}`, 'content-type': 'application/vnd.api+json' },
    body: JSON.stringify({ data: { type: 'workspaces', attributes: { name: 'samples' } } }),
  });
  const workspaceId = ((await ws.json()) as { data: { id: string } }).data.id;
  ids['ws-PphL7ix3yGasYGrq'] = workspaceId;
  ids['ws-kRsDRPtTmtcEme4t'] = workspaceId;
});

afterAll(() => {
  child?.kill('SIGINT');
});

const placeholders = (text: string): string => Object.entries({ 'https://app.terraform.io': base, 'my-organization': ORG, ...ids }).reduce((t, [from, to]) => t.replaceAll(from, to), text);

const requests = extractRequests();
const payloads = extractSamples().filter((s) => s.label !== 'Sample Response');
const statuses = successStatuses();

/** Each request of the page, once per payload its section shows (the workspace-task PATCH has two). */
const CASES: [label: string, request: SampleRequest, payload: string | undefined][] = ORDER.flatMap((section) => {
  const request = requests.find((r) => r.section === section)!;
  const bodies = request.sendsPayload ? payloads.filter((p) => p.section === section) : [undefined];
  return bodies.map((p): [string, SampleRequest, string | undefined] => [`${section}${p ? ` (${p.label})` : ''}`, request, p?.text]);
});

describe('the page\'s sample requests, sent to serve', () => {
  it('finds a sample request for every endpoint, and the payloads they send', () => {
    expect(requests.map((r) => r.section).sort()).toEqual([...ORDER].sort());
    expect(CASES.filter(([, r]) => r.sendsPayload).map(([label]) => label)).toEqual([
      'Create a Run Task (Sample Payload)',
      'Update a Run Task (Sample Payload)',
      'Associate a Run Task to a Workspace (Sample Payload)',
      'Update Workspace Run Task (Sample Payload)',
      'Update Workspace Run Task (Deprecated Payload)',
    ]);
  });

  it.each(CASES)('%s gets the documented success status', async (_label, request, payload) => {
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, v.replace('$TOKEN', TOKEN)]));
    const res = await fetch(placeholders(request.url), { method: request.method, headers, ...(payload === undefined ? {} : { body: placeholders(payload) }) });
    const text = await res.text();
    expect(res.status, text).toBe(ERRATA_STATUS[request.section] ?? statuses[request.section]);
    const data = text ? (JSON.parse(text) as { data?: { id?: string; attributes?: Record<string, unknown> } }).data : undefined;
    // What the next requests address: the sample's ids stand for these.
    if (request.section === 'Create a Run Task') ids['task-7oD7doVTQdAFnMLV'] = data!.id!;
    if (request.section === 'Associate a Run Task to a Workspace') ids['wstask-tBXYu8GVAFBpcmPm'] = data!.id!;
    // The samples' "enabled" strings are read as the booleans they name; the unknown hmac_key is ignored.
    if (request.section === 'Create a Run Task') expect(data?.attributes).toMatchObject({ 'enabled': true, 'hmac-key': null, 'name': 'example' });
    if (request.section === 'Update a Run Task') expect(data?.attributes).toMatchObject({ 'enabled': false, 'hmac-key': null, 'name': 'new-example' });
  });
});
