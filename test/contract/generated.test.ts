// Generated files must match their sources: the types (schemas/), the catalogue and errata pages.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogueMarkdown, DOCS, errataMarkdown, evidenceFigures } from '../../scripts/generate-docs.ts';
import { generatedPath, generateTypes } from '../../scripts/generate-types.ts';

describe('generated files are fresh (run `npm run generate` when this fails)', () => {
  it('src/types/contract.ts matches schemas/', async () => {
    expect(readFileSync(generatedPath, 'utf8')).toBe(await generateTypes());
  });
  it.each([
    ['docs/catalogue.md', DOCS.catalogue, catalogueMarkdown],
    ['docs/errata.md', DOCS.errata, errataMarkdown],
  ])('%s', (_, path, render) => {
    expect(readFileSync(path, 'utf8')).toBe(render());
  });
});

describe('the README tells the truth about the catalogue', () => {
  it.each(['api', 'integration'] as const)('states the %s side\'s coverage, catch rate, number of faithful variants and split by evidence grade', async (side) => {
    const { requirementsOf } = await import('../../src/contract/catalogue.ts');
    const variants = side === 'api' ? (await import('../broken/api/variants/index.ts')).ALL_VARIANTS : (await import('../broken/integration/variants/index.ts')).ALL_INTEGRATION_VARIANTS;
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const entries = requirementsOf(side).length;
    const broken = variants.filter((v) => v.caughtBy.length > 0).length;
    expect(readme).toContain(`${entries} of ${entries} entries have checks`);
    expect(readme).toContain(`catch rate ${broken}/${broken}`);
    expect(readme).toContain(`${variants.length - broken} faithful`);
    expect(readme).toContain(evidenceFigures(requirementsOf(side)));
  });
});
