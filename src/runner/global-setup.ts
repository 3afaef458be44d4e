// vitest globalSetup of the suites: when the CLI already provided the run (`rtc`), nothing to do;
// when vitest is run directly (`npx vitest run suites`), the same
// configuration is read from the environment and the embedded emulator is started if no address is set.
// Its imports load only then: vite would otherwise transform a second copy of the emulator and the
// client for every CLI run (~10 MB, README "Performance").
import type { TestProject } from 'vitest/node';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (project.getProvidedContext().rtc) return undefined;
  const [{ resolveConfig }, { prepareRun }] = await Promise.all([import('../config/config.ts'), import('./prepare.ts')]);
  const prepared = await prepareRun(resolveConfig({}, process.env));
  project.provide('rtc', prepared.suite);
  return () => prepared.close();
}
