// Authentication: Basic + AuthorizationSource, invalid keys, silent mode, Bearer, roles.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSim, gql, control, ADMIN, PROVIDER, ids, V2026 } from '../test_support/helpers.mjs';

let sim;
before(async () => { sim = await startSim(); });
after(() => sim.close());

const INVALID = { errors: [{ message: 'API Key is Invalid' }] };

test('an invalid key gets HTTP 200 {"errors":[{"message":"API Key is Invalid"}]}', async () => {
  const r = await gql(sim, '{ currentUser { id } }', { key: 'gh_sbox_wrong' });
  assert.equal(r.status, 200);
  assert.deepEqual(r.body, INVALID);
});

test('a missing AuthorizationSource header or a key without "Basic" is invalid too', async () => {
  assert.deepEqual((await gql(sim, '{ currentUser { id } }', { source: null })).body, INVALID);
  assert.deepEqual((await gql(sim, '{ currentUser { id } }', { headers: { Authorization: ADMIN }, key: null })).body, INVALID);
});

test('Bearer with a valid key is accepted unless acceptBearer is off', async () => {
  const r = await gql(sim, '{ currentUser { id } }', { scheme: 'Bearer' });
  assert.deepEqual(r.body.data.currentUser, { id: '10' });
  await control(sim, 'POST', '/_sim/limits', { acceptBearer: false });
  try {
    assert.deepEqual((await gql(sim, '{ currentUser { id } }', { scheme: 'Bearer' })).body, INVALID);
  } finally {
    await control(sim, 'POST', '/_sim/limits', { acceptBearer: true });
  }
});

test('no Authorization header: currentUser null, lists empty, mutations Unauthorized', async () => {
  const r = await gql(sim, '{ currentUser { id } users { id } usersCount organizationMembers { id } }', { key: null });
  assert.deepEqual(r.body.data, { currentUser: null, users: [], usersCount: 0, organizationMembers: [] });
  const m = await gql(sim, 'mutation { createClient(input: {first_name: "A", last_name: "B", email: "a@example.com"}) { user { id } } }', { key: null });
  assert.equal(m.body.errors[0].message, 'Unauthorized');
});

test('silent mode: a wrong key and any Bearer key see an empty organization instead of an error', async () => {
  await control(sim, 'POST', '/_sim/limits', { silentAuth: true });
  try {
    for (const opts of [{ key: 'gh_sbox_wrong' }, { scheme: 'Bearer' }]) {
      const r = await gql(sim, '{ currentUser { id } users { id } }', opts);
      assert.equal(r.body.errors, undefined);
      assert.deepEqual(r.body.data, { currentUser: null, users: [] });
      const c = await gql(sim, '{ users(first: 5) { total_count nodes { id } } }', { ...opts, version: V2026 });
      assert.deepEqual(c.body.data.users, { total_count: 0, nodes: [] });
    }
    const good = await gql(sim, '{ currentUser { id } }');
    assert.deepEqual(good.body.data.currentUser, { id: '10' });
  } finally {
    await control(sim, 'POST', '/_sim/limits', { silentAuth: false });
  }
});

test('roles: admin sees every client, a provider only its own', async () => {
  const a = await gql(sim, '{ users { id } }', { key: ADMIN });
  const p = await gql(sim, '{ users { id } usersCount user(id: "21") { id } organizationMembers { id } }', { key: PROVIDER });
  assert.deepEqual(ids(a.body.data.users), ['20', '24', '21', '22', '23']);
  assert.deepEqual(ids(p.body.data.users), ['20', '23']);
  assert.equal(p.body.data.usersCount, 2);
  assert.equal(p.body.data.user, null);
  assert.equal(p.body.data.organizationMembers.length, 3);
});
