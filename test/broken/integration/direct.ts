// Runs the integration checks straight from their suite definitions against a variant of the reference
// service, without vitest's runner (as test/broken/api/direct.ts does for the API side): one process, many
// services, fast. Both paths share IntegrationSuite.runCheck, so a check judges the same way in either.
import { resolveIntegrationConfig, INTEGRATION_SUITE_NAMES } from '../../../src/config/integration.ts';
import { prepareIntegrationRun, type PrepareIntegrationOptions } from '../../../src/runner/integration/prepare.ts';
import type { IntegrationSuiteConfig } from '../../../src/runner/integration/suite-config.ts';
import { loadIntegrationSuiteDefinitions } from '../../../src/runner/definitions.ts';
import { IntegrationSuite } from '../../../suites/integration/_harness/suite.ts';
import { runDefinitions, type Outcomes } from '../direct.ts';
import type { IntegrationVariant } from './variant.ts';

export { loadIntegrationSuiteDefinitions as loadIntegrationSuites };

/**
 * Windows short enough for many variants, with the documented one shrunk alike: a callback missing when it
 * ends is a failure, as it would be once HCP Terraform's ten minutes had passed.
 */
export const TEST_TIMING: NonNullable<PrepareIntegrationOptions['timing']> = {
  requestTimeoutMs: 3000,
  callbackTimeoutMs: 4000,
  callbackTotalMs: 8000,
  documentedCallbackTimeoutMs: 4000,
  settleMs: 400,
};

export async function runIntegrationVariant(variant: Pick<IntegrationVariant, 'name' | 'hooks' | 'suites' | 'settings' | 'keyless'>, o: { seed?: number; strict?: boolean } = {}): Promise<Outcomes> {
  const definitions = await loadIntegrationSuiteDefinitions();
  const config = { ...resolveIntegrationConfig({}, {}), seed: o.seed ?? 1, strict: o.strict ?? false };
  const prepared = await prepareIntegrationRun(config, { timing: TEST_TIMING, keyless: variant.keyless ?? false, ...(variant.hooks ? { hooks: variant.hooks } : {}) });
  try {
    const suites = variant.suites ?? INTEGRATION_SUITE_NAMES;
    return await runDefinitions(definitions, suites, variant.name, (name) => new IntegrationSuite(name, { ...prepared.suite, ...variant.settings } as IntegrationSuiteConfig));
  } finally {
    await prepared.close();
  }
}
