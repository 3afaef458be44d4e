// What ships beside the code stays usable: the nightly workflow and the examples go through the composite
// action, never through a package or action name someone else could own (only GitHub's actions/* and the
// repository's own), and hand no secret to a whole job; the package is publishable, with
// its license and the reference material its reports cite; .env stays out of git.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  jobs: Record<string, { env?: Record<string, string>; steps: Step[] }>;
}

const WORKFLOWS = ['.github/workflows/nightly-conformance.yml', ...readdirSync(new URL('../../examples/', import.meta.url)).filter((f) => f.endsWith('.yml')).map((f) => `examples/${f}`)];
const stepsIn = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((j) => j.steps);
const stepsOf = (path: string) => stepsIn(parse(read(path)) as Workflow);

/** GitHub's own actions (`actions/<name>@<ref>`) and this repository's (`./`): no name someone else could own. */
const TRUSTED_ACTION = /^(\.\/|actions\/[\w.-]+@[\w.-]+$)/;
const foreignActions = (steps: Step[]) => steps.flatMap((s) => (s.uses !== undefined && !TRUSTED_ACTION.test(s.uses) ? [s.uses] : []));
/** Workflow- or job-level env that names a secret: it would reach every step of the job, whatever it runs. */
const sharedSecrets = (workflow: Workflow) =>
  [['workflow', workflow.env] as const, ...Object.entries(workflow.jobs).map(([name, job]) => [`job ${name}`, job.env] as const)].flatMap(([where, env]) =>
    Object.entries(env ?? {}).flatMap(([name, value]) => (/\bsecrets\./.test(value) ? [`${where}: ${name}`] : [])),
  );

describe('the rules on workflows can fail', () => {
  // The nightly workflow as it was: a third-party action, run with a secret in the job's env.
  const before = parse(`
on: { schedule: [{ cron: '17 3 * * *' }] }
env: { SHARED: '\${{ secrets.SHARED }}' }
jobs:
  conformance:
    env: { TFE_RESTRICTED_TOKEN: '\${{ secrets.TFE_RESTRICTED_TOKEN }}', TFE_FOREIGN_ORGANIZATION: '\${{ vars.TFE_FOREIGN_ORGANIZATION }}' }
    steps:
      - uses: actions/checkout@v4
      - uses: dawidd6/action-download-artifact@v6
      - uses: ./
`) as Workflow;

  it('sees a secret in a workflow- or job-level env, not a variable', () => {
    expect(sharedSecrets(before)).toEqual(['workflow: SHARED', 'job conformance: TFE_RESTRICTED_TOKEN']);
  });

  it.each(['dawidd6/action-download-artifact@v6', 'actions-rs/toolchain@v1', 'actions/checkout', 'actions/checkout@v4/../../x', 'docker://alpine:3', 'octo/actions/checkout@v4'])('refuses %s', (uses) => {
    expect(foreignActions([{ uses }])).toEqual([uses]);
  });

  it.each(['./', './.run-tasks-conformance', 'actions/checkout@v4', 'actions/upload-artifact@v4'])('allows %s', (uses) => {
    expect(foreignActions([{ uses }])).toEqual([]);
  });
});

describe('the nightly workflow', () => {
  const workflow = parse(read('.github/workflows/nightly-conformance.yml')) as Workflow;
  const steps = stepsIn(workflow);
  const conformance = steps.find((s) => s.uses === './');

  it('runs on a schedule and by hand', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
  });

  it('runs this repository\'s action with the token from a secret, comparing with the previous report', () => {
    expect(conformance?.with).toMatchObject({ token: '${{ secrets.TFE_TOKEN }}', baseline: 'previous/report.json' });
  });

  it('gives the restricted token to the step that runs the suite, and to no other', () => {
    expect(conformance?.env).toMatchObject({ TFE_RESTRICTED_TOKEN: '${{ secrets.TFE_RESTRICTED_TOKEN }}' });
    expect(steps.filter((s) => JSON.stringify(s).includes('TFE_RESTRICTED_TOKEN'))).toEqual([conformance]);
  });

  it('fetches the previous report with the GitHub CLI and the job\'s own token, allowed to read artifacts', () => {
    const previous = steps.find((s) => s.run?.includes('scripts/previous-report.sh'));
    expect(previous?.run).toBe('bash scripts/previous-report.sh previous');
    expect(previous?.env).toEqual({ GH_TOKEN: '${{ github.token }}', GH_REPO: '${{ github.repository }}' });
    expect(workflow.permissions).toMatchObject({ actions: 'read' });
  });

  it('uploads the reports even when the run fails', () => {
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact'));
    expect(upload).toMatchObject({ with: { path: 'reports/' } });
  });
});

