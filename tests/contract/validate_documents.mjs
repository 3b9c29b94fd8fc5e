#!/usr/bin/env node
// Contract test: every GraphQL document the Healthie provider can send is
// validated with graphql-js against Healthie's real SDL for its API version
// (../shared/healthie/schema/, never copied into the repo), and measured
// against Healthie's limits (complexity 2000, depth 25) with the simulator's
// cost model and the largest variables the provider uses; a mutation's
// input fields against its input type.
//
//   node tests/contract/validate_documents.mjs PROBE SCHEMA_DIR
// Exit 0: all valid; 1: a problem (each printed); 125: SCHEMA_DIR is absent.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const simDir = path.join(here, '..', 'healthie_sim');
const require = createRequire(path.join(simDir, 'package.json'));
const { buildSchema, parse, validate, coerceInputValue, getVariableValues } = require('graphql');
const { measure } = await import(path.join(simDir, 'src', 'limits.mjs'));

const [probe, schemaDir] = process.argv.slice(2);
const files = {
  baseline: 'healthie-schema-full-baseline.graphql',
  connections: 'healthie-schema-full-2026-01-01.graphql',
};
if (!schemaDir || !fs.existsSync(schemaDir)) {
  console.log(`SKIP: Healthie's SDL folder is absent (${schemaDir}); the contract test needs ../shared/healthie/schema/`);
  process.exit(125);
}

// Every field a mutation may send in $input exists in its input type, and the type requires none
// that rosterform does not send (what `rosterform doctor` checks by introspection at run time).
function checkInputFields(schema, where, doc) {
  const type = schema.getType(doc.input_type);
  if (!type?.getFields) {
    console.log(`FAIL ${where}: no input type ${doc.input_type}`);
    return 1;
  }
  const fields = type.getFields();
  let found = 0;
  for (const name of doc.input_fields) {
    if (!fields[name]) { console.log(`FAIL ${where}: ${doc.input_type} has no field ${name}`); found += 1; }
  }
  for (const f of Object.values(fields)) {
    if (f.type.toString().endsWith('!') && f.defaultValue === undefined && !doc.input_fields.includes(f.name)) {
      console.log(`FAIL ${where}: ${doc.input_type} requires ${f.name}, which rosterform does not send`);
      found += 1;
    }
  }
  if (!found) console.log(`ok   ${where}: ${doc.input_fields.length} input fields of ${doc.input_type}`);
  return found;
}

let problems = 0;
let checked = 0;
for (const [shape, file] of Object.entries(files)) {
  const schema = buildSchema(fs.readFileSync(path.join(schemaDir, file), 'utf8'));
  const lines = execFileSync(probe, ['--print-documents', shape], { encoding: 'utf8' }).trim().split('\n');
  for (const line of lines) {
    const doc = JSON.parse(line);
    const ast = parse(doc.text);
    const errors = validate(schema, ast);
    const where = `${shape} ${doc.name}`;
    for (const e of errors) {
      console.log(`FAIL ${where}: ${e.message}`);
      problems += 1;
    }
    if (errors.length === 0) {
      const op = ast.definitions[0];
      const coerced = getVariableValues(schema, op.variableDefinitions ?? [], doc.variables);
      const cost = measure(schema, op, {}, coerced.coerced ?? {}, { maxPageSize: 100 });
      if (cost.complexity > 2000 || cost.depth > 25) {
        console.log(`FAIL ${where}: complexity ${cost.complexity}, depth ${cost.depth} (limits 2000, 25)`);
        problems += 1;
      } else {
        console.log(`ok   ${where}: complexity ${cost.complexity}, depth ${cost.depth}`);
      }
    }
    if (doc.input_type) problems += checkInputFields(schema, where, doc);
    checked += 1;
  }
}
console.log(`${checked} documents checked, ${problems} problems`);
process.exit(problems ? 1 : 0);
