// The embedded emulator: an in-memory implementation of the documented HCP Terraform Run Tasks API.
// It imports nothing of the harness (docs/ARCHITECTURE.md "Walls").
export { startEmulator } from './server.ts';
export type { HookRequest, HookResponse, Plan, RunningEmulator, EmulatorHooks, EmulatorOptions } from './types.ts';
