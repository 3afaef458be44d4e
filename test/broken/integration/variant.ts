// A deliberately broken (or deliberately odd but faithful) variant of the reference service: the
// integration side's counterpart of test/broken/variant.ts.
import type { IntegrationSuiteName } from '../../../src/config/integration.ts';
import type { ReferenceHooks } from '../../../src/integration/reference-service/index.ts';
import type { IntegrationSuiteConfig } from '../../../src/runner/integration/suite-config.ts';
import type { Caught } from '../variant.ts';

export interface IntegrationVariant extends Caught {
  /** The suites to run against it; default all. */
  suites?: IntegrationSuiteName[];
  hooks?: ReferenceHooks;
  /** Changes to the suite configuration the run would otherwise get. */
  settings?: Partial<IntegrationSuiteConfig>;
  /** Neither the reference service nor the run gets an HMAC key. */
  keyless?: boolean;
}

export const broken = (v: Omit<IntegrationVariant, 'caughtBy'> & { caughtBy: [string, ...string[]] }): IntegrationVariant => v;
export const faithful = (v: Omit<IntegrationVariant, 'caughtBy'>): IntegrationVariant => ({ ...v, caughtBy: [] });
