// The control API: seed, reset, state, request log and counters, emails, loopback-only errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSim, gql, control, testSeed } from '../test_support/helpers.mjs';

let sim;
before(async () => { sim = await startSim(); });
after(() => sim.close());

test('request log and per-operation counters', async () => {
  await control(sim, 'DELETE', '/_sim/requests');
  await gql(sim, '{ users { id } usersCount }');
  await gql(sim, 'query Page { users(offset: 10) { id } }');
  await gql(sim, '{ currentUser { id } }', { key: 'nope' });
  const counters = (await control(sim, 'GET', '/_sim/counters')).body;
  assert.deepEqual(counters, { total: 3, by_operation: { users: 2, usersCount: 1, currentUser: 1 }, by_outcome: { ok: 2, invalid_key: 1 } });
  const log = (await control(sim, 'GET', '/_sim/requests')).body.requests;
  assert.deepEqual(log.map((e) => [e.seq, e.operation_type, e.operation_name, e.fields, e.status, e.outcome]), [
    [1, 'query', null, ['users', 'usersCount'], 200, 'ok'],
    [2, 'query', 'Page', ['users'], 200, 'ok'],
    [3, 'query', null, ['currentUser'], 200, 'invalid_key'],
  ]);
  assert.equal(log[0].key, 'basic gh_sbox_…');
  assert.ok(!JSON.stringify(log).includes('gh_sbox_test_admin'), 'keys are never logged');
});

test('seed replaces the state; reset restores the start seed; state dumps it', async () => {
  const seed = testSeed();
  seed.clients = seed.clients.slice(0, 2);
  let r = await control(sim, 'POST', '/_sim/seed', seed);
  assert.deepEqual(r.body, { ok: true, clients: 2, members: 3 });
  assert.equal((await gql(sim, '{ usersCount }')).body.data.usersCount, 2);
  await gql(sim, 'mutation { createClient(input: {first_name: "A", last_name: "B", email: "ab@example.com"}) { user { id } } }');
  const state = (await control(sim, 'GET', '/_sim/state')).body;
  assert.equal(state.organization.id, '4001');
  assert.equal(state.clients.length, 3);
  assert.equal(state.members[0].membership.id, '110');
  assert.deepEqual(state.emails.map((e) => e.kind), ['welcome']);
  assert.ok(!JSON.stringify(state).includes('gh_sbox_test_admin'));
  r = await control(sim, 'POST', '/_sim/reset');
  assert.deepEqual(r.body, { ok: true });
  assert.equal((await gql(sim, '{ usersCount }')).body.data.usersCount, 5);
  assert.deepEqual((await control(sim, 'GET', '/_sim/emails')).body.emails, []);
});

test('a bad seed is refused with the JSON path of the problem and the old state kept', async () => {
  const seed = testSeed();
  seed.clients[1].dietitian_id = '77';
  let r = await control(sim, 'POST', '/_sim/seed', seed);
  assert.deepEqual(r, { status: 400, body: { error: 'seed.clients (id 21).dietitian_id: no member with id "77"' } });
  r = await control(sim, 'POST', '/_sim/seed', { ...testSeed(), api_keys: [{ key: 'k', role: 'owner', user_id: '10' }] });
  assert.equal(r.body.error, 'seed.api_keys[0].role: must be "admin" or "provider", got "owner"');
  r = await control(sim, 'POST', '/_sim/seed', {});
  assert.equal(r.body.error, 'seed.organization.id: required');
  assert.equal((await gql(sim, '{ usersCount }')).body.data.usersCount, 5);
});

test('unknown control routes list the known ones', async () => {
  const r = await control(sim, 'GET', '/_sim/nothing');
  assert.equal(r.status, 404);
  assert.match(r.body.error, /^no control route GET \/_sim\/nothing; known: GET \/_sim\/health, POST \/_sim\/seed/);
});
