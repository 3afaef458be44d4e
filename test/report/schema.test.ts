import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assertValidReport, reportProblems } from '../../src/report/write.ts';
import { makeReport } from './fixture.ts';

const schema = JSON.parse(readFileSync(new URL('../../schemas/report.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;

/** Conditions restate properties documented where they are defined (`then: { reproduction: false }`). */
const CONDITIONS = new Set(['if', 'then', 'else', 'not']);

/** Every property schema, wherever it is nested, with its path (the schema is also the format's documentation). */
function propertySchemas(node: unknown, path: string): [string, Record<string, unknown>][] {
  if (typeof node !== 'object' || node === null) return [];
  const found: [string, Record<string, unknown>][] = [];
  for (const [key, value] of Object.entries(node)) {
    if (CONDITIONS.has(key)) continue;
    if (key === 'properties' && typeof value === 'object' && value !== null) {
      for (const [name, sub] of Object.entries(value)) found.push([`${path}/${name}`, sub as Record<string, unknown>]);
    }
    found.push(...propertySchemas(value, `${path}/${key}`));
  }
  return found;
}

describe('report.schema.json', () => {
  it('documents every property with a title and a description', () => {
    const properties = propertySchemas(schema, '');
    expect(properties.length).toBeGreaterThan(50);
    // A property that is only a $ref is documented by the definition it points to.
    const resolve = (s: Record<string, unknown>) =>
      typeof s.$ref === 'string' ? ((schema.$defs as Record<string, Record<string, unknown>>)[s.$ref.replace('#/$defs/', '')] ?? {}) : s;
    const undocumented = properties
      .map(([p, s]) => [p, resolve(s)] as const)
      .filter(([, s]) => typeof s.title !== 'string' || typeof s.description !== 'string');
    expect(undocumented.map(([p]) => p)).toEqual([]);
  });

  it('accepts the fixture', async () => {
    expect(await reportProblems(makeReport())).toEqual([]);
    await expect(assertValidReport(makeReport())).resolves.toBeTruthy();
  });

  it('accepts a report without the optional blocks', async () => {
    const { baseline: _b, leftovers: _l, ...bare } = makeReport();
    expect(await reportProblems(bare)).toEqual([]);
  });

  it('refuses a report without a summary, naming the path', async () => {
    const { summary: _, ...report } = makeReport();
    await expect(assertValidReport(report)).rejects.toThrow(/\/summary: is required/);
  });

  it('refuses an unknown outcome, naming the path and the allowed values', async () => {
    const report = makeReport();
    (report.checks[1] as { outcome: string }).outcome = 'failed';
    const problems = await reportProblems(report);
    expect(problems).toEqual([expect.stringMatching(/^\/checks\/1\/outcome: must be one of "pass", "fail"/)]);
  });

  it('refuses a reproduction on an integration-side check: the curl command is for API-side checks', async () => {
    const report = makeReport();
    const failure = report.checks[1]!;
    expect(await reportProblems({ ...report, checks: [{ ...failure, side: 'api', reproduction: 'curl x' }] })).toEqual([]);
    expect(await reportProblems({ ...report, checks: [{ ...failure, side: 'integration', reproduction: 'curl x' }] })).toEqual(['/checks/0/reproduction: is not allowed here']);
    expect(await reportProblems({ ...report, checks: [{ ...failure, side: 'integration', reproduction: undefined }] })).toEqual([]);
  });

  it('refuses extra properties at any depth', async () => {
    const report = { ...makeReport(), token: 'secret' };
    const exchange = report.checks[1]?.transcript?.[0];
    Object.assign(exchange ?? {}, { cookie: 'x' });
    const problems = await reportProblems(report);
    expect(problems).toContain('/token: is not an allowed property');
    expect(problems).toContain('/checks/1/transcript/0/cookie: is not an allowed property');
  });

  it('checks formats and the check id shape', async () => {
    const report = makeReport({ startedAt: 'yesterday' });
    (report.checks[0] as { id: string }).id = 'two words';
    const problems = await reportProblems(report);
    expect(problems).toContain('/startedAt: must match format "date-time"');
    expect(problems.some((p) => p.startsWith('/checks/0/id: must match pattern'))).toBe(true);
  });
});
