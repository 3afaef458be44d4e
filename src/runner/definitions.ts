// The checks the suites define, read without running them (the suite files are imported with the direct
// registry set, so they register nothing with vitest): for `list`, for a --grep that selects nothing, for
// the progress total and for the coverage's "has a check". Both sides: the API suites and the integration suites.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, SUITE_NAMES, compileGrep } from '../config/config.ts';
import { INTEGRATION_SUITE_NAMES } from '../config/integration.ts';
import { requirementFor, type Requirement, type Side } from '../contract/catalogue.ts';
import { collectSuites, type SuiteDefinition } from '../../suites/_harness/define.ts';
import type { CheckContext } from '../../suites/api/_harness/suite.ts';
import type { IntegrationContext } from '../../suites/integration/_harness/suite.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Each side's suite files, in the order they run. */
export const SIDE_SUITES: Record<Side, { dir: string; names: readonly string[] }> = {
  api: { dir: 'suites/api', names: SUITE_NAMES },
  integration: { dir: 'suites/integration', names: INTEGRATION_SUITE_NAMES },
};

const filesOf = (side: Side) => SIDE_SUITES[side].names.map((name) => resolve(ROOT, `${SIDE_SUITES[side].dir}/${name}.test.ts`)).filter((file) => existsSync(file));

let api: Promise<Map<string, SuiteDefinition<CheckContext>>> | undefined;
let integration: Promise<Map<string, SuiteDefinition<IntegrationContext>>> | undefined;

/** Imports every API suite file once, collecting its definition instead of registering vitest tests. */
export function loadSuiteDefinitions(): Promise<Map<string, SuiteDefinition<CheckContext>>> {
  api ??= collectSuites<CheckContext>(filesOf('api'));
  return api;
}

/** The same for the integration suites. */
export function loadIntegrationSuiteDefinitions(): Promise<Map<string, SuiteDefinition<IntegrationContext>>> {
  integration ??= collectSuites<IntegrationContext>(filesOf('integration'));
  return integration;
}

const definitionsOf = (side: Side): Promise<Map<string, SuiteDefinition<unknown>>> =>
  (side === 'api' ? loadSuiteDefinitions() : loadIntegrationSuiteDefinitions()) as Promise<Map<string, SuiteDefinition<unknown>>>;

export interface DefinedCheck {
  id: string;
  suite: string;
  requirement: Requirement;
}

export interface Selection {
  suites: readonly string[];
  grep: string | null;
}

/** The checks of the named suites (all when none is named) whose id matches `grep`. */
export async function definedChecks(selection: Selection, side: Side = 'api'): Promise<DefinedCheck[]> {
  const definitions = await definitionsOf(side);
  const pattern = compileGrep(selection.grep);
  const suites = selection.suites.length ? selection.suites : SIDE_SUITES[side].names;
  return suites.flatMap((name) =>
    (definitions.get(name)?.checks ?? []).filter((c) => !pattern || pattern.test(c.id)).map((c) => ({ id: c.id, suite: name, requirement: requirementFor(c.id) })),
  );
}

/**
 * Every check the project defines, API side then integration side, as {id, requirementId}. The sides load
 * one after the other: collectSuites collects into one shared registry.
 */
export async function everyDefinedCheck(): Promise<{ id: string; requirementId: string }[]> {
  const all: DefinedCheck[] = [];
  for (const side of ['api', 'integration'] as const) all.push(...(await definedChecks({ suites: [], grep: null }, side)));
  return all.map((c) => ({ id: c.id, requirementId: c.requirement.id }));
}

/** Requirement ids that at least one check of any suite of the side judges. */
export async function requirementsWithChecks(side: Side = 'api'): Promise<Set<string>> {
  return new Set((await definedChecks({ suites: [], grep: null }, side)).map((c) => c.requirement.id));
}

/** The checks a run will judge; a selection of none is a usage error (exit 2), not a green run of 0 checks. */
export async function selectedChecks(selection: Selection, side: Side = 'api'): Promise<DefinedCheck[]> {
  const checks = await definedChecks(selection, side);
  if (checks.length === 0) {
    const where = selection.suites.length ? ` in suite ${selection.suites.join(', ')}` : '';
    throw new ConfigError(`--grep "${selection.grep ?? ''}" selects no check${where}; \`run-tasks-conformance list\` shows the check ids`);
  }
  return checks;
}
