// `serve`: runs the embedded emulator in the foreground until SIGINT/SIGTERM (or the abort signal).
// Flag parsing lives in the CLI entry point; this takes already-parsed options.
import { type Plan, type RunningEmulator, startEmulator } from '../api/emulator/index.ts';

export interface ServeOptions {
  port?: number;
  host?: string;
  organization?: string;
  token?: string;
  restrictedToken?: string;
  foreignOrganization?: string;
  adminToken?: string;
  /** A workspace created in the organization at start. */
  workspace?: string;
  plan?: Plan;
  verifyUrls?: boolean;
}

export interface ServeIo {
  log(line: string): void;
  signal?: AbortSignal;
}

/**
 * What a user needs to point a client, its test suite, a checker or curl at the running target. The
 * first line is the environment go-tfe (and go-tfe's own tests) read, ready to paste.
 */
export function describeTarget(target: RunningEmulator): string[] {
  const o = target.options;
  const { seeds } = target;
  return [
    `go-tfe / Terraform provider: export TFE_ADDRESS=${target.url} TFE_TOKEN=${o.token} TFE_ADMIN_PROVISION_LICENSES_TOKEN=${o.adminToken}`,
    `run-tasks-conformance target listening on ${target.url}`,
    `  API base:             ${target.url}/api/v2`,
    `  organization:         ${o.organization}`,
    `  owner token:          ${o.token}`,
    `  restricted token:     ${o.restrictedToken}`,
    `  admin token:          ${o.adminToken} (GET /admin/feature-sets, POST /admin/organizations/:org/subscription)`,
    ...(seeds.workspaceId ? [`  workspace:            ${o.workspace} (${seeds.workspaceId})`] : []),
    `  foreign organization: ${o.foreignOrganization} (token ${o.foreignToken})`,
    `  foreign task:         ${seeds.foreignTaskId} (--foreign-task-id)`,
    `  foreign workspace:    ${seeds.foreignWorkspaceId} (--foreign-workspace-id)`,
    `  plan:                 ${o.plan} (also of every organization created through the API)`,
    `  URL verification:     ${o.verifyUrls ? 'on' : 'off'}`,
    'Press Ctrl+C to stop.',
  ];
}

/** Resolves on the first of SIGINT, SIGTERM or `signal` aborting, then removes its listeners. */
function untilStopped(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      signal?.removeEventListener('abort', stop);
      resolve();
    };
    if (signal?.aborted) return stop();
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    signal?.addEventListener('abort', stop, { once: true });
  });
}

/** 0 after a clean stop; 1 when the target cannot start (e.g. the port is taken). */
export async function serve(opts: ServeOptions, io: ServeIo): Promise<number> {
  let target: RunningEmulator;
  try {
    target = await startEmulator(opts);
  } catch (error) {
    io.log(`could not start the target: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  for (const line of describeTarget(target)) io.log(line);
  await untilStopped(io.signal);
  await target.close();
  io.log('target stopped');
  return 0;
}
