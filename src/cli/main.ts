// The command line: `run` (the default), `serve` and `sweep`. Every problem with the input ends as one
// line on stderr and exit 2; the exit codes of a run are documented in the README.
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { parse as parseDotenv } from 'dotenv';
import pc from 'picocolors';
import { ConfigError, EMBEDDED_PLANS, resolveConfig, SUITE_NAMES, type EmbeddedPlan, type RawOptions } from '../config/config.ts';
import { DEFAULT_CALLBACK_TIMEOUT_S, DEFAULT_REQUEST_TIMEOUT_S, INTEGRATION_SUITE_NAMES, resolveIntegrationConfig } from '../config/integration.ts';
import { TOOL_VERSION } from '../runner/version.ts';

// The commands' modules (vitest, the target) load only when their command runs: `--help` stays instant.
const EXIT = { ok: 0, cannotRun: 2 } as const;

export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  /** Live progress on a terminal (absent when stdout is not one: CI logs get whole lines only). */
  status?(text: string): void;
  env: NodeJS.ProcessEnv;
  color: boolean;
}

/** A status line rewritten in place on a terminal; any whole line printed after it clears it first. */
const CLEAR_LINE = '\r\u001b[2K';
let statusShown = false;

/** Clears the status line (once) before any other output, on stdout or stderr: no `glo^CSIGINT` mix-ups. */
function clearStatus(): void {
  if (!statusShown) return;
  process.stdout.write(CLEAR_LINE);
  statusShown = false;
}

const defaultIO: CliIO = {
  out: (line) => {
    clearStatus();
    process.stdout.write(`${line}\n`);
  },
  ...(process.stdout.isTTY
    ? {
        status: (text: string) => {
          process.stdout.write(`${CLEAR_LINE}${text.slice(0, Math.max(20, (process.stdout.columns ?? 80) - 1))}`);
          statusShown = true;
        },
      }
    : {}),
  err: (line) => {
    clearStatus();
    process.stderr.write(`${line}\n`);
  },
  env: process.env,
  color: pc.isColorSupported,
};

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The options that name the target; shared by `run` and `sweep`. */
function targetOptions(cmd: Command): Command {
  return cmd
    .option('--address <url>', 'base URL of the target; the API lives at /api/v2 below it (TFE_ADDRESS, or https://TFE_HOSTNAME)')
    .option('--token <token>', 'token of an owner of the organization (TFE_TOKEN)')
    .option('--organization <name>', 'organization to test in (TFE_ORGANIZATION)');
}

function runCommand(cmd: Command): Command {
  return gatingOptions(
    targetOptions(cmd)
      .option('--restricted-token <token>', 'a member without run-task permissions: enables the permission checks (TFE_RESTRICTED_TOKEN)')
      .option('--foreign-organization <name>', 'an existing organization the token cannot see (TFE_FOREIGN_ORGANIZATION)')
      .option('--foreign-task-id <id>', 'a task of the foreign organization (TFE_FOREIGN_TASK_ID)')
      .option('--foreign-workspace-id <id>', 'a workspace of the foreign organization (TFE_FOREIGN_WORKSPACE_ID)')
      .option('--run-task-url <url>', 'URL answering 200 to a POST, for targets that verify task URLs (TFE_RUN_TASK_URL); default: the suite\'s own loopback receiver')
      .option('--suite <name>', `run only this suite (repeatable): ${SUITE_NAMES.join(', ')}`, collect),
    'seed of the property tests (printed by every run; replays a failure)',
  )
    .option('--num-runs <n>', 'runs per property test (default 25 on loopback, 10 for remote targets)')
    .option('--timeout <seconds>', 'per-request timeout (default 15)')
    .option('--cleanup-timeout <seconds>', 'after SIGINT/SIGTERM: time to delete what the run created and write the reports before exiting (default 3)')
    .option('--max-rps <n>', 'client-side request pacing (default 20 for remote targets, unpaced on loopback; 0 = unpaced)')
    .option('--retries <n>', 're-runs of a failing check, to tell consistent from flaky (default 1)')
    .addOption(new Option('--embedded-plan <plan>', 'plan of the embedded emulator (no --address), as serve --plan').choices(EMBEDDED_PLANS))
    .option('--wait-for <seconds>', 'wait up to this long for the target to answer before judging it (a server started in the same job)');
}

/** The options of what a run writes and what fails it: the same for both sides' runs. */
function gatingOptions(cmd: Command, seed: string): Command {
  return cmd
    .option('--report-dir <dir>', 'where reports go (CONFORMANCE_REPORT_DIR)', undefined)
    .option('--grep <pattern>', 'run only the checks whose id matches this regular expression')
    .option('--seed <n>', seed)
    .option('--baseline <report.json>', 'an earlier report.json: list regressions, fixes, new and removed checks')
    .addOption(new Option('--fail-on <what>', 'what makes the exit code 1').choices(['failures', 'regressions']))
    .option('--regressions-include-inconclusive', 'with --fail-on regressions: a check that passed in the baseline and is inconclusive now counts as a regression')
    .option('--strict', 'apply the documentation\'s letter: a MUST that only the documentation states fails instead of warning')
    .option('--expected-failures <file>', 'JSON or YAML list of {check, reason, link?, expires?} that do not fail the run');
}

