export {
  startReferenceService,
  type CallbackStep,
  type Decision,
  type IncomingRun,
  type LogEntry,
  type Payload,
  type ReferenceHooks,
  type ReferenceOptions,
  type ReferenceService,
} from './server.ts';
