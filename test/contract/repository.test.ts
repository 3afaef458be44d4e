// What ships beside the code stays usable: the nightly workflow and the examples go through the composite
// action, never through a package or action name someone else could own; the package is publishable, with
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
  jobs: Record<string, { env?: Record<string, string>; steps: Step[] }>;
}

const WORKFLOWS = ['.github/workflows/nightly-conformance.yml', ...readdirSync(new URL('../../examples/', import.meta.url)).filter((f) => f.endsWith('.yml')).map((f) => `examples/${f}`)];
const stepsOf = (path: string) => Object.values((parse(read(path)) as Workflow).jobs).flatMap((j) => j.steps);

describe('the nightly workflow', () => {
  const workflow = parse(read('.github/workflows/nightly-conformance.yml')) as Workflow;
  const steps = stepsOf('.github/workflows/nightly-conformance.yml');
  const conformance = steps.find((s) => s.uses === './');

  it('runs on a schedule and by hand', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
  });

  it('runs this repository\'s action with the token from a secret, comparing with the previous report', () => {
    expect(conformance?.with).toMatchObject({ token: '${{ secrets.TFE_TOKEN }}', baseline: 'previous/report.json' });
  });

  it('uploads the reports even when the run fails', () => {
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact'));
    expect(upload).toMatchObject({ with: { path: 'reports/' } });
  });
});

describe.each(WORKFLOWS)('%s', (path) => {
  const steps = stepsOf(path);

  it('runs the suite only through the composite action of a pinned, trusted copy', () => {
    const action = steps.filter((s) => s.uses === './' || s.uses === './.run-tasks-conformance');
    expect(action.length).toBeGreaterThan(0);
    for (const s of steps) {
      expect(s.run ?? '', 'no npx of a package name from a registry or GitHub').not.toMatch(/\bnpx\b/);
      if (s.uses !== undefined) expect(s.uses, 'no action by a name someone else could own').toMatch(/^(\.\/|actions\/(checkout|setup-node|upload-artifact)@v4$|dawidd6\/action-download-artifact@v6$)/);
    }
    const checkout = steps.find((s) => (s.with as { path?: string } | undefined)?.path === '.run-tasks-conformance');
    if (action.some((s) => s.uses === './.run-tasks-conformance')) expect(checkout?.with).toMatchObject({ repository: '${{ vars.RTC_REPOSITORY }}', ref: '${{ vars.RTC_REF }}' });
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
