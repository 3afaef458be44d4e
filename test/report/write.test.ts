import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeReports } from '../../src/report/write.ts';
import { makeReport } from './fixture.ts';

describe('writeReports', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rtc-report-'));
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the four files into a new directory', async () => {
    vi.stubEnv('GITHUB_STEP_SUMMARY', '');
    const out = join(dir, 'nested', 'run');
    const paths = await writeReports(makeReport(), out);
    expect(paths).toEqual({
      json: join(out, 'report.json'),
      junit: join(out, 'junit.xml'),
      markdown: join(out, 'summary.md'),
      html: join(out, 'report.html'),
    });
    expect((await readdir(out)).sort()).toEqual(['junit.xml', 'report.html', 'report.json', 'summary.md']);
    const json = await readFile(paths.json, 'utf8');
    expect(JSON.parse(json)).toEqual(makeReport());
    expect(json).toContain('\n  "reportVersion": 1,');
  });

  it('appends the markdown to GITHUB_STEP_SUMMARY when set', async () => {
    const summary = join(dir, 'step-summary.md');
    await writeFile(summary, 'earlier step\n');
    vi.stubEnv('GITHUB_STEP_SUMMARY', summary);
    const paths = await writeReports(makeReport(), join(dir, 'out'));
    const markdown = await readFile(paths.markdown, 'utf8');
    expect(await readFile(summary, 'utf8')).toBe(`earlier step\n${markdown}\n`);
  });

  it('refuses an invalid report and writes nothing', async () => {
    const out = join(dir, 'out');
    const report = { ...makeReport(), verdict: 'fine' } as unknown as Parameters<typeof writeReports>[0];
    await expect(writeReports(report, out)).rejects.toThrow(/report does not match schemas\/report\.schema\.json:\n {2}\/verdict: must be one of/);
    await expect(readdir(out)).rejects.toThrow();
  });
});
