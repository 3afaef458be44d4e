// The nightly workflow's baseline step (scripts/previous-report.sh) against a stand-in `gh` on PATH: it takes
// the newest earlier run on this run's branch that has the report, skips this run, and never fails the night
// for want of one.
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cleanEnv, ROOT, tempDir } from './helpers.ts';

const SCRIPT = join(ROOT, 'scripts/previous-report.sh');
const CURRENT_RUN = '900';
const BRANCH = 'main';

/**
 * A `gh` that answers `run list` with the ids in $STUB/runs ("<id> <branch>" lines), only those of the branch
 * `--branch` names when it is given (or fails when $STUB/list-fails exists), and `run download <id>` from
 * $STUB/artifacts/<id>/ (none: gh's error; a file `partial` there: writes, then fails).
 */
const STUB_GH = `#!/usr/bin/env bash
echo "$*" >> "$STUB/calls"
if [ "$1 $2" = "run list" ]; then
  if [ -e "$STUB/list-fails" ]; then echo "HTTP 403: Resource not accessible by integration" >&2; exit 1; fi
  branch=; args=("$@")
  for i in "\${!args[@]}"; do [ "\${args[$i]}" = "--branch" ] && branch="\${args[$((i + 1))]}"; done
  while read -r id on; do [ -z "$branch" ] || [ "$on" = "$branch" ] && echo "$id"; done < "$STUB/runs"; exit 0
fi
if [ "$1 $2" = "run download" ]; then
  id="$3"; dir=.
  while [ $# -gt 0 ]; do [ "$1" = "--dir" ] && dir="$2"; shift; done
  src="$STUB/artifacts/$id"
  if [ ! -d "$src" ]; then echo "no valid artifacts found to download" >&2; exit 1; fi
  mkdir -p "$dir" && cp "$src"/* "$dir"/
  if [ -e "$src/partial" ]; then exit 1; fi
  exit 0
fi
exit 2
`;

interface Night {
  runs: string[]; // newest first, as gh lists them: "<id>" (a run on main) or "<id> <branch>"
  branch?: string | null; // GITHUB_REF_NAME of this run (default main; null: not set)
  artifacts?: Record<string, Record<string, string>>; // run id -> files of its conformance-report artifact
  listFails?: boolean;
}

async function fetchPrevious(night: Night): Promise<{ code: number; stdout: string; calls: string[]; cwd: string }> {
  const cwd = tempDir();
  const stub = join(cwd, 'stub');
  mkdirSync(join(stub, 'bin'), { recursive: true });
  writeFileSync(join(stub, 'bin', 'gh'), STUB_GH);
  chmodSync(join(stub, 'bin', 'gh'), 0o755);
  writeFileSync(join(stub, 'runs'), night.runs.map((run) => (run.includes(' ') ? `${run}\n` : `${run} ${BRANCH}\n`)).join(''));
  if (night.listFails) writeFileSync(join(stub, 'list-fails'), '');
  for (const [id, files] of Object.entries(night.artifacts ?? {})) {
    mkdirSync(join(stub, 'artifacts', id), { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(stub, 'artifacts', id, name), text);
  }
  const branch = night.branch === undefined ? BRANCH : night.branch;
  const env = { ...cleanEnv(), PATH: `${join(stub, 'bin')}:${process.env.PATH}`, STUB: stub, GITHUB_RUN_ID: CURRENT_RUN, GH_TOKEN: 'rtc-gh-token', ...(branch === null ? {} : { GITHUB_REF_NAME: branch }) };
  const result = await promisify(execFile)('bash', [SCRIPT, 'previous'], { cwd, env }).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
  );
  const calls = existsSync(join(stub, 'calls')) ? readFileSync(join(stub, 'calls'), 'utf8').trim().split('\n') : [];
  return { ...result, calls, cwd };
}

const baselineIn = (cwd: string) => (existsSync(join(cwd, 'previous', 'report.json')) ? readFileSync(join(cwd, 'previous', 'report.json'), 'utf8') : undefined);
const NO_BASELINE = /^::notice title=run-tasks-conformance::.*: no baseline this time$/m;

describe('the previous night\'s report', () => {
  it('comes from the newest completed run of the nightly workflow on this branch that has it', async () => {
    const { code, stdout, calls, cwd } = await fetchPrevious({ runs: ['812', '811'], artifacts: { '812': { 'report.json': '{"night":812}' }, '811': { 'report.json': '{"night":811}' } } });
    expect(code).toBe(0);
    expect(baselineIn(cwd)).toBe('{"night":812}');
    expect(stdout).toContain('baseline: the conformance-report artifact of run 812');
    expect(calls).toEqual([
      'run list --workflow nightly-conformance.yml --branch main --status completed --limit 10 --json databaseId --jq .[].databaseId',
      'run download 812 --name conformance-report --dir previous',
    ]);
  });

  it('skips this run and a run without the artifact, and what a failed download left', async () => {
    const { code, calls, cwd } = await fetchPrevious({ runs: [CURRENT_RUN, '812', '811', '810'], artifacts: { '812': { 'report.json': '{"half":true}', partial: '' }, '810': { 'report.json': '{"night":810}' } } });
    expect(code).toBe(0);
    expect(baselineIn(cwd)).toBe('{"night":810}');
    expect(calls.filter((c) => c.startsWith('run download')).map((c) => c.split(' ')[2])).toEqual(['812', '811', '810']);
  });

  // A manual run on another branch, newer than last night's: it must not become tonight's baseline.
  it('takes no run of another branch, however new', async () => {
    const { code, calls, cwd } = await fetchPrevious({ runs: ['813 try-a-fix', '812'], artifacts: { '813': { 'report.json': '{"branch":"try-a-fix"}' }, '812': { 'report.json': '{"night":812}' } } });
    expect(code).toBe(0);
    expect(baselineIn(cwd)).toBe('{"night":812}');
    expect(calls.filter((c) => c.startsWith('run download')).map((c) => c.split(' ')[2])).toEqual(['812']);
  });

  it('on a manual run of another branch, takes that branch\'s runs only', async () => {
    const { cwd } = await fetchPrevious({ branch: 'try-a-fix', runs: ['813', '812 try-a-fix'], artifacts: { '813': { 'report.json': '{"night":813}' }, '812': { 'report.json': '{"branch":"try-a-fix"}' } } });
    expect(baselineIn(cwd)).toBe('{"branch":"try-a-fix"}');
  });

  it.each<[string, Night]>([
    ['the first night (no earlier run)', { runs: [] }],
    ['only this run', { runs: [CURRENT_RUN], artifacts: { [CURRENT_RUN]: { 'report.json': '{}' } } }],
    ['every earlier artifact expired', { runs: ['812', '811'] }],
    ['a download that failed half-way', { runs: ['812'], artifacts: { '812': { 'report.json': '{"half":true}', partial: '' } } }],
    ['runs that cannot be listed (no actions: read)', { runs: ['812'], listFails: true }],
    ['earlier runs only on other branches', { runs: ['813 try-a-fix'], artifacts: { '813': { 'report.json': '{}' } } }],
    ['no GITHUB_REF_NAME (no branch to look on)', { branch: null, runs: ['812'], artifacts: { '812': { 'report.json': '{}' } } }],
  ])('%s: a notice, no baseline, and the night goes on', async (_, night) => {
    const { code, stdout, cwd } = await fetchPrevious(night);
    expect(code).toBe(0);
    expect(stdout).toMatch(NO_BASELINE);
    expect(existsSync(join(cwd, 'previous'))).toBe(false);
    expect(stdout).not.toContain('rtc-gh-token');
  });
});
