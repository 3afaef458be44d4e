// Live progress on a terminal, through the binary under a pseudo-terminal (util-linux `script`): the status
// line counts N/total, and every other line clears it first, so no line carries a status fragment.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cleanEnv, ROOT, tempDir } from './helpers.ts';

const CLEAR = '\r\u001b[2K';
const STATUS = /\d+\/\d+ checks/;

describe('progress on a terminal', () => {
  it('counts N/total and clears the status line before any other output', async () => {
    const dir = tempDir();
    const command = `${process.execPath} ${join(ROOT, 'bin/run-tasks-conformance.js')} --suite include --suite plans --report-dir ${dir}`;
    const { stdout } = await promisify(execFile)('script', ['-qfec', command, '/dev/null'], { cwd: dir, env: { ...cleanEnv(), COLUMNS: '200' }, timeout: 120_000 });
    expect(stdout).toContain(`${CLEAR}1/7 checks`);
    expect(stdout).toContain(`${CLEAR}7/7 checks`);
    // What stays visible of each finished line (after its last clear) is never a status line.
    const lines = stdout.split('\n').slice(0, -1);
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(line.split(CLEAR).at(-1), JSON.stringify(line)).not.toMatch(STATUS);
    expect(stdout).toMatch(/CONFORMANT/);
    // Coverage tells what the suites can judge from what this run judged.
    expect(stdout).toMatch(/\d+ of \d+ requirements have a check; 3 were judged in this run \(pass, fail or warn\)/);
  });
});
