// Validates a report against schemas/report.schema.json and writes it with everything derived from it.
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { addFormats } from '../contract/validate.ts';
import { renderHtml } from './html.ts';
import { renderJunit } from './junit.ts';
import { renderMarkdown } from './markdown.ts';
import type { Report } from './model.ts';

const SCHEMA_URL = new URL('../../schemas/report.schema.json', import.meta.url);

let validator: Promise<ValidateFunction<Report>> | undefined;

/** Compiled once, on first use, so importing a renderer costs nothing. */
function reportValidator(): Promise<ValidateFunction<Report>> {
  validator ??= readFile(SCHEMA_URL, 'utf8').then((text) => {
    const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
    addFormats(ajv);
    return ajv.compile<Report>(JSON.parse(text) as object);
  });
  return validator;
}

/** One readable line per violation, naming the JSON pointer of the offending value. */
export function describeError(error: ErrorObject): string {
  const at = error.instancePath || '';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${at}/${String(params.missingProperty)}: is required but missing`;
    case 'additionalProperties':
      return `${at}/${String(params.additionalProperty)}: is not an allowed property`;
    case 'enum':
      return `${at || '/'}: must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `${at || '/'}: must be ${JSON.stringify(params.allowedValue)}`;
    case 'false schema':
      return `${at || '/'}: is not allowed here`;
    default:
      return `${at || '/'}: ${error.message ?? error.keyword}`;
  }
}

/** The schema violations of a candidate report, empty when it is valid. */
export async function reportProblems(candidate: unknown): Promise<string[]> {
  const validate = await reportValidator();
  if (validate(candidate)) return [];
  // An `if` only says its `then` failed; the `then` branch's own error names the value.
  return [...new Set((validate.errors ?? []).filter((e) => e.keyword !== 'if').map(describeError))];
}

/** The candidate, typed, or an Error listing every violation (assertion signatures cannot be async). */
export async function assertValidReport(candidate: unknown): Promise<Report> {
  const problems = await reportProblems(candidate);
  if (problems.length > 0) {
    throw new Error(`report does not match schemas/report.schema.json:\n  ${problems.join('\n  ')}`);
  }
  return candidate as Report;
}

export interface WrittenReports {
  json: string;
  junit: string;
  markdown: string;
  html: string;
}

export async function writeReports(report: Report, dir: string): Promise<WrittenReports> {
  await assertValidReport(report);
  const markdown = renderMarkdown(report);
  const paths: WrittenReports = {
    json: join(dir, 'report.json'),
    junit: join(dir, 'junit.xml'),
    markdown: join(dir, 'summary.md'),
    html: join(dir, 'report.html'),
  };
  await mkdir(dir, { recursive: true });
  await Promise.all([
    writeFile(paths.json, `${JSON.stringify(report, null, 2)}\n`),
    writeFile(paths.junit, renderJunit(report)),
    writeFile(paths.markdown, markdown),
    writeFile(paths.html, renderHtml(report)),
  ]);
  // GitHub Actions shows whatever is appended to this file on the run's summary page.
  const stepSummary = process.env.GITHUB_STEP_SUMMARY;
  if (stepSummary) await appendFile(stepSummary, `${markdown}\n`);
  return paths;
}
