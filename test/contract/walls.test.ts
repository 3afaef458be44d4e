// The walls of docs/ARCHITECTURE.md's import table, for the folders that must not share the checker's
// judgement (the embedded implementations) or may share only the contract's signature rule: every import of
// every file in the folder is its own, a Node built-in, a package, or one of ours the table allows.
import { readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ROOT), 'utf8');
const PACKAGE_NAME = (JSON.parse(read('package.json')) as { name: string }).name;

interface Wall {
  /** The folder, as ARCHITECTURE.md's table names it. */
  folder: string;
  /** Its "may import" cell, word for word: the test follows the table, and fails when the two part. */
  mayImport: string;
  /** Files of ours outside the folder that the cell allows. */
  ours: string[];
  /** Whether third-party packages are allowed ("of ours" says nothing of them). */
  packages: boolean;
}

const WALLS: Wall[] = [
  { folder: 'src/api/emulator/', mayImport: "nothing of ours (it must not share the checker's judgement)", ours: [], packages: true },
  // Stricter than the table, as its own test always was: it has needed nothing beyond Node.
  { folder: 'src/integration/reference-service/', mayImport: "nothing of ours (it must not share the checker's judgement)", ours: [], packages: false },
  { folder: 'src/integration/stand-in/', mayImport: 'contract (signature)', ours: ['src/contract/signature.ts'], packages: true },
  { folder: 'src/api/receiver/', mayImport: 'contract (signature)', ours: ['src/contract/signature.ts'], packages: true },
];

/** Every module specifier a TypeScript source names: static, side-effect and dynamic imports, re-exports, require. */
function specifiers(source: string): string[] {
  const patterns = [
    /^\s*(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\s*\(\s*['"]([^'"]+)['"]/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]/g,
  ];
  return patterns.flatMap((p) => [...source.matchAll(p)].map((m) => m[1]!));
}

/** What `file` (a path from the repository root) imports across its wall, each as "file: specifier". */
function breaches(wall: Wall, file: string, source: string): string[] {
  const allowed = (spec: string): boolean => {
    if (spec.startsWith('.')) {
      const target = posix.normalize(posix.join(posix.dirname(file), spec));
      return target.startsWith(wall.folder) || wall.ours.includes(target);
    }
    if (spec.startsWith('node:') || isBuiltin(spec)) return true;
    // The project itself under its package name or a subpath import is ours, whatever the path says.
    if (spec === PACKAGE_NAME || spec.startsWith(`${PACKAGE_NAME}/`) || spec.startsWith('#') || spec.startsWith('/') || spec.startsWith('file:')) return false;
    return wall.packages;
  };
  return specifiers(source).filter((s) => !allowed(s)).map((s) => `${file}: ${s}`);
}

const filesOf = (folder: string) =>
  (readdirSync(new URL(folder, ROOT), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => posix.join(folder, f.split('\\').join('/')));

/** The "may import" cell of the table's row for `folder`. */
function tableCell(folder: string): string | undefined {
  const row = read('docs/ARCHITECTURE.md').split('\n').find((l) => l.startsWith(`| \`${folder}\` |`));
  return row?.split(' | ').at(-1)?.replace(/ \|$/, '');
}

describe.each(WALLS)('$folder', (wall) => {
  it('has the rule the import table gives it', () => {
    expect(tableCell(wall.folder)).toBe(wall.mayImport);
  });

  it(`imports nothing across its wall (may import: ${wall.mayImport})`, () => {
    const files = filesOf(wall.folder);
    expect(files.length).toBeGreaterThan(0);
    expect(files.flatMap((f) => breaches(wall, f, read(f)))).toEqual([]);
  });
});

describe('the wall check can fail', () => {
  const [emulator, reference, standIn] = WALLS as [Wall, Wall, Wall, Wall];
  const file = posix.join(emulator.folder, 'handlers/tasks.ts');

  it.each([
    ['the checker\'s validators', "import { validate } from '../../../contract/validate.ts';"],
    ['a type of the harness', "import type { CheckContext } from '../../../../suites/api/_harness/context.ts';"],
    ['a multi-line import', "import {\n  sendJson,\n  type Exchange,\n} from '../../../client/index.ts';"],
    ['a re-export', "export * from '../../receiver/index.ts';"],
    ['a side-effect import', 'import "../../../runner/journal.ts";'],
    ['a dynamic import', "const { judge } = await import('../../../../suites/_harness/judge.ts');"],
    ['the project by its package name', "import { startEmulator } from 'run-tasks-conformance/src/api/emulator/index.ts';"],
    ['the contract\'s signature, not allowed here', "export { computeSignature } from '../../../contract/signature.ts';"],
  ])('sees %s', (_, source) => {
    expect(breaches(emulator, file, source)).toHaveLength(1);
  });

  it('lets its own files (any depth), Node built-ins and packages through', () => {
    const source = "import { store } from '../store.ts';\nimport { route } from './admin.ts';\nimport { createHash } from 'node:crypto';\nimport { EventEmitter } from 'events';\nimport { fetch } from 'undici';";
    expect(breaches(emulator, file, source)).toEqual([]);
  });

  it('holds the reference service to Node built-ins, and lets the stand-in have the signature rule alone', () => {
    expect(breaches(reference, posix.join(reference.folder, 'server.ts'), "import { fetch } from 'undici';")).toHaveLength(1);
    const tls = posix.join(standIn.folder, 'tls.ts');
    expect(breaches(standIn, tls, "import { verifySignature } from '../../contract/signature.ts';")).toEqual([]);
    expect(breaches(standIn, tls, "import { validate } from '../../contract/validate.ts';")).toHaveLength(1);
  });

  it('reads a row\'s "may import" cell, and nothing for a folder the table lacks', () => {
    expect(tableCell('src/client/')).toBe('nothing of ours');
    expect(tableCell('src/report/')).toBe('contract');
    expect(tableCell('src/no/such/folder/')).toBeUndefined();
  });
});
