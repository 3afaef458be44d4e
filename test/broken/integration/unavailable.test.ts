// "The service was down" is never "the service broke the contract": a service that stops listening after
// the verification request makes every later check inconclusive, none failed or warned. (A service that
// goes down *because* its callback was refused is the resilience checks' failure: variants/resilience.ts.)
import { describe, expect, it } from 'vitest';
import { resolveIntegrationConfig } from '../../../src/config/integration.ts';
import { prepareIntegrationRun } from '../../../src/runner/integration/prepare.ts';
import { loadIntegrationSuiteDefinitions } from '../../../src/runner/definitions.ts';
import { IntegrationSuite } from '../../../suites/integration/_harness/suite.ts';
import { runDefinitions } from '../direct.ts';
import { TEST_TIMING } from './direct.ts';

describe('a service that goes away mid-run', () => {
  it('leaves every check after it inconclusive and fails none', async () => {
    const definitions = await loadIntegrationSuiteDefinitions();
    const prepared = await prepareIntegrationRun({ ...resolveIntegrationConfig({}, {}), seed: 1 }, { timing: TEST_TIMING });
    const runtime = (name: string) => new IntegrationSuite(name, prepared.suite);
    try {
      const before = await runDefinitions(definitions, ['verification'], 'gone', runtime);
      expect(Object.values(before).every((o) => o === 'pass')).toBe(true);
      await prepared.reference!.close();
      const after = await runDefinitions(definitions, ['stages', 'signatures', 'resilience'], 'gone', runtime);
      expect(Object.keys(after).length).toBeGreaterThan(60);
      expect(Object.entries(after).filter(([, o]) => o !== 'inconclusive')).toEqual([]);
    } finally {
      await prepared.close();
    }
  });
});
