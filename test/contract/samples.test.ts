// Every sample payload and response of the page validates, or fails exactly as the errata table says.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERRATA } from '../../src/contract/errata.ts';
import { validate, type SchemaName } from '../../src/contract/validate.ts';

const PAGE = readFileSync(new URL('../../reference/run-tasks-api.txt', import.meta.url), 'utf8');
const SECTIONS = [
  'Create a Run Task',
  'List Run Tasks',
  'Show a Run Task',
  'Update a Run Task',
  'Associate a Run Task to a Workspace',
  'List Workspace Run Tasks',
  'Show Workspace Run Task',
  'Update Workspace Run Task',
];
const LABELS = ['Sample Payload', 'Sample Response', 'Deprecated Payload'];

interface Sample {
  section: string;
  label: string;
  text: string;
}

/** Cuts the page into its JSON samples: from a label line to the line where the braces balance. */
function extractSamples(page: string): Sample[] {
  const lines = page.split('\n');
  const samples: Sample[] = [];
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (SECTIONS.includes(line)) section = line;
    if (!LABELS.includes(line) || lines[i + 1]?.trim() !== '{') continue;
    let depth = 0;
    const body: string[] = [];
    for (let j = i + 1; j < lines.length; j++) {
      const text = lines[j]!;
      body.push(text);
      depth += (text.match(/[{[]/g) ?? []).length - (text.match(/[}\]]/g) ?? []).length;
      if (depth === 0) break;
    }
    samples.push({ section, label: line, text: body.join('\n') });
  }
  return samples;
}

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
