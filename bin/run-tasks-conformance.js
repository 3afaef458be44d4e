#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so that a fresh `npm ci` needs no build step.
import { setFlagsFromString } from 'node:v8';

// Memory of a run (measured by `npm run bench`, README "Performance"):
// - rolldown (vite's bundler, loaded by vitest) allocates with mimalloc, whose arenas are committed eagerly
//   by default: ~75 MB resident that the run never uses. Read when rolldown loads, so it is set first.
process.env.MIMALLOC_ARENA_EAGER_COMMIT ??= '0';
// - V8 lets each isolate's young generation grow to 2 x 16 MB; the isolates made from here on (vitest's worker,
//   tsx's loader thread) keep it at 2 x 2 MB, at no measurable cost in time. The main isolate is made already:
//   only a node flag reaches it, which `npm run conformance` passes.
setFlagsFromString('--max-semi-space-size=2');
// - tsx's loader hooks see every module loaded after register() and rewrite each one's dynamic imports with
//   a source map: vitest, vite and rolldown through them cost ~130 MB and a second of start-up. A command
//   that runs the suites loads them natively first (vitest's test API and fast-check too: the run reads the
//   suites' definitions for its progress total and coverage).
const argv = process.argv.slice(2);
const command = argv.find((a) => !a.startsWith('-'));
const runsSuites = !['serve', 'sweep', 'help', 'list'].includes(command ?? '') && !argv.some((a) => ['-h', '--help', '-V', '--version'].includes(a));
if (runsSuites) await Promise.all(['vitest/node', 'vitest', 'fast-check'].map((name) => import(name)));

const { register } = await import('tsx/esm/api');
register();
// A reader that stops early (`| head`) is not an error worth a stack trace.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(argv);
