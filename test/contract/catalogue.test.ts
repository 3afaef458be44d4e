// The catalogue and the suites agree: every requirement has a check, every check names a requirement
// (an unknown id fails when its suite loads), ids are unique, and the suite files are the known suites.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SUITE_NAMES } from '../../src/config/config.ts';
import { INTEGRATION_SUITE_NAMES } from '../../src/config/integration.ts';
import { appliedLevel, REQUIREMENTS, requirementIdOf, type EvidenceGrade, type Level } from '../../src/contract/catalogue.ts';
import { loadSuiteDefinitions } from '../broken/api/direct.ts';
import { loadIntegrationSuites } from '../broken/integration/direct.ts';

/** Every check id of both sides' suites. */
async function allChecks(): Promise<string[]> {
  const suites = [...(await loadSuiteDefinitions()).values(), ...(await loadIntegrationSuites()).values()];
  return suites.flatMap((s) => s.checks.map((c) => c.id));
}

describe('requirement catalogue', () => {
  it('has unique ids with a quoted statement and a source each', () => {
    const ids = REQUIREMENTS.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(REQUIREMENTS.filter((r) => !r.statement.trim() || !r.source.trim()).map((r) => r.id)).toEqual([]);
  });

  it('grades every entry by its evidence, with at least one source and a note', () => {
    const ungraded = REQUIREMENTS.filter((r) => !['observed', 'documented', 'open'].includes(r.evidence.grade) || r.evidence.sources.length === 0 || !r.evidence.sources.every((s) => s.trim()) || !r.evidence.note?.trim());
    expect(ungraded.map((r) => r.id)).toEqual([]);
  });

  it('has at least one check for every entry', async () => {
    const checks = await allChecks();
    const covered = new Set(checks.map(requirementIdOf));
    expect(REQUIREMENTS.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it('has unique check ids', async () => {
    const checks = await allChecks();
    expect(checks.filter((id, i) => checks.indexOf(id) !== i)).toEqual([]);
  });

  it.each([
    ['api', SUITE_NAMES],
    ['integration', INTEGRATION_SUITE_NAMES],
  ] as const)('knows every suite file of the %s side, and every known suite has a file', (side, names) => {
    const files = readdirSync(new URL(`../../suites/${side}/`, import.meta.url)).filter((f) => f.endsWith('.test.ts')).map((f) => f.replace(/\.test\.ts$/, ''));
    expect(files.sort()).toEqual([...names].sort());
  });

  it('gives every entry the side its id says (integration.* on the integration side)', () => {
    expect(REQUIREMENTS.filter((r) => r.id.startsWith('integration.') !== (r.side === 'integration')).map((r) => r.id)).toEqual([]);
  });
});

describe('appliedLevel', () => {
  const req = (level: Level, grade: EvidenceGrade) => ({ level, evidence: { grade, sources: ['api-facts §2'] } });
  it.each([
    ['MUST', 'observed', false, 'MUST', /^observed: api-facts §2$/],
    ['MUST', 'observed', true, 'MUST', /^observed/],
    ['MUST', 'documented', false, 'SHOULD', /warns unless --strict/],
    ['MUST', 'documented', true, 'MUST', /MUST under --strict/],
    ['MUST', 'open', false, 'SHOULD', /^open/],
    ['MUST', 'open', true, 'SHOULD', /^open/],
    ['SHOULD', 'observed', true, 'SHOULD', /^SHOULD/],
    ['SHOULD', 'documented', true, 'SHOULD', /^SHOULD/],
  ] as const)('%s + %s (strict %s) -> %s', (level, grade, strict, applied, reason) => {
    const result = appliedLevel(req(level, grade), strict);
    expect(result.level).toBe(applied);
    expect(result.reason).toMatch(reason);
  });
});
