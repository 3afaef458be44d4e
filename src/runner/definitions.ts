// The checks the suites define, read without running them (the suite files are imported with the direct
// registry set, so they register nothing with vitest): for `list`, for a --grep that selects nothing, for
// the progress total and for the coverage's "has a check".
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, SUITE_NAMES, compileGrep, type SuiteName } from '../config/config.ts';
import { requirementFor, type Requirement } from '../contract/catalogue.ts';
import { directRegistry, type SuiteDefinition } from '../../suites/api/_harness/suite.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

let loaded: Promise<Map<string, SuiteDefinition>> | undefined;

/** Imports every suite file once, collecting its definition instead of registering vitest tests. */
export function loadSuiteDefinitions(): Promise<Map<string, SuiteDefinition>> {
  loaded ??= (async () => {
    directRegistry.suites = [];
    try {
      for (const name of SUITE_NAMES) {
        const file = resolve(ROOT, `suites/api/${name}.test.ts`);
        if (existsSync(file)) await import(file);
      }
      return new Map(directRegistry.suites.map((s) => [s.name, s]));
    } finally {
      directRegistry.suites = undefined;
    }
  })();
  return loaded;
}

export interface DefinedCheck {
  id: string;
  suite: string;
  requirement: Requirement;
}

/** The checks of the named suites (all when none is named) whose id matches `grep`. */
export async function definedChecks(selection: { suites: readonly SuiteName[]; grep: string | null }): Promise<DefinedCheck[]> {
  const definitions = await loadSuiteDefinitions();
  const pattern = compileGrep(selection.grep);
  const suites = selection.suites.length ? selection.suites : SUITE_NAMES;
  return suites.flatMap((name) =>
    (definitions.get(name)?.checks ?? []).filter((c) => !pattern || pattern.test(c.id)).map((c) => ({ id: c.id, suite: name, requirement: requirementFor(c.id) })),
  );
}

/** Requirement ids that at least one check of any suite judges. */
export async function requirementsWithChecks(): Promise<Set<string>> {
  return new Set((await definedChecks({ suites: [], grep: null })).map((c) => c.requirement.id));
}

/** The checks a run will judge; a selection of none is a usage error (exit 2), not a green run of 0 checks. */
export async function selectedChecks(selection: { suites: readonly SuiteName[]; grep: string | null }): Promise<DefinedCheck[]> {
  const checks = await definedChecks(selection);
  if (checks.length === 0) {
    const where = selection.suites.length ? ` in suite ${selection.suites.join(', ')}` : '';
    throw new ConfigError(`--grep "${selection.grep ?? ''}" selects no check${where}; \`run-tasks-conformance list\` shows the check ids`);
  }
  return checks;
}
