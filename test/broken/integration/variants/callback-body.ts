// Variants caught by the callback body's checks (one requirement each: type and status, message, url,
// outcomes, tags, where outcomes go), and faithful ones for the readings where sources disagree.
import { broken, faithful } from '../variant.ts';
import { finalData, outcome, withOutcomes } from './hooks.ts';

const withTags = (tags: unknown) => withOutcomes(outcome({ tags }));

export const CALLBACK_BODY_VARIANTS = [
  broken({
    name: 'status-completed',
    description: 'reports its final status as "completed", which HCP Terraform refuses (422)',
    suites: ['stages'],
    hooks: finalData((d) => void (d.attributes.status = 'completed')),
    caughtBy: ['integration.callback.body', 'integration.callback.final'],
  }),
  broken({
    name: 'type-task-result',
    description: 'sends data.type "task-result" (singular)',
    suites: ['stages'],
    hooks: finalData((d) => void (d.type = 'task-result')),
    caughtBy: ['integration.callback.body', 'integration.callback.final'],
  }),
  broken({
    name: 'message-over-1000',
    description: 'sends a message of 1001 characters (the schema allows 1000)',
    suites: ['stages'],
    hooks: finalData((d) => void (d.attributes.message = 'm'.repeat(1001))),
    caughtBy: ['integration.callback.message'],
    notCaughtBy: ['integration.callback.final', 'integration.callback.body'],
  }),
  broken({
    name: 'message-empty',
    description: 'sends an empty message (the schema wants at least one character)',
    suites: ['stages'],
    hooks: finalData((d) => void (d.attributes.message = '')),
    caughtBy: ['integration.callback.message'],
  }),
  broken({
    name: 'url-without-scheme',
    description: 'sends a url without http(s): "results.example.com/run-1"',
    suites: ['stages'],
    hooks: finalData((d) => void (d.attributes.url = 'results.example.com/run-1')),
    caughtBy: ['integration.callback.url'],
  }),
  broken({
    name: 'url-over-500',
    description: 'sends a url of 501 characters',
    suites: ['stages'],
    hooks: finalData((d) => void (d.attributes.url = `https://results.example.com/${'x'.repeat(501 - 28)}`)),
    caughtBy: ['integration.callback.url'],
  }),
  broken({
    name: 'outcome-wrong-type',
    description: 'sends outcomes of type "outcomes" instead of "task-result-outcomes"',
    suites: ['stages'],
    hooks: withOutcomes({ ...outcome(), type: 'outcomes' }),
    caughtBy: ['integration.callback.outcomes'],
    notCaughtBy: ['integration.callback.tags', 'integration.callback.body'],
  }),
  broken({
    name: 'outcome-id-over-64',
    description: 'sends an outcome-id of 65 characters',
    suites: ['stages'],
    hooks: withOutcomes(outcome({ 'outcome-id': 'X'.repeat(65) })),
    caughtBy: ['integration.callback.outcomes'],
  }),
  broken({
    name: 'outcome-without-description',
    description: 'sends an outcome without its description',
    suites: ['stages'],
    hooks: withOutcomes(outcome({ description: undefined })),
    caughtBy: ['integration.callback.outcomes'],
  }),
  broken({
    name: 'outcomes-over-250',
    description: 'sends 251 outcomes (the schema allows 250)',
    suites: ['stages'],
    hooks: withOutcomes(...Array.from({ length: 251 }, (_, i) => outcome({ 'outcome-id': `RTC-${i}` }))),
    caughtBy: ['integration.callback.outcomes'],
  }),
  broken({
    name: 'tag-level-danger',
    description: 'sends a tag with level "danger" (the levels are none, info, warning, error)',
    suites: ['stages'],
    hooks: withTags({ Severity: [{ label: 'High', level: 'danger' }] }),
    caughtBy: ['integration.callback.tags'],
    notCaughtBy: ['integration.callback.outcomes'],
  }),
  broken({
    name: 'tag-label-over-32',
    description: 'sends a tag label of 33 characters',
    suites: ['stages'],
    hooks: withTags({ Status: [{ label: 'L'.repeat(33) }] }),
    caughtBy: ['integration.callback.tags'],
  }),
  broken({
    name: 'tag-not-an-array',
    description: 'sends a tag heading whose value is one object, not an array of labels',
    suites: ['stages'],
    hooks: withTags({ Status: { label: 'Passed', level: 'info' } }),
    caughtBy: ['integration.callback.tags'],
  }),
  broken({
    name: 'outcomes-in-attributes',
    description: 'puts outcomes in data.attributes.outcomes, as the set-up page\'s short example does',
    suites: ['stages'],
    hooks: finalData((d) => {
      d.attributes.outcomes = [outcome()];
      delete d.relationships;
    }),
    caughtBy: ['integration.callback.outcomes-location'],
    notCaughtBy: ['integration.callback.body', 'integration.callback.final'],
  }),
  faithful({
    name: 'outcome_id-spelling',
    description: 'spells the outcome identifier outcome_id, as the JSON schema does (integration-facts §6.4)',
    suites: ['stages'],
    hooks: withOutcomes({ type: 'task-result-outcomes', attributes: { outcome_id: 'RTC-1', description: 'checked' } }),
  }),
  faithful({
    name: 'long-body-and-spaced-heading',
    description: 'sends a 20,000-character body and a "Cost Centre" heading (within the docs, past the schema: §6.3, §6.5)',
    suites: ['stages'],
    hooks: withOutcomes(outcome({ body: `# Findings\n\n${'x'.repeat(20_000)}`, tags: { 'Cost Centre': [{ label: 'IT-OPS' }], Status: [{ label: 'Passed', level: 'info' }] } })),
  }),
  faithful({
    name: 'fails-the-run',
    description: 'ends with status "failed" and a message only (a failing task is a valid result)',
    suites: ['stages'],
    hooks: finalData((d) => {
      d.attributes = { status: 'failed', message: '1 policy violation' };
      delete d.relationships;
    }),
  }),
];
