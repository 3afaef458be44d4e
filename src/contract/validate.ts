// ajv validators compiled once from schemas/ (both sides: schemas/api/, schemas/integration/, and the report's
// own schema). A schema is named by its file name without `.schema.json`; names are unique across folders.
// A violation says where (JSON pointer), what was expected, what came.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';

export const SCHEMA_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));

export type SchemaName =
  | 'task-document'
  | 'task-list-document'
  | 'task-create-request'
  | 'task-update-request'
  | 'workspace-task-document'
  | 'workspace-task-list-document'
  | 'workspace-task-create-request'
  | 'workspace-task-update-request'
  | 'error-document'
  | 'run-task-request'
  | 'task-result-callback'
  | 'task-result-document'
  | 'report';

export interface Violation {
  pointer: string;
  expected: string;
  actual: string;
}

// ajv-formats is CommonJS whose types declare an ES default export; under NodeNext accept either shape.
type FormatsPlugin = (ajv: Ajv2020) => Ajv2020;
export const addFormats: FormatsPlugin =
  (formatsModule as unknown as { default?: FormatsPlugin }).default ?? (formatsModule as unknown as FormatsPlugin);

/** Every `*.schema.json` under schemas/, relative to it (`api/task.schema.json`, `report.schema.json`). */
export function schemaFiles(dir = SCHEMA_DIR): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.schema.json')).map((f) => f.split('\\').join('/')).sort();
}

/** ajv and the $id of each schema by name. */
function createAjv(): { ajv: Ajv2020; ids: Map<string, string> } {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const ids = new Map<string, string>();
  for (const file of schemaFiles()) {
    const schema = JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as { $id: string };
    ajv.addSchema(schema);
    ids.set(basename(file, '.schema.json'), schema.$id);
  }
  return { ajv, ids };
}

let loaded: ReturnType<typeof createAjv> | undefined;
const compiled = new Map<SchemaName, ValidateFunction>();

function validatorFor(name: SchemaName): ValidateFunction {
  let fn = compiled.get(name);
  if (!fn) {
    loaded ??= createAjv();
    const id = loaded.ids.get(name);
    fn = id === undefined ? undefined : loaded.ajv.getSchema(id);
    if (!fn) throw new Error(`no schema ${name}.schema.json under ${SCHEMA_DIR}`);
    compiled.set(name, fn);
  }
  return fn;
}

function valueAt(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), root);
}

function describeExpected(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `member "${String(p.missingProperty)}"`;
    case 'const':
      return JSON.stringify(p.allowedValue);
    case 'enum':
      return `one of ${JSON.stringify(p.allowedValues)}`;
    case 'type':
      return `type ${String(p.type)}`;
    case 'additionalProperties':
      return `no member "${String(p.additionalProperty)}"`;
    default:
      return e.message ?? e.keyword;
  }
}

function preview(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Validates `value` against a schema; returns the violations (empty when valid). Pure apart from the compile cache. */
export function validate(name: SchemaName, value: unknown): Violation[] {
  const fn = validatorFor(name);
  if (fn(value)) return [];
  const errors = (fn.errors ?? []).filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'if');
  const seen = new Set<string>();
  return errors
    .map((e) => {
      const pointer = e.keyword === 'required' ? `${e.instancePath}/${String((e.params as { missingProperty: string }).missingProperty)}` : e.instancePath;
      const actual = e.keyword === 'required' ? 'nothing' : preview(valueAt(value, e.instancePath));
      return { pointer: pointer || '/', expected: describeExpected(e), actual };
    })
    .filter((v) => {
      const key = `${v.pointer}|${v.expected}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
}

export function formatViolations(violations: Violation[], max = 5): string {
  const shown = violations.slice(0, max).map((v) => `${v.pointer}: expected ${v.expected}, got ${v.actual}`);
  if (violations.length > max) shown.push(`and ${violations.length - max} more`);
  return shown.join('; ');
}
