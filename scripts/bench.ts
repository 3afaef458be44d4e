// `npm run bench`: the performance figures of the README, measured rather than asserted by timed tests.
//  1. the default run (`run-tasks-conformance` against the embedded emulator): wall time and peak memory;
//  2. requests per second through the harness client against the embedded emulator, next to a bare undici
//     keep-alive loop against the same server in the same process, as a ratio.
// Targets (2-core machine): default run under 8 s; harness within 1.2x of the bare loop.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { ApiClient } from '../src/client/index.ts';
import { startEmulator } from '../src/api/emulator/index.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 4000);
const CONCURRENCY = 8;
const ROUNDS = 3;

/** Peak resident memory of a process, from Linux's /proc (VmHWM); undefined elsewhere. */
function peakRssKb(pid: number): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

async function defaultRun(): Promise<{ wallMs: number; peakMb: number | undefined; exitCode: number | null }> {
  const reportDir = mkdtempSync(join(tmpdir(), 'rtc-bench-'));
  const started = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'bin/run-tasks-conformance.js'), '--report-dir', reportDir, '--seed', '1'], { cwd: ROOT, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
  let peak: number | undefined;
  const poll = setInterval(() => {
    const now = child.pid ? peakRssKb(child.pid) : undefined;
    if (now !== undefined) peak = Math.max(peak ?? 0, now);
  }, 20);
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(poll);
  return { wallMs: performance.now() - started, peakMb: peak === undefined ? undefined : peak / 1024, exitCode };
}

/** Runs `one` REQUESTS times with CONCURRENCY in flight; returns requests per second. */
async function throughput(one: () => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < REQUESTS) await one();
    }),
  );
  return REQUESTS / ((performance.now() - started) / 1000);
}

async function clientVersusBare(): Promise<{ harness: number; bare: number }> {
  const target = await startEmulator();
  const path = `/api/v2/organizations/${target.options.organization}`;
  const headers = { authorization: `Bearer ${target.options.token}`, accept: 'application/vnd.api+json' };
  const agent = new Agent({ keepAliveTimeout: 10_000, connections: 16 });
  const client = new ApiClient({ baseUrl: target.url, token: target.options.token, dispatcher: agent });
  const bare = async () => {
    const res = await request(`${target.url}${path}`, { headers, dispatcher: agent });
    JSON.parse(await res.body.text()); // the harness parses every body too
  };
  const harness = () => client.request('GET', path);
  const best = { harness: 0, bare: 0 };
  try {
    await throughput(bare); // warm-up: sockets, JIT
    for (let round = 0; round < ROUNDS; round++) {
      best.bare = Math.max(best.bare, await throughput(bare));
      best.harness = Math.max(best.harness, await throughput(harness));
    }
  } finally {
    await agent.close();
    await target.close();
  }
  return best;
}

const run = await defaultRun();
const { harness, bare } = await clientVersusBare();
const ratio = bare / harness;
const lines = [
  `default run (embedded emulator, all suites): ${(run.wallMs / 1000).toFixed(2)} s wall, peak RSS ${run.peakMb === undefined ? 'n/a' : `${run.peakMb.toFixed(0)} MB`}, exit ${run.exitCode}   (target: < 8 s)`,
  `client throughput, ${REQUESTS} GETs x ${ROUNDS} rounds, ${CONCURRENCY} in flight, best round:`,
  `  bare undici keep-alive loop: ${bare.toFixed(0)} req/s`,
  `  harness ApiClient:           ${harness.toFixed(0)} req/s`,
  `  ratio bare/harness:          ${ratio.toFixed(2)}x   (target: <= 1.2x)`,
];
console.log(lines.join('\n'));
process.exit(run.exitCode === 0 && ratio <= 1.2 && run.wallMs < 8000 ? 0 : 1);
