// The integration side's suite runtime: a stand-in for HCP Terraform per suite file, the requests sent to
// the service (each sent once and shared by the checks that judge it), and the check context. Suites as data
// and their vitest registration (suites/_harness/define.ts) and the judgement of a thrown error
// (suites/_harness/judge.ts) are shared with the API side.
import { inject } from 'vitest';
import { ApiClient, type Exchange } from '../../../src/client/index.ts';
import { requirementFor, type Requirement } from '../../../src/contract/catalogue.ts';
import { stageCallbackAnswers, stageVcsReadings, type Stage, type VerificationReading } from '../../../src/integration/payloads/index.ts';
import { startStandIn, type StandIn } from '../../../src/integration/stand-in/index.ts';
import type { CheckMeta, TaskResultView } from '../../../src/runner/check-meta.ts';
import type { IntegrationSuiteConfig } from '../../../src/runner/integration/suite-config.ts';
import { suiteDefiner, type CheckDefinition, type SuiteBuilder, type SuiteRuntime } from '../../_harness/define.ts';
import { Outcomes } from '../../_harness/outcomes.ts';
import { classify } from '../../_harness/judge.ts';
import { probe, send, transcriptOf, type SendSpec, type ServiceExchange } from './exchange.ts';

const TRANSCRIPT_LIMIT = 12;

export class IntegrationContext extends Outcomes {
  /** The requests this check judged: their exchanges make its transcript. */
  readonly used = new Set<ServiceExchange>();
  /** What HCP Terraform would show for the request this check judged, for the report. */
  taskResult: TaskResultView | undefined;

  constructor(
    readonly suite: IntegrationSuite,
    readonly requirement: Requirement,
  ) {
    super();
  }

  get config(): IntegrationSuiteConfig {
    return this.suite.config;
  }

  /** The HMAC key; not applicable when the run has none (the service's signature checks need it). */
  hmacKey(): string {
    return this.config.hmacKey ?? this.notApplicable('needs --hmac-key (the key the service verifies signatures with)');
  }

  /** A request of this check, sent once per suite file by key. */
  async send(spec: SendSpec): Promise<ServiceExchange> {
    const ex = await this.suite.exchange(spec);
    this.used.add(ex);
    return ex;
  }

  /** The run of one stage (see IntegrationSuite.stageExchange). */
  async stage(stage: Stage): Promise<ServiceExchange> {
    const ex = await this.suite.stageExchange(stage);
    this.used.add(ex);
    return ex;
  }

  /** The verification request in one reading of its stage; both readings go out together. */
  async verification(reading: VerificationReading): Promise<ServiceExchange> {
    const readings: VerificationReading[] = ['test', 'post_plan'];
    const all = readings.map((r) => this.suite.exchange({ key: `verification[${r}]`, stage: { verification: r }, wait: 'quiet' }));
    const ex = await all[readings.indexOf(reading)]!;
    this.used.add(ex);
    return ex;
  }

  /** The service's HTTP status; inconclusive when it did not answer (a timeout is judged by integration.request.timely). */
  status(ex: ServiceExchange): number {
    if (ex.response) return ex.response.status;
    const error = ex.error!;
    return this.inconclusive(error.kind === 'timeout' ? `the service did not answer within ${this.config.requestTimeoutMs / 1000} s (see integration.request.timely)` : `the service could not be reached (${error.kind}): ${error.message}`);
  }

  /** Keeps what HCP Terraform would show for this request, for the report's rendering of the task result. */
  show(ex: ServiceExchange): void {
    const r = ex.result;
    const outcomes = r.outcomes.filter((o): o is Record<string, unknown> => o !== null && typeof o === 'object' && !Array.isArray(o));
    this.taskResult = { stage: r.stage, status: r.status, message: r.message, url: r.url, outcomes };
  }
}

export class IntegrationSuite implements SuiteRuntime<IntegrationContext> {
  readonly client: ApiClient;
  private standInPromise: Promise<StandIn> | undefined;
  private readonly exchanges = new Map<string, Promise<ServiceExchange>>();

