// Live progress on a terminal, through the binary under a pseudo-terminal (util-linux `script`): the status
// line counts N/total, and every other line clears it first, so no line carries a status fragment; Ctrl-C
// typed on that terminal included (its echoed `^C` once gave `glo^CSIGINT: stopping`).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BIN, cleanEnv, ROOT, spawnWatched, tempDir } from './helpers.ts';

const CLEAR = '\r\u001b[2K';
const STATUS = /\d+\/\d+ checks/;
/** What stays visible of a line on the terminal: what follows its last clear. */
const visible = (line: string) => line.split(CLEAR).at(-1) ?? '';

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
    for (const line of lines) expect(visible(line), JSON.stringify(line)).not.toMatch(STATUS);
    expect(stdout).toMatch(/CONFORMANT/);
    // Coverage tells what the suites can judge from what this run judged.
    expect(stdout).toMatch(/\d+ of \d+ requirements have a check; 3 were judged in this run \(pass, fail or warn\)/);
  });

  // Ctrl-C is typed into the terminal rather than signalled to `script`: the pty's line discipline sends SIGINT
  // to the run's process group and echoes `^C` after the status text, as for a user (`script` itself would pass
  // a SIGINT on as SIGTERM). The whole catalogue runs, so the run is still going when the key arrives.
  it('Ctrl-C while the status line shows: `SIGINT: stopping` starts its own line, exit 130', async () => {
    const dir = tempDir();
    const run = spawnWatched('script', ['-qfec', `${process.execPath} ${BIN} --report-dir ${dir}`, '/dev/null'], { cwd: dir, env: { COLUMNS: '200' } });
    try {
      await run.waitFor(STATUS);
      run.child.stdin!.write('\u0003');
      expect(await run.exited, run.output()).toBe(130);
    } finally {
      run.child.kill('SIGKILL');
    }
    const stopping = run.output().split('\n').filter((line) => line.includes('SIGINT: stopping'));
    expect(stopping, run.output()).toHaveLength(1);
    expect(stopping[0], 'the key came while the status line showed').toMatch(STATUS);
    expect(visible(stopping[0]!), JSON.stringify(stopping[0])).toMatch(/^SIGINT: stopping; removing what this run created/);
  }, 120_000);
});
