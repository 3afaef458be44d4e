// The embedded target: an in-memory implementation of the documented HCP Terraform Run Tasks API.
// It imports nothing of the harness (docs/ARCHITECTURE.md "Walls").
export { startTarget } from './server.ts';
export type { HookRequest, HookResponse, Plan, RunningTarget, TargetHooks, TargetOptions } from './types.ts';
