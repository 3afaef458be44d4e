export { callbackAnswer, hasPlan, runContext, runContextArb, stageCallbackAnswers, STAGES, type MissingVcs, type RunContext, type Stage, type Vcs } from './context.ts';
export {
  encode,
  sign,
  SIGNATURE_HEADER,
  stageRequest,
  USER_AGENT,
  VERIFICATION_TOKEN,
  verificationRequest,
  withoutSignature,
  withWrongSignature,
  type Issued,
  type VerificationReading,
  type WireRequest,
} from './request.ts';
