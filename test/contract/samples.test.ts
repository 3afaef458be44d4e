// Every sample payload and response of the page validates, or fails exactly as the errata table says.
import { describe, expect, it } from 'vitest';
import { ERRATA } from '../../src/contract/errata.ts';
import { validate, type SchemaName } from '../../src/contract/validate.ts';
import { extractSamples, PAGE } from './page.ts';

/** Erratum E4: remove trailing commas before a closing brace or bracket. */
const repairTrailingCommas = (text: string) => text.replace(/,(\s*[}\]])/g, '$1');

type Expectation = { schema: SchemaName; violations: Record<string, string>; trailingComma?: true };
const E = (schema: SchemaName, violations: Record<string, string> = {}, trailingComma?: true): Expectation => ({ schema, violations, ...(trailingComma ? { trailingComma } : {}) });

// pointer of each expected violation -> the erratum that explains it
const EXPECTED: Record<string, Expectation> = {
  'Create a Run Task / Sample Payload': E('task-create-request', { '/data/attributes': 'E2', '/data/attributes/enabled': 'E3' }),
  'Create a Run Task / Sample Response': E('task-document', { '/data/attributes/enabled': 'E3' }),
  'List Run Tasks / Sample Response': E('task-list-document', { '/data/0/attributes/enabled': 'E3' }),
  'Show a Run Task / Sample Response': E('task-document', { '/data/attributes/enabled': 'E3' }, true),
  'Update a Run Task / Sample Payload': E('task-update-request', { '/data/attributes': 'E2', '/data/attributes/enabled': 'E3' }),
  'Update a Run Task / Sample Response': E('task-document', { '/data/attributes/enabled': 'E3' }),
  'Associate a Run Task to a Workspace / Sample Payload': E('workspace-task-create-request'),
  'Associate a Run Task to a Workspace / Sample Response': E('workspace-task-document'),
  'List Workspace Run Tasks / Sample Response': E('workspace-task-list-document'),
  'Show Workspace Run Task / Sample Response': E('workspace-task-document'),
  'Update Workspace Run Task / Sample Payload': E('workspace-task-update-request'),
  'Update Workspace Run Task / Deprecated Payload': E('workspace-task-update-request'),
  'Update Workspace Run Task / Sample Response': E('workspace-task-document'),
};

const samples = extractSamples(PAGE);
const errataIds = new Set(ERRATA.map((e) => e.id));

describe('samples of the Run Tasks API page', () => {
  it('finds every sample the expectation table lists, and no other', () => {
    expect(samples.map((s) => `${s.section} / ${s.label}`).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(samples.map((s) => [`${s.section} / ${s.label}`, s] as const))('%s', (key, sample) => {
    const expectation = EXPECTED[key]!;
    let parsed: unknown;
    try {
      parsed = JSON.parse(sample.text);
      expect(expectation.trailingComma, 'parses although E4 expects a trailing comma').toBeUndefined();
    } catch {
      expect(expectation.trailingComma, `${key} is not JSON`).toBe(true);
      parsed = JSON.parse(repairTrailingCommas(sample.text));
    }
    const failed = [...new Set(validate(expectation.schema, parsed).map((v) => v.pointer))].sort();
    expect(failed).toEqual(Object.keys(expectation.violations).sort());
    for (const erratum of Object.values(expectation.violations)) expect(errataIds).toContain(erratum);
  });
});
