// vitest globalSetup of the suites: when the CLI already provided the run (`rtc` for the API side,
// `rtcIntegration` for the integration side), nothing to do; when vitest is run directly
// (`npx vitest run suites`), both are read from the environment: the embedded emulator is started if no
// address is set, the embedded reference service if no RUN_TASK_SERVICE_URL is.
import type { TestProject } from 'vitest/node';
import { resolveConfig } from '../config/config.ts';
import { resolveIntegrationConfig } from '../config/integration.ts';
import { prepareIntegrationRun } from './integration/prepare.ts';
import { prepareRun } from './prepare.ts';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const provided = project.getProvidedContext();
  if (provided.rtc || provided.rtcIntegration) return undefined;
  const prepared = await prepareRun(resolveConfig({}, process.env));
  const integration = await prepareIntegrationRun(resolveIntegrationConfig({}, process.env)).catch(async (err: unknown) => {
    await prepared.close();
    throw err;
  });
  project.provide('rtc', prepared.suite);
  project.provide('rtcIntegration', integration.suite);
  return async () => {
    await prepared.close();
    await integration.close();
  };
}
