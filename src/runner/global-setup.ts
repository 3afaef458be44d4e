// vitest globalSetup of the suites: when the CLI already provided the run (`rtc`), nothing to do;
// when vitest is run directly (`npx vitest run suites`), the same
// configuration is read from the environment and the embedded emulator is started if no address is set.
import type { TestProject } from 'vitest/node';
import { resolveConfig } from '../config/config.ts';
import { prepareRun } from './prepare.ts';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (project.getProvidedContext().rtc) return undefined;
  const prepared = await prepareRun(resolveConfig({}, process.env));
  project.provide('rtc', prepared.suite);
  return () => prepared.close();
}
