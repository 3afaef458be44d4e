// The report.json model: the types generated from schemas/report.schema.json (the format's authority and
// documentation), under the names the renderers use.
export type {
  BaselineComparison as Baseline,
  CheckResult,
  Exchange,
  ExpectedFailure,
  Gate,
  GateReason,
  Leftover,
  Level,
  Outcome,
  Report,
  Summary,
  Verdict,
} from '../types/contract.ts';
