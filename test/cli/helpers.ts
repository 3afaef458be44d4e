// Runs the real CLI in a child process, so exit codes, stdout and stderr are what a user sees.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'bin/run-tasks-conformance.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Environment without the user's TFE_* settings, so tests do not depend on the machine. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(TFE_|CONFORMANCE_|GITHUB_STEP_SUMMARY|GITHUB_ACTIONS)/.test(k)));
  return { ...env, NO_COLOR: '1', ...extra };
}

export function runCli(args: string[], options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? tempDir(), env: cleanEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A process under watch: its output so far, and a promise per awaited pattern (no fixed sleeps). */
export interface Watched {
  child: ChildProcess;
  /** stdout and stderr, interleaved as they arrived. */
  output(): string;
  /** Resolves once the output matches; rejects if the process ends first. */
  waitFor(pattern: RegExp): Promise<void>;
  exited: Promise<number | null>;
}

/** Starts `command` with the clean environment and a writable stdin (e.g. `script`, to type into its terminal). */
export function spawnWatched(command: string, args: string[], options: { env?: Record<string, string>; cwd?: string } = {}): Watched {
  const child = spawn(command, args, { cwd: options.cwd ?? tempDir(), env: cleanEnv(options.env), stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  const waiters = new Set<() => void>();
  const seen = (d: Buffer) => {
    out += d;
    for (const check of waiters) check();
  };
  child.stdout!.on('data', seen);
  child.stderr!.on('data', seen);
  const exited = new Promise<number | null>((r) => child.on('close', r));
  const waitFor = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => pattern.test(out) && (waiters.delete(check), resolve());
      waiters.add(check);
      check();
      void exited.then(() => (waiters.delete(check), reject(new Error(`exited before printing ${pattern}:\n${out}`))));
    });
  return { child, output: () => out, waitFor, exited };
}

/** The real CLI as a watched process. */
export const startCli = (args: string[], options: { env?: Record<string, string>; cwd?: string } = {}): Watched => spawnWatched(process.execPath, [BIN, ...args], options);

export const tempDir = () => mkdtempSync(join(tmpdir(), 'rtc-test-'));

/** A loopback server with a fixed behaviour, for targets that are down, hang or answer garbage. */
export async function startFakeServer(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A port on which nothing listens (bound, then released). */
export async function closedPort(): Promise<number> {
  const fake = await startFakeServer(() => undefined);
  const port = Number(new URL(fake.url).port);
  await fake.close();
  return port;
}
