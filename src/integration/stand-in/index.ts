export {
  callbackBodyProblem,
  JSON_API,
  MAX_RECORDED,
  startStandIn,
  type CallbackAnswer,
  type CallbackMode,
  type IssueSpec,
  type RecordedRequest,
  type RequestKind,
  type ResultStatus,
  type SettleOptions,
  type SettleOutcome,
  type StandIn,
  type StandInOptions,
  type TaskResult,
} from './server.ts';
export { selfSignedCertificate, type Certificate } from './tls.ts';
