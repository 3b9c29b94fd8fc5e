// Version routing by the Healthie-GraphQL-API-Version header, and schema validation per shape.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSim, gql, V2026 } from '../test_support/helpers.mjs';

let sim;
before(async () => { sim = await startSim(); });
after(() => sim.close());

test('no version header: baseline shape plus MISSING_API_VERSION_HEADER warning', async () => {
  const r = await gql(sim, '{ users { id cursor } usersCount }');
  assert.equal(r.status, 200);
  assert.ok(Array.isArray(r.body.data.users));
  assert.equal(r.body.data.usersCount, 5);
  assert.equal(r.body.extensions.warnings[0].code, 'MISSING_API_VERSION_HEADER');
});

test('2026-01-01: connection shape, ISO timestamps, baseline arguments rejected', async () => {
  const r = await gql(sim, '{ users(first: 2) { total_count edges { cursor node { id created_at } } } }', { version: V2026 });
  assert.equal(r.body.data.users.total_count, 5);
  assert.match(r.body.data.users.edges[0].node.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(r.body.extensions.warnings[0].code, 'API_VERSION_SUNSET_WARNING');
  const old = await gql(sim, '{ users(offset: 0) { nodes { id } } }', { version: V2026 });
  assert.deepEqual(old.body.errors.map((e) => e.message), ["Field 'users' doesn't accept argument 'offset'"]);
  const count = await gql(sim, '{ usersCount }', { version: V2026 });
  assert.equal(count.body.errors[0].message, "Field 'usersCount' doesn't exist on type 'Query'");
});

test('a release date between the two shapes picks the older shape; 2026-07-01 the newer', async () => {
  const mid = await gql(sim, '{ users { id created_at } }', { version: '2025-04-01' });
  assert.ok(Array.isArray(mid.body.data.users));
  assert.match(mid.body.data.users[0].created_at, / \+0000$/);
  const latest = await gql(sim, '{ users { total_count } }', { version: '2026-07-01' });
  assert.equal(latest.body.data.users.total_count, 5);
  assert.equal(latest.body.extensions, undefined);
});

test('an unknown date is UNSUPPORTED_API_VERSION', async () => {
  const r = await gql(sim, '{ currentUser { id } }', { version: '2025-02-30' });
  assert.equal(r.status, 200);
  assert.equal(r.body.data, undefined);
  assert.equal(r.body.errors[0].extensions.code, 'UNSUPPORTED_API_VERSION');
  assert.match(r.body.errors[0].message, /^Unsupported API version: 2025-02-30\./);
});

test('deleteClient does not exist: schema validation fails in both shapes', async () => {
  for (const version of [null, V2026]) {
    const r = await gql(sim, 'mutation { deleteClient(input: {id: "20"}) { messages { message } } }', { version });
    assert.equal(r.status, 200);
    assert.equal(r.body.errors[0].message, "Field 'deleteClient' doesn't exist on type 'Mutation'");
    assert.equal(r.body.errors[0].extensions.code, 'undefinedField');
  }
  const state = await gql(sim, '{ usersCount }');
  assert.equal(state.body.data.usersCount, 5);
});

test('2026 updateClient requires input (updateClientInput!) while the baseline does not', async () => {
  const q = 'mutation { updateClient { user { id } messages { field message } } }';
  const base = await gql(sim, q);
  assert.deepEqual(base.body.data.updateClient, { user: null, messages: [{ field: 'id', message: 'Client not found' }] });
  const v26 = await gql(sim, q, { version: V2026 });
  assert.match(v26.body.errors[0].message, /argument "input" of type "updateClientInput!" is required/);
});
