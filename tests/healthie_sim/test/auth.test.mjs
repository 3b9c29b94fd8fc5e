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

test('roles follow the key\'s member: promoting it makes its key an admin key at once', async () => {
  const who = '{ currentUser { id is_org_admin organization_membership { is_admin org_role } } }';
  let p = await gql(sim, who, { key: PROVIDER });
  assert.deepEqual(p.body.data.currentUser, { id: '11', is_org_admin: false, organization_membership: { is_admin: false, org_role: 'Standard' } });
  const promote = 'mutation($input: updateOrganizationMembershipInput) { updateOrganizationMembership(input: $input) { messages { field message } } }';
  await gql(sim, promote, { variables: { input: { id: '111', is_admin: true } } });
  p = await gql(sim, `{ usersCount ${who.slice(1, -1)} }`, { key: PROVIDER });
  assert.equal(p.body.data.usersCount, 5);
  assert.equal(p.body.data.currentUser.is_org_admin, true);
  await gql(sim, promote, { variables: { input: { id: '111', is_admin: false } } });
  assert.equal((await gql(sim, '{ usersCount }', { key: PROVIDER })).body.data.usersCount, 2);
});

test('a seed key whose role disagrees with its member\'s admin flag is refused', async () => {
  const seed = { organization: { id: '1' }, members: [{ id: 'm', email: 'm@example.com', first_name: 'M', last_name: 'M' }], api_keys: [{ key: 'k', role: 'admin', user_id: 'm' }] };
  const r = await control(sim, 'POST', '/_sim/seed', seed);
  assert.equal(r.status, 400);
  assert.equal(r.body.error, 'seed.api_keys[0].role: "admin" but member m is not an admin (a key acts with its member\'s permissions: set the member\'s is_admin, or the key\'s role, to match)');
});