function integrationCommand(cmd: Command): Command {
  return gatingOptions(
    cmd
      .option('--url <url>', 'the service\'s run-task URL (RUN_TASK_SERVICE_URL); none: the embedded reference service')
      .option('--hmac-key <key>', 'the HMAC key the service verifies X-TFC-Task-Signature with (RUN_TASK_HMAC_KEY); none: requests go unsigned and the signature checks are not applicable')
      .option('--callback-base-url <url>', 'where the service reaches the HCP Terraform stand-in, e.g. a tunnel\'s public URL (RUN_TASK_CALLBACK_BASE_URL); needs --callback-port')
      .option('--callback-port <n>', 'port the stand-in listens on (RUN_TASK_CALLBACK_PORT; default: a free one)')
      .option('--callback-host <host>', 'address the stand-in listens on (default 127.0.0.1; 0.0.0.0 for a service in a container)')
      .option('--tls', 'serve the stand-in over HTTPS with a generated self-signed certificate (written to the report directory)')
      .option('--request-timeout <seconds>', `how long to wait for the service's answer to a request (default ${DEFAULT_REQUEST_TIMEOUT_S})`)
      .option('--wait-for <seconds>', 'wait up to this long for the service to answer before the run starts (a service started in the same job)')
      .option('--callback-timeout <seconds>', `how long the service may go without an accepted callback (default ${DEFAULT_CALLBACK_TIMEOUT_S}; 6 times that in all; HCP Terraform allows 600)`)
      .option('--suite <name>', `run only this suite (repeatable): ${INTEGRATION_SUITE_NAMES.join(', ')}`, collect),
    'seed of the generated requests (printed by every run; replays them)',
  );
}

/**
 * Fails early, with one line, on a report directory the run could not write to; makes it when missing, and
 * proves it writable by making and removing a probe file in it.
 * The directories are made one at a time: Node 20's mkdirSync(…, { recursive: true }) never returns for a
 * path under /proc (every mkdir there answers ENOENT, so it keeps making the parent).
 */
