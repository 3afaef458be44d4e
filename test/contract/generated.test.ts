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
  it('states the current coverage, catch rate, number of faithful variants and the split by evidence grade', async () => {
    const { REQUIREMENTS } = await import('../../src/contract/catalogue.ts');
    const { ALL_VARIANTS } = await import('../broken/api/variants/index.ts');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const broken = ALL_VARIANTS.filter((v) => v.caughtBy.length > 0).length;
    expect(readme).toContain(`${REQUIREMENTS.length} of ${REQUIREMENTS.length} entries have checks`);
    expect(readme).toContain(`catch rate ${broken}/${broken}`);
    expect(readme).toContain(`${ALL_VARIANTS.length - broken} faithful`);
    expect(readme).toContain(evidenceFigures());
  });
});
