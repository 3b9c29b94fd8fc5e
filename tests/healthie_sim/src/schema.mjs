// Our subset SDL per API shape, and routing of the `Healthie-GraphQL-API-Version` header to a shape.
//
// Healthie has a dozen release dates but, on the roster path, only two shapes matter: the baseline
// (2024-06-01: lists + offsets, String datetimes) and the connection shape that 2026-01-01 documents.
// A known release date picks the shape of the nearest of those two that is not newer than it:
// dates before 2026-01-01 get the baseline shape, 2026-01-01 and later the 2026 shape.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildASTSchema, parse, visit } from 'graphql';

const schemaDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'schema');

export const SCHEMA_FILES = {
  baseline: path.join(schemaDir, 'baseline.graphql'),
  '2026-01-01': path.join(schemaDir, 'v2026-01-01.graphql'),
};

/** Release dates Healthie lists (api-facts §1), plus 2026-07-01 which was announced for July 2026. */
export const RELEASES = [
  '2024-06-01', '2024-07-01', '2024-10-01', '2024-10-20', '2024-11-01', '2025-01-01', '2025-04-01',
  '2025-05-15', '2025-07-31', '2025-10-15', '2025-11-30', '2026-01-01', '2026-07-01',
];
export const LATEST_VERSION = '2026-07-01';
export const SUNSET_DATE = '2027-01-31';
const SHAPE_2026_FROM = '2026-01-01';

/**
 * Maps the header value to `{shape, warnings}` or `{error}`. From 2026-07-01 Healthie attaches a
 * warning to requests without the header and to versions older than 2026-07-01; the simulator's clock
 * is past that date, so it always does.
 */
export function resolveVersion(header) {
  const requested = typeof header === 'string' ? header.trim() : '';
  if (requested === '') {
    return {
      shape: 'baseline',
      requested: null,
      warnings: [{
        code: 'MISSING_API_VERSION_HEADER',
        message: `No Healthie-GraphQL-API-Version header was sent; the 2024-06-01 baseline was used. Send the header; it will be required from ${SUNSET_DATE}.`,
        requested_version: null,
        sunset_date: SUNSET_DATE,
        latest_version: LATEST_VERSION,
      }],
    };
  }
  if (!RELEASES.includes(requested)) {
    return {
      error: {
        message: `Unsupported API version: ${requested}. Supported versions: ${RELEASES.join(', ')}`,
        extensions: { code: 'UNSUPPORTED_API_VERSION', requested_version: requested, latest_version: LATEST_VERSION },
      },
    };
  }
  const shape = requested >= SHAPE_2026_FROM ? '2026-01-01' : 'baseline';
  const warnings = requested < LATEST_VERSION
    ? [{
      code: 'API_VERSION_SUNSET_WARNING',
      message: `API version ${requested} is deprecated and will stop working on ${SUNSET_DATE}.`,
      requested_version: requested,
      sunset_date: SUNSET_DATE,
      latest_version: LATEST_VERSION,
    }]
    : [];
  return { shape, requested, warnings };
}

/** Attaches `{TypeName: {field: fn}}` resolvers to `schema`; `lenient` skips fields a breaking change removed. */
function attachResolvers(schema, map, label, lenient = false) {
  for (const [typeName, fields] of Object.entries(map ?? {})) {
    const type = schema.getType(typeName);
    if (!type) throw new Error(`resolver map names unknown type ${typeName} for shape ${label}`);
    const defs = type.getFields();
    for (const [fieldName, fn] of Object.entries(fields)) {
      if (!defs[fieldName]) {
        if (lenient) continue;
        throw new Error(`resolver map names unknown field ${typeName}.${fieldName} (${label})`);
      }
      defs[fieldName].resolve = fn;
    }
  }
  return schema;
}

/**
 * Builds one executable schema per shape. `resolverMaps[shape]` is `{TypeName: {field: fn}}`;
 * resolvers are attached to the built schema (graphql-js allows setting `resolve` on fields).
 */
export function buildSchemas(resolverMaps) {
  const schemas = {};
  for (const [shape, file] of Object.entries(SCHEMA_FILES)) {
    schemas[shape] = attachResolvers(buildASTSchema(parse(fs.readFileSync(file, 'utf8'))), resolverMaps[shape], shape);
  }
  return schemas;
}

/**
 * A breaking change, as a release might make one: `{remove: "Type.field"}`, `{remove: "Type.field(arg)"}`,
 * `{rename: "Type.field", to: "new_name"}` or `{rename: "Type.field(arg)", to: "new_name"}`; Type may be an
 * object or an input object. Returns the parsed target or throws naming what is wrong.
 */
export function parseBreakingRule(rule) {
  const spec = rule?.remove ?? rule?.rename;
  const m = typeof spec === 'string' ? /^(\w+)\.(\w+)(?:\((\w+)\))?$/.exec(spec) : null;
  if (!m) throw new Error('breaking: each rule is {"remove": "Type.field"} or {"rename": "Type.field(arg)", "to": "new"}');
  if (rule.rename !== undefined && !/^\w+$/.test(rule.to ?? '')) throw new Error(`breaking: rename ${spec} needs "to": a new name`);
  return { type: m[1], field: m[2], arg: m[3] ?? null, to: rule.rename !== undefined ? rule.to : null, spec };
}

function applyRule(ast, rule) {
  let hit = false;
  const edit = (node) => {
    hit = true;
    return rule.to ? { ...node, name: { ...node.name, value: rule.to } } : null;
  };
  const onType = (node) => {
    if (node.name.value !== rule.type) return undefined;
    const fields = [];
    for (const f of node.fields ?? []) {
      if (f.name.value !== rule.field) { fields.push(f); continue; }
      if (!rule.arg) { const e = edit(f); if (e) fields.push(e); continue; }
      const args = [];
      for (const a of f.arguments ?? []) {
        if (a.name.value !== rule.arg) { args.push(a); continue; }
        const e = edit(a);
        if (e) args.push(e);
      }
      fields.push({ ...f, arguments: args });
    }
    return { ...node, fields };
  };
  const out = visit(ast, { ObjectTypeDefinition: onType, InputObjectTypeDefinition: onType });
  if (!hit) throw new Error(`breaking: ${rule.spec} is not in the schema`);
  return out;
}

/** The schema of `shape` with `rules` (parseBreakingRule) applied, resolvers attached where fields remain. */
export function breakSchema(shape, rules, resolverMaps) {
  let ast = parse(fs.readFileSync(SCHEMA_FILES[shape], 'utf8'));
  for (const rule of rules) ast = applyRule(ast, rule);
  return attachResolvers(buildASTSchema(ast), resolverMaps[shape], shape, true);
}