  constructor(
    readonly name: string,
    readonly config: IntegrationSuiteConfig,
  ) {
    // No 429 retries: what the service answers is what is judged.
    this.client = new ApiClient({ baseUrl: config.url, timeoutMs: config.requestTimeoutMs, max429Retries: 0, secrets: config.hmacKey ? [config.hmacKey] : [] });
  }

  standIn(): Promise<StandIn> {
    const { host, port, publicUrl, tls } = this.config.standIn;
    this.standInPromise ??= startStandIn({ host, port, publicUrl, tls });
    return this.standInPromise;
  }

  private readonly stageExchanges = new Map<Stage, Promise<ServiceExchange>>();
  /** Whether the service answered the last probe (undefined: none yet). */
  private lastProbe: Promise<boolean | undefined> = Promise.resolve(undefined);

  /**
   * One stage's request, sent after the stages asked for before it (in order, one at a time), with a probe
   * of the service before and after it: a service that a request takes down is caught at that request.
   * The stand-in answers the stages' callbacks in both forms (with and without a body) across the four, and
   * the four carry VCS in its three readings (present, members null, members left out).
   */
  stageExchange(stage: Stage): Promise<ServiceExchange> {
    let ex = this.stageExchanges.get(stage);
    if (!ex) {
      ex = this.lastProbe.then(async (before) => {
        const aliveBefore = before ?? (await probe(this.client, this.config.url));
        const { seed } = this.config;
        const sent = await this.exchange({ key: `stages[${stage}]`, stage, wait: 'final', answer: stageCallbackAnswers(seed)[stage], vcs: stageVcsReadings(seed)[stage] });
        return { ...sent, aliveBefore, aliveAfter: await probe(this.client, this.config.url) };
      });
      this.lastProbe = ex.then((e) => e.aliveAfter, () => undefined);
      this.stageExchanges.set(stage, ex);
    }
    return ex;
  }

  exchange(spec: SendSpec): Promise<ServiceExchange> {
    let ex = this.exchanges.get(spec.key);
    if (!ex) {
      ex = this.standIn().then((standIn) => send(spec, standIn, this.client, this.config));
      this.exchanges.set(spec.key, ex);
    }
    return ex;
  }

  async runCheck(check: CheckDefinition<IntegrationContext>): Promise<CheckMeta> {
    const requirement = requirementFor(check.id);
    const t = new IntegrationContext(this, requirement);
    const before = this.client.stats();
    let meta: CheckMeta;
    try {
      await check.body(t);
      meta = { id: check.id, outcome: 'pass', message: '' };
    } catch (err) {
      meta = { id: check.id, ...classify(err, requirement, this.config.strict) };
    }
    // A message may quote what the service echoed: the same redaction as transcripts (tokens, the HMAC key).
    meta.message = this.client.redact(meta.message);
    if (meta.outcome !== 'pass') meta.transcript = this.transcript(t);
    if (t.taskResult) meta.taskResult = JSON.parse(this.client.redact(JSON.stringify(t.taskResult))) as TaskResultView;
    const after = this.client.stats();
    meta.stats = { requests: after.requests - before.requests, retries429: 0, waitedMs: after.waitedMs - before.waitedMs };
    return meta;
  }

  private transcript(t: IntegrationContext): Exchange[] {
    return [...t.used].flatMap((ex) => transcriptOf(ex, this.client)).slice(0, TRANSCRIPT_LIMIT);
  }

  async teardown(): Promise<void> {
    await Promise.allSettled([...this.exchanges.values()]);
    if (this.standInPromise) await (await this.standInPromise).close();
  }
}

/** Long enough for the slowest request a check may wait on: the answer, every callback deadline, the settling. */
function checkTimeout(): number | undefined {
  const c = inject('rtcIntegration');
  return c ? c.requestTimeoutMs * 2 + c.callbackTotalMs + c.settleMs + 30_000 : undefined;
}

/** The integration side's defineSuite: one runtime per suite file, bound to the run vitest provides (`rtcIntegration`). */
export const defineIntegrationSuite: (name: string) => SuiteBuilder<IntegrationContext> = suiteDefiner(
  (name) => new IntegrationSuite(name, inject('rtcIntegration')),
  checkTimeout,
);
