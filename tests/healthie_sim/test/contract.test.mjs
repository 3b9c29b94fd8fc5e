// Contract test: our subset SDL against Healthie's real SDL in ../shared (read in place, never copied).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareSdl } from '../src/contract.mjs';
import { SCHEMA_FILES } from '../src/schema.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..', '..');
const realDir = path.resolve(repoRoot, '..', 'shared', 'healthie', 'schema');

const cases = [
  { version: 'baseline', ours: SCHEMA_FILES.baseline, real: 'healthie-schema-full-baseline.graphql' },
  { version: '2026-01-01', ours: SCHEMA_FILES['2026-01-01'], real: 'healthie-schema-full-2026-01-01.graphql' },
];

for (const c of cases) {
  const realPath = path.join(realDir, c.real);
  const skip = fs.existsSync(realPath)
    ? false
    : `real SDL not found at ${realPath} (the shared reference folder ../shared beside the checkout is absent)`;
  test(`contract: our ${c.version} SDL is a faithful subset of ${c.real}`, { skip }, () => {
    const { problems, compared } = compareSdl(fs.readFileSync(c.ours, 'utf8'), fs.readFileSync(realPath, 'utf8'));
    assert.deepEqual(problems, []);
    assert.ok(compared >= 20, `compared only ${compared} definitions`);
  });
}

test('contract: the comparison catches a wrong argument type, nullability and unknown field', () => {
  const real = 'type Query { users(page_size: Int = 10, id: ID!): [User!] }\ntype User { id: ID! }';
  const ours = 'type Query { users(page_size: String): [User] deleteClient: Int }\ntype User { id: ID }';
  const { problems } = compareSdl(ours, real);
  assert.deepEqual(problems.sort(), [
    'Query.deleteClient: field not in the real schema',
    'Query.users.id: required in the real schema (ID!) but missing here',
    'Query.users.page_size: default (none), real schema has 10',
    'Query.users.page_size: type String, real schema has Int',
    'Query.users: type [User], real schema has [User!]',
    'User.id: type ID, real schema has ID!',
  ].sort());
});
