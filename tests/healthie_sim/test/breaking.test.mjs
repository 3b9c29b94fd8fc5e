// The breaking-change switch (/_sim/breaking) and graphql-ruby's order: document, then variables,
// then execution — so a mutation sent without its required $input is refused and never runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSim, gql, control, V2026 } from '../test_support/helpers.mjs';

const V2607 = '2026-07-01';
let sim;
before(async () => { sim = await startSim(); });
after(() => sim.close());

test('removing a field breaks only the version it is set for', async () => {
  const set = await control(sim, 'POST', '/_sim/breaking', { version: V2607, rules: [{ remove: 'User.dietitian_id' }] });
  assert.deepEqual(set.body.breaking, { [V2607]: [{ remove: 'User.dietitian_id' }] });
  const q = '{ users(first: 1) { nodes { id dietitian_id } } }';
  const broken = await gql(sim, q, { version: V2607 });
  assert.deepEqual(broken.body.errors.map((e) => e.message), ["Field 'dietitian_id' doesn't exist on type 'User'"]);
  const other = await gql(sim, q, { version: V2026 });
  assert.equal(other.body.errors, undefined);
  assert.equal(other.body.data.users.nodes.length, 1);
  const fine = await gql(sim, '{ users(first: 1) { nodes { id email } } }', { version: V2607 });
  assert.equal(fine.body.data.users.nodes.length, 1);
  await control(sim, 'DELETE', '/_sim/breaking');
  assert.equal((await gql(sim, q, { version: V2607 })).body.errors, undefined);
});

test('renaming an argument and an input field', async () => {
  await control(sim, 'POST', '/_sim/breaking', {
    version: V2607,
    rules: [{ rename: 'Query.users(first)', to: 'take' }, { rename: 'createClientInput.dietitian_id', to: 'provider_id' }],
  });
  const r = await gql(sim, '{ users(first: 1) { total_count } }', { version: V2607 });
  assert.deepEqual(r.body.errors.map((e) => e.message), ["Field 'users' doesn't accept argument 'first'"]);
  const m = await gql(sim, 'mutation M($input: createClientInput!) { createClient(input: $input) { user { id } } }',
    { version: V2607, variables: { input: { first_name: 'A', last_name: 'B', email: 'a@b.example', dietitian_id: '1001' } } });
  assert.match(m.body.errors[0].message, /dietitian_id/);
  await control(sim, 'DELETE', '/_sim/breaking');
});

test('a bad rule is a 400 naming what is wrong', async () => {
  const r = await control(sim, 'POST', '/_sim/breaking', { version: V2607, rules: [{ remove: 'User.no_such_field' }] });
  assert.equal(r.status, 400);
  assert.equal(r.body.error, 'breaking: User.no_such_field is not in the schema');
  const v = await control(sim, 'POST', '/_sim/breaking', { version: '2026-02-30', rules: [] });
  assert.equal(v.status, 400);
});

test('a mutation without its required $input is refused before it executes', async () => {
  const before = (await control(sim, 'GET', '/_sim/state')).body.clients.length;
  const doc = 'mutation RosterCreateClient($input: createClientInput!) { createClient(input: $input) { user { id } messages { field message } } }';
  for (const version of [null, V2026, V2607]) {
    const r = await gql(sim, doc, { version, variables: {} });
    assert.equal(r.body.data, undefined);
    assert.deepEqual(r.body.errors.map((e) => e.message), ['Variable $input of type createClientInput! was provided invalid value']);
  }
  assert.equal((await control(sim, 'GET', '/_sim/state')).body.clients.length, before);
});

test('introspection describes the input types served per version, breaking changes included', async () => {
  const q = '{ __type(name: "updateClientInput") { inputFields { name defaultValue type { kind } } } }';
  const names = async (version) => (await gql(sim, q, { version })).body.data.__type.inputFields.map((f) => f.name);
  assert.ok((await names(V2607)).includes('phone_number'));
  const id = (await gql(sim, q, { version: V2026 })).body.data.__type.inputFields.find((f) => f.name === 'id');
  assert.equal(id.type.kind, 'NON_NULL');
  assert.equal((await gql(sim, q, { version: null })).body.data.__type.inputFields.find((f) => f.name === 'id').type.kind, 'SCALAR');
  await control(sim, 'POST', '/_sim/breaking', { version: V2607, rules: [{ rename: 'updateClientInput.phone_number', to: 'phone' }] });
  assert.ok(!(await names(V2607)).includes('phone_number'));
  assert.ok((await names(V2607)).includes('phone'));
  assert.ok((await names(V2026)).includes('phone_number'));
  await control(sim, 'DELETE', '/_sim/breaking');
});

test('introspection can be turned off, as graphql-ruby words it', async () => {
  await control(sim, 'POST', '/_sim/limits', { introspection: false });
  const r = await gql(sim, '{ t: __type(name: "updateClientInput") { name } }', { version: V2607 });
  assert.equal(r.body.data, undefined);
  assert.deepEqual(r.body.errors.map((e) => e.message), ["Field '__type' doesn't exist on type 'Query'"]);
  const s = await gql(sim, '{ __schema { queryType { name } } }', { version: V2607 });
  assert.deepEqual(s.body.errors.map((e) => e.message), ["Field '__schema' doesn't exist on type 'Query'"]);
  assert.equal((await gql(sim, '{ users(first: 1) { total_count } }', { version: V2607 })).body.errors, undefined);
  await control(sim, 'POST', '/_sim/limits', { introspection: true });
  assert.equal((await gql(sim, '{ __type(name: "User") { name } }', { version: V2607 })).body.data.__type.name, 'User');
});

test('an ignored input field is accepted and dropped before the resolver', async () => {
  const bad = await control(sim, 'POST', '/_sim/limits', { ignoreInputs: ['gender'] });
  assert.equal(bad.status, 400);
  assert.match(bad.body.error, /^ignoreInputs: expected Type\.field entries/);
  await control(sim, 'POST', '/_sim/limits', { ignoreInputs: 'createClientInput.gender' });
  const doc = 'mutation M($input: createClientInput!) { createClient(input: $input) { user { id gender legal_name } messages { field message } } }';
  const r = await gql(sim, doc, { version: V2607, variables: { input: { first_name: 'Ig', last_name: 'Nored', email: 'ig.nored@example.com', gender: 'Female', legal_name: 'Kept' } } });
  assert.equal(r.body.errors, undefined);
  assert.equal(r.body.data.createClient.user.gender, null);
  assert.equal(r.body.data.createClient.user.legal_name, 'Kept');
  await control(sim, 'POST', '/_sim/limits', { ignoreInputs: [] });
});

test('the command line takes --no-introspection and --ignore-input', async () => {
  const { parseArgs } = await import('../src/config.mjs');
  assert.deepEqual(parseArgs(['--no-introspection', '--ignore-input', 'createClientInput.gender,updateClientInput.gender']).settings,
    { introspection: false, ignoreInputs: ['createClientInput.gender', 'updateClientInput.gender'] });
  assert.throws(() => parseArgs(['--ignore-input=gender']), /^Error: ignoreInputs: expected Type\.field entries/);
});
