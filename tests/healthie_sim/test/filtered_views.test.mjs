// Filtered `users` views (provider_id, active_status) come from cached partitions of the sorted view
// (src/resolvers/client_views.mjs). They must answer exactly what a scan would: same rows, same
// order, same total_count and cursors, and follow every write (create, reassignment, archive).
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startSim, gql, ids, PROVIDER, V2026 } from '../test_support/helpers.mjs';

let sim;
beforeEach(async () => { sim = await startSim(); });
afterEach(() => sim.close());

const ORDERS = ['LAST_NAME_ASC', 'CREATED_AT_DESC', 'PROVIDER_NAME_ASC'];
const PROVIDERS = ['10', '11', '12', '999'];
const STATUSES = [null, 'active', 'archived'];

const argList = (order, status, provider) => [
  `order_by: ${order}`,
  status ? `active_status: "${status}"` : null,
  provider ? `provider_id: "${provider}"` : null,
].filter(Boolean).join(', ');

/** The answer a scan gives: every client in `order`, filtered here in the test. */
async function scanned(order, status, provider) {
  const r = await gql(sim, `{ users(order_by: ${order}, should_paginate: false) { id active dietitian_id } }`);
  return r.body.data.users
    .filter((u) => status === null || (status === 'active') === u.active)
    .filter((u) => provider === null || u.dietitian_id === provider)
    .map((u) => u.id);
}

/** Baseline list, usersCount, and 2026 pages of 2 followed by cursor, for one filter. */
async function served(order, status, provider, key) {
  const args = argList(order, status, provider);
  const countArgs = argList(order, status, provider).replace(/order_by: \w+(, )?/, '');
  const base = await gql(sim, `{ users(${args}, should_paginate: false) { id } usersCount${countArgs ? `(${countArgs})` : ''} }`, { key });
  const pages = [];
  let after = null;
  let total = null;
  for (;;) {
    const r = await gql(sim, `query($after: String) { users(${args}, first: 2, after: $after) {
      total_count page_info { has_next_page end_cursor } nodes { id } } }`, { version: V2026, variables: { after }, key });
    const conn = r.body.data.users;
    total = conn.total_count;
    pages.push(...ids(conn.nodes));
    if (!conn.page_info.has_next_page) break;
    after = conn.page_info.end_cursor;
  }
  return { list: ids(base.body.data.users), count: base.body.data.usersCount, pages, total };
}

async function assertViewsMatchScan(label) {
  for (const order of ORDERS) {
    for (const status of STATUSES) {
      for (const provider of [null, ...PROVIDERS]) {
        const want = await scanned(order, status, provider);
        const got = await served(order, status, provider);
        const where = `${label}: ${argList(order, status, provider)}`;
        assert.deepEqual(got.list, want, where);
        assert.equal(got.count, want.length, where);
        assert.deepEqual(got.pages, want, where);
        assert.equal(got.total, want.length, where);
      }
    }
  }
}

const CREATE = 'mutation($input: createClientInput) { createClient(input: $input) { user { id } messages { message } } }';
const UPDATE = 'mutation($input: updateClientInput) { updateClient(input: $input) { user { id } messages { message } } }';
const MEMBERSHIP = 'mutation($input: updateOrganizationMembershipInput) { updateOrganizationMembership(input: $input) { organizationMembership { id } messages { message } } }';

async function mutate(query, input) {
  const r = await gql(sim, query, { variables: { input } });
  assert.equal(r.body.errors, undefined, JSON.stringify(r.body.errors));
  const payload = Object.values(r.body.data)[0];
  assert.equal(payload.messages, null, JSON.stringify(payload.messages));
  return payload;
}

const providerActive = async (provider) => (await served('LAST_NAME_ASC', 'active', provider)).pages;

test('filtered views answer as a scan does, before and after creates, reassignments and archives', async () => {
  await assertViewsMatchScan('seed');
  assert.deepEqual(await providerActive('11'), ['20', '23']);

  const created = await mutate(CREATE, { first_name: 'Abe', last_name: 'Aaron', email: 'abe@example.com', dietitian_id: '11' });
  assert.deepEqual(await providerActive('11'), [created.user.id, '20', '23']);
  await assertViewsMatchScan('after createClient');

  await mutate(UPDATE, { id: '20', dietitian_id: '10' });
  assert.deepEqual(await providerActive('11'), [created.user.id, '23']);
  assert.deepEqual(await providerActive('10'), ['20', '24', '21']);
  await assertViewsMatchScan('after reassigning a client');

  await mutate(UPDATE, { id: '23', active: false });
  assert.deepEqual(await providerActive('11'), [created.user.id]);
  assert.deepEqual((await served('LAST_NAME_ASC', 'archived', '11')).pages, ['23']);
  await assertViewsMatchScan('after archiving');

  // Deactivating member 11 hands all its clients, archived ones too, to member 12.
  await mutate(MEMBERSHIP, { id: '111', active: false, provider_to_receive_clients: '12' });
  assert.deepEqual(await providerActive('11'), []);
  assert.deepEqual((await served('LAST_NAME_ASC', null, '12')).pages, [created.user.id, '23']);
  await assertViewsMatchScan('after a deactivation moved clients');

  await mutate(UPDATE, { id: '23', active: true });
  assert.deepEqual(await providerActive('12'), [created.user.id, '23']);
  await assertViewsMatchScan('after unarchiving');
});

test('filtered views keep a provider key to its own clients', async () => {
  const all = await served('LAST_NAME_ASC', 'active', null, PROVIDER);
  assert.deepEqual(all.pages, ['20', '23']);
  assert.equal(all.total, 2);
  assert.deepEqual((await served('LAST_NAME_ASC', 'active', '10', PROVIDER)).pages, []);
  assert.deepEqual((await served('LAST_NAME_ASC', 'archived', '11', PROVIDER)).pages, []);
});
