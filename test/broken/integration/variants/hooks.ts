// Small hook builders for variants of the reference service, so each variant is one line of intent.
import type { CallbackStep, Decision, IncomingRun, Payload, ReferenceHooks } from '../../../../src/integration/reference-service/index.ts';

/** A run-task request of a stage, not the verification request. */
export const isStageRun = (payload: Payload | undefined): payload is Payload => payload !== undefined && payload.access_token !== 'test-token';
export const isVerification = (payload: Payload | undefined): boolean => payload?.access_token === 'test-token';
const FINAL = new Set(['passed', 'failed']);

/** Changes how requests are answered. */
export const decide = (change: (faithful: Decision, payload: Payload | undefined, request: IncomingRun) => Decision): ReferenceHooks => ({
  decide: (request, faithful, payload) => change(faithful, payload, request),
});

/** Changes the list of callbacks. */
export const callbacks = (change: (steps: CallbackStep[], payload: Payload) => CallbackStep[]): ReferenceHooks => ({ callbacks: change });

type Data = { type: string; attributes: Record<string, unknown>; relationships?: { outcomes?: { data: Record<string, any>[] } } };

const statusOf = (s: CallbackStep) => (JSON.parse(s.body) as { data: Data }).data.attributes.status as string;

/** Edits the JSON:API `data` of the final callback (in place). */
export const finalData = (edit: (data: Data) => void): ReferenceHooks =>
  callbacks((steps) =>
    steps.map((s) => {
      if (!FINAL.has(statusOf(s))) return s;
      const doc = JSON.parse(s.body) as { data: Data };
      edit(doc.data);
      return { ...s, body: JSON.stringify(doc) };
    }),
  );

/** Edits every callback step (method, URL, headers). */
export const eachStep = (edit: (step: CallbackStep, payload: Payload) => CallbackStep): ReferenceHooks => callbacks((steps, payload) => steps.map((s) => edit(s, payload)));

/** An outcome as the docs' example has it. */
export const outcome = (attributes: Record<string, unknown> = {}): Record<string, any> => ({
  type: 'task-result-outcomes',
  attributes: { 'outcome-id': 'PRTNR-CC-TF-127', description: 'ST-2942: S3 Bucket will not enforce MFA login on delete requests', tags: { Status: [{ label: 'Denied', level: 'error' }] }, ...attributes },
});

/** The final callback carries these outcomes. */
export const withOutcomes = (...outcomes: Record<string, any>[]): ReferenceHooks => finalData((d) => void (d.relationships = { outcomes: { data: outcomes } }));

/** The last step again, with another status, right after it. */
export const thenAlso = (status: string): ReferenceHooks =>
  callbacks((steps) => {
    const last = steps.at(-1)!;
    const doc = JSON.parse(last.body) as { data: Data };
    doc.data.attributes.status = status;
    return [...steps, { ...last, body: JSON.stringify(doc) }];
  });
