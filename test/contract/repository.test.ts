// What ships beside the code stays usable: the nightly workflow and the gating example parse and call the
// CLI the way the README says; .env stays out of git.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { env?: Record<string, string>; steps: { run?: string; uses?: string; with?: Record<string, unknown> }[] }>;
}

describe('the nightly workflow', () => {
  const workflow = parse(read('.github/workflows/nightly-conformance.yml')) as Workflow;
  const job = Object.values(workflow.jobs)[0]!;
  const runs = job.steps.map((s) => s.run ?? '').join('\n');

  it('runs on a schedule and by hand', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
  });

  it('takes the token from a secret and compares with the previous report', () => {
    expect(job.env?.TFE_TOKEN).toBe('${{ secrets.TFE_TOKEN }}');
    expect(runs).toContain('run-tasks-conformance');
    expect(runs).toContain('--baseline previous/report.json');
  });

  it('uploads the reports even when the run fails', () => {
    const upload = job.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'));
    expect(upload).toMatchObject({ with: { path: 'reports/' } });
  });
});

describe('the repository', () => {
  it('ignores .env and generated reports', () => {
    const ignored = read('.gitignore').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['.env', 'reports/*', 'node_modules/']));
  });

  it('ships a gating example that calls the CLI with an expected-failures list', () => {
    const example = read('examples/gate-an-implementation.yml');
    expect(() => parse(example)).not.toThrow();
    expect(example).toContain('--expected-failures');
  });

  it('ships an example that gates on a report of HCP Terraform, with flags the CLI knows', () => {
    const example = read('examples/gate-against-hcp.yml');
    const workflow = parse(example) as { jobs: Record<string, { steps: { run?: string }[] }> };
    const gate = workflow.jobs.gate!.steps.map((s) => s.run ?? '').find((r) => r.includes('--baseline'));
    expect(gate).toMatch(/--baseline conformance\/hcp-report\.json --fail-on regressions/);
    const flags = (gate ?? '').match(/--[a-z-]+/g) ?? [];
    const known = read('README.md');
    expect(flags.filter((flag) => !known.includes(`\`${flag}`))).toEqual([]);
  });
});
