#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so that a fresh `npm ci` needs no build step.
import { register } from 'tsx/esm/api';

register();
// A reader that stops early (`| head`) is not an error worth a stack trace.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
