// vitest globalSetup of the suites: when the CLI already provided the run (`rtc` for the API side,
// `rtcIntegration` for the integration side), nothing to do; when vitest is run directly
// (`npx vitest run suites`), both are read from the environment: the embedded emulator is started if no
// address is set, the embedded reference service if no RUN_TASK_SERVICE_URL is.
// Its imports load only then: vite would otherwise transform a second copy of the emulator and the
// client for every CLI run (~10 MB, README "Performance").
import type { TestProject } from 'vitest/node';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const provided = project.getProvidedContext();
  if (provided.rtc || provided.rtcIntegration) return undefined;
  const [{ resolveConfig }, { prepareRun }, { resolveIntegrationConfig }, { prepareIntegrationRun }] = await Promise.all([
    import('../config/config.ts'),
    import('./prepare.ts'),
    import('../config/integration.ts'),
    import('./integration/prepare.ts'),
  ]);
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
