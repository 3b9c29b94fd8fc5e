// Our subset SDL per API shape, and routing of the `Healthie-GraphQL-API-Version` header to a shape.
//
// Healthie has a dozen release dates but, on the roster path, only two shapes matter: the baseline
// (2024-06-01: lists + offsets, String datetimes) and the connection shape that 2026-01-01 documents.
// A known release date picks the shape of the nearest of those two that is not newer than it:
// dates before 2026-01-01 get the baseline shape, 2026-01-01 and later the 2026 shape.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema } from 'graphql';

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

/**
 * Builds one executable schema per shape. `resolverMaps[shape]` is `{TypeName: {field: fn}}`;
 * resolvers are attached to the built schema (graphql-js allows setting `resolve` on fields).
 */
export function buildSchemas(resolverMaps) {
  const schemas = {};
  for (const [shape, file] of Object.entries(SCHEMA_FILES)) {
    const schema = buildSchema(fs.readFileSync(file, 'utf8'));
    for (const [typeName, fields] of Object.entries(resolverMaps[shape] ?? {})) {
      const type = schema.getType(typeName);
      if (!type) throw new Error(`resolver map names unknown type ${typeName} for shape ${shape}`);
      const defs = type.getFields();
      for (const [fieldName, fn] of Object.entries(fields)) {
        if (!defs[fieldName]) throw new Error(`resolver map names unknown field ${typeName}.${fieldName} (${shape})`);
        defs[fieldName].resolve = fn;
      }
    }
    schemas[shape] = schema;
  }
  return schemas;
}
