// Generated files must match their sources: the types (schemas/), the catalogue and errata pages.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogueMarkdown, DOCS, errataMarkdown } from '../../scripts/generate-docs.ts';
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
