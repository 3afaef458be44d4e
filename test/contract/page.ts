// The Run Tasks API page (reference/run-tasks-api.txt) cut into what its sections show: JSON samples,
// sample requests (curl) and the success status of each endpoint's status table.
import { readFileSync } from 'node:fs';

export const PAGE = readFileSync(new URL('../../reference/run-tasks-api.txt', import.meta.url), 'utf8');

export const SECTIONS = [
  'Create a Run Task',
  'List Run Tasks',
  'Show a Run Task',
  'Update a Run Task',
  'Delete a Run Task',
  'Associate a Run Task to a Workspace',
  'List Workspace Run Tasks',
  'Show Workspace Run Task',
  'Update Workspace Run Task',
  'Delete Workspace Run Task',
];
const LABELS = ['Sample Payload', 'Sample Response', 'Deprecated Payload'];

export interface Sample {
  section: string;
  label: string;
  text: string;
}

/** The page's lines, each with the section it is in. */
function sectioned(page: string): { section: string; line: string; index: number; lines: string[] }[] {
  const lines = page.split('\n');
  let section = '';
  return lines.map((raw, index) => {
    const line = raw.trim();
    if (SECTIONS.includes(line)) section = line;
    return { section, line, index, lines };
  });
}

/** Cuts the page into its JSON samples: from a label line to the line where the braces balance. */
export function extractSamples(page: string = PAGE): Sample[] {
  const samples: Sample[] = [];
  for (const { section, line, index, lines } of sectioned(page)) {
    if (!LABELS.includes(line) || lines[index + 1]?.trim() !== '{') continue;
    let depth = 0;
    const body: string[] = [];
    for (let j = index + 1; j < lines.length; j++) {
      const text = lines[j]!;
      body.push(text);
      depth += (text.match(/[{[]/g) ?? []).length - (text.match(/[}\]]/g) ?? []).length;
      if (depth === 0) break;
    }
    samples.push({ section, label: line, text: body.join('\n') });
  }
  return samples;
}

export interface SampleRequest {
  section: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  /** The request sends the section's payload (`--data @payload.json`). */
  sendsPayload: boolean;
}

/** Each "Sample Request" curl command: method, URL, headers, whether it sends the payload. */
export function extractRequests(page: string = PAGE): SampleRequest[] {
  const requests: SampleRequest[] = [];
  for (const { section, line, index, lines } of sectioned(page)) {
    if (line !== 'Sample Request') continue;
    const command: string[] = [];
    for (let j = index + 1; j < lines.length; j++) {
      const text = lines[j]!.trim();
      command.push(text.replace(/\\$/, '').trim());
      if (!text.endsWith('\\')) break;
    }
    const words = command.join(' ').match(/"[^"]*"|\S+/g) ?? [];
    const unquote = (w: string) => w.replace(/^"|"$/g, '');
    const headers: Record<string, string> = {};
    let method: string | undefined;
    let sendsPayload = false;
    let url = '';
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      if (word === '--header' || word === '-H') {
        const [name, ...value] = unquote(words[++i] ?? '').split(':');
        headers[name!.trim().toLowerCase()] = value.join(':').trim();
      } else if (word === '--request' || word === '-X') method = words[++i];
      else if (word === '--data' || word === '-d') sendsPayload = (words[++i] ?? '').startsWith('@');
      else if (/^https?:\/\//.test(word)) url = word;
    }
    requests.push({ section, method: method ?? (sendsPayload ? 'POST' : 'GET'), url, headers, sendsPayload });
  }
  return requests;
}

/** The first (success) row of each section's status table: 201 for "Create a Run Task", … */
export function successStatuses(page: string = PAGE): Record<string, number> {
  const statuses: Record<string, number> = {};
  for (const { section, line, index, lines } of sectioned(page)) {
    if (!/^Status \| Response \| Reason/.test(line) || section in statuses) continue;
    const row = lines[index + 2]?.trim() ?? '';
    statuses[section] = Number(row.split('|')[0]);
  }
  return statuses;
}