function assertWritableDir(dir: string): void {
  const unusable = (why: string) => new ConfigError(`the report directory ${dir} cannot be used: ${why}`);
  const code = (err: unknown) => (err as { code?: string }).code ?? String(err);
  const missing: string[] = [];
  for (let at = resolve(dir); ; at = dirname(at)) {
    let stats;
    try {
      stats = statSync(at, { throwIfNoEntry: false });
    } catch (err) {
      if (code(err) === 'ENOTDIR') continue; // below a file: found further up
      throw unusable(`${at}: ${code(err)}`);
    }
    if (stats) {
      if (!stats.isDirectory()) throw unusable(`${at} is a file, not a directory`);
      break;
    }
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const at of missing) {
    try {
      mkdirSync(at);
    } catch (err) {
      throw unusable(`${at} cannot be made (${code(err)})`);
    }
  }
  const probe = join(dir, `.rtc-write-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    // Only a file made there proves it: access(W_OK) says yes to root on /proc/driver, where no file can be.
    closeSync(openSync(probe, 'wx'));
  } catch (err) {
    throw unusable(`it is not writable (${code(err)})`);
  }
  try {
    unlinkSync(probe);
  } catch (err) {
    throw unusable(`the probe file ${probe} cannot be removed (${code(err)})`);
  }
}

function oneLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
}

/** The environment, under the values of a .env file in the working directory (the real environment wins). */
function withDotenv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const file = '.env';
  return existsSync(file) ? { ...parseDotenv(readFileSync(file)), ...env } : env;
}

const TOP_LEVEL = new Set(['-h', '--help', '-V', '--version']);

/**
 * `run` is the default command: argv that starts with an option of `run` (or is empty) gets it in front.
 * A first word that names no command is left for commander, which says so and suggests the nearest one.
 */
function withDefaultCommand(argv: readonly string[]): string[] {
  const first = argv[0];
  return first === undefined || (first.startsWith('-') && !TOP_LEVEL.has(first)) ? ['run', ...argv] : [...argv];
}

export async function main(argv: string[], cliIO: CliIO = defaultIO): Promise<number> {
  const io = { ...cliIO, env: withDotenv(cliIO.env) };
  let exitCode: number = EXIT.ok;
  const program = new Command()
    .name('run-tasks-conformance')
    .description('Checks that a server honours the HCP Terraform Run Tasks API contract.')
    .version(TOOL_VERSION)
    .exitOverride()
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      [
        '',
        '`run` is the default command: `run-tasks-conformance --suite pagination` runs it; `run --help` lists its flags.',
        '`integration` checks a run-task integration service instead (without --url: the embedded reference service); `integration --help` lists its flags.',
        'Without --address (TFE_ADDRESS) the run checks the embedded emulator; settings also come from the environment and .env.',
        'Exit codes: 0 conformant, 1 a MUST check failed (or a regression with --fail-on regressions),',
        '2 the run could not be done, 3 some checks inconclusive, 130/143 interrupted.',
      ].join('\n'),
    )
    .configureOutput({
      writeOut: (s) => io.out(s.trimEnd()),
      writeErr: (s) => io.err(s.trimEnd()),
      // One line, suggestion included: "unknown command 'sreve' (Did you mean serve?)".
      outputError: (s, write) => write(`run-tasks-conformance: ${s.replace(/^error: /, '').trim().replace(/\s*\n\s*/g, ' ')}\n`),
    });

  runCommand(program.command('run').description('run the conformance suites against a target and write the reports')).action(async (options: RawOptions) => {
    const config = resolveConfig(options, io.env);
    for (const note of config.notes) io.err(`run-tasks-conformance: ${note}`);
    assertWritableDir(config.reportDir);
    const { runConformance } = await import('../runner/run.ts');
    const annotations = io.env.GITHUB_ACTIONS === 'true';
    exitCode = (await runConformance(config, { log: io.out, color: io.color, annotations, ...(io.status ? { status: io.status } : {}) })).exitCode;
  });

  integrationCommand(program.command('integration').description('check a run-task integration service, acting as HCP Terraform towards it, and write the reports')).action(async (options: RawOptions) => {
    const config = resolveIntegrationConfig(options, io.env);
    assertWritableDir(config.reportDir);
    const { runIntegration } = await import('../runner/integration/run.ts');
    const annotations = io.env.GITHUB_ACTIONS === 'true';
    exitCode = (await runIntegration(config, { log: io.out, color: io.color, annotations, ...(io.status ? { status: io.status } : {}) })).exitCode;
  });

  program
    .command('serve')
    .description('run the embedded emulator in the foreground (a local fake of the Run Tasks API)')
    .option('--port <n>', 'port to listen on (default: a free one)', '0')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--organization <name>', 'the seeded organization', 'rtc-org')
    .option('--token <token>', 'the owner token', 'rtc-owner-token')
    .option('--restricted-token <token>', 'the restricted member\'s token', 'rtc-restricted-token')
    .option('--foreign-organization <name>', 'an organization the owner cannot see', 'rtc-foreign-org')
    .option('--admin-token <token>', 'the site administrator\'s token (the admin endpoints that set plans)', 'rtc-admin-token')
    .option('--workspace <name>', 'a workspace created in the organization at start', 'rtc-workspace')
    .addOption(new Option('--plan <plan>', 'plan of the organization and of every organization created through the API').choices(EMBEDDED_PLANS).default('business'))
    .option('--no-verify-urls', 'do not POST to task URLs on create and update')
    .action(async (o: { port: string; host: string; organization: string; token: string; restrictedToken: string; foreignOrganization: string; adminToken: string; workspace: string; plan: EmbeddedPlan; verifyUrls: boolean }) => {
      if (!/^\d+$/.test(o.port) || Number(o.port) > 65535) throw new ConfigError(`--port must be a port number, got "${o.port}"`);
      if (!/^[A-Za-z0-9_-]+$/.test(o.workspace)) throw new ConfigError(`--workspace may only hold letters, digits, - and _, got "${o.workspace}"`);
      const { serve } = await import('./serve.ts');
      exitCode = await serve({ ...o, port: Number(o.port) }, { log: io.out });
    });

  program
    .command('list')
    .description('list the check ids with their level, evidence and requirement (no target needed)')
    .addOption(new Option('--side <side>', 'which contract\'s checks: the Run Tasks API, or a run-task integration service').choices(['api', 'integration']).default('api'))
    .option('--suite <name>', `only this suite (repeatable): ${SUITE_NAMES.join(', ')}; with --side integration: ${INTEGRATION_SUITE_NAMES.join(', ')}`, collect)
    .option('--grep <pattern>', 'only the checks whose id matches this regular expression')
    .option('--strict', 'show the levels a --strict run applies')
    .action(async (options: RawOptions) => {
      const { list } = await import('./list.ts');
      exitCode = await list(options, { log: io.out });
    });

  targetOptions(program.command('sweep').description('list (and with --yes delete) what earlier runs left behind'))
    .option('--yes', 'delete the leftovers instead of only listing them')
    .option('--journal-dir <dir>', 'where runs keep their journals', '.rtc')
    .action(async (options: RawOptions & { yes?: boolean; journalDir: string }) => {
      const { sweep } = await import('./sweep.ts');
      exitCode = await sweep(options, { log: io.out, env: io.env });
    });

  try {
    await program.parseAsync(withDefaultCommand(argv), { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.cannotRun;
    if (err instanceof ConfigError || (err instanceof Error && err.name === 'PreflightError')) {
      io.err(`run-tasks-conformance: ${oneLine(err)}`);
      return EXIT.cannotRun;
    }
    io.err(`run-tasks-conformance: internal error: ${oneLine(err)} (set RTC_DEBUG=1 for details)`);
    if (io.env.RTC_DEBUG) io.err(String((err as Error)?.stack));
    return EXIT.cannotRun;
  }
}