describe('the composite action', () => {
  it('uses no action by a name someone else could own', () => {
    const action = parse(read('action.yml')) as { runs: { steps: Step[] } };
    expect(foreignActions(action.runs.steps)).toEqual([]);
  });
});

describe.each(WORKFLOWS)('%s', (path) => {
  const workflow = parse(read(path)) as Workflow;
  const steps = stepsIn(workflow);

  it('runs the suite only through the composite action of a pinned, trusted copy', () => {
    const action = steps.filter((s) => s.uses === './' || s.uses === './.run-tasks-conformance');
    expect(action.length).toBeGreaterThan(0);
    for (const s of steps) expect(s.run ?? '', 'no npx of a package name from a registry or GitHub').not.toMatch(/\bnpx\b/);
    expect(foreignActions(steps), 'no action by a name someone else could own').toEqual([]);
    const checkout = steps.find((s) => (s.with as { path?: string } | undefined)?.path === '.run-tasks-conformance');
    if (action.some((s) => s.uses === './.run-tasks-conformance')) expect(checkout?.with).toMatchObject({ repository: '${{ vars.RTC_REPOSITORY }}', ref: '${{ vars.RTC_REF }}' });
  });

  it('hands no secret to every step through a workflow- or job-level env', () => {
    expect(sharedSecrets(workflow)).toEqual([]);
  });

  it('passes tokens as action inputs from secrets, never on a command line', () => {
    for (const s of steps) {
      expect(s.run ?? '').not.toMatch(/--token|secrets\./);
      const token = (s.with as { token?: string } | undefined)?.token;
      if (token !== undefined) expect(token).toMatch(/^\$\{\{ secrets\.[A-Z_]+ \}\}$/);
    }
  });
});

describe('the gating example', () => {
  it('waits for the server it starts and passes its expected-failures list', () => {
    const action = stepsOf('examples/gate-an-implementation.yml').find((s) => s.uses === './.run-tasks-conformance');
    expect(action?.with).toMatchObject({ 'expected-failures': 'conformance-expected-failures.yaml', 'wait-for': 60 });
  });
});

describe('the package', () => {
  const pkg = JSON.parse(read('package.json')) as { private?: boolean; license: string; files: string[] };

  it('is publishable under MPL-2.0, with the license text', () => {
    expect(pkg.private).toBeUndefined();
    expect(pkg.license).toBe('MPL-2.0');
    const license = read('LICENSE');
    expect(license.split('\n')[0]).toBe('Mozilla Public License Version 2.0');
    expect(license).toContain('Exhibit B - "Incompatible With Secondary Licenses" Notice');
  });

  it('ships the reference material its reports and catalogue cite', () => {
    expect(pkg.files).toEqual(expect.arrayContaining(['bin/', 'src/', 'suites/', 'schemas/', 'reference/', 'vitest.suites.config.ts']));
  });
});

describe('the repository', () => {
  it('ignores .env, generated reports and run journals', () => {
    const ignored = read('.gitignore').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['.env', 'reports/*', 'node_modules/', '.rtc/']));
  });

  it('has no README snippet that runs a package fetched by name', () => {
    const snippets = [...read('README.md').matchAll(/```(?:sh|bash)?\n([^]*?)```/g)].map((m) => m[1]!);
    for (const s of snippets) for (const line of s.split('\n')) if (/\bnpx\b/.test(line)) expect(line, line).toMatch(/\bnpx --no-install\b/);
  });
});
