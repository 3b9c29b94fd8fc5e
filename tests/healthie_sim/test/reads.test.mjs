// Reads: users filters, ordering and paging in both shapes; counts; members and memberships.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSim, gql, control, ids, V2026 } from '../test_support/helpers.mjs';

let sim;
before(async () => { sim = await startSim(); });
after(() => sim.close());

const users = async (args, version = null) => {
  const r = await gql(sim, `{ users${args} { id } }`, { version });
  assert.equal(r.body.errors, undefined, JSON.stringify(r.body.errors));
  return ids(r.body.data.users);
};

test('currentUser and user(id)', async () => {
  const r = await gql(sim, '{ currentUser { id is_org_admin organization { id name } } user(id: "23") { id first_name is_patient dietitian { id } } missing: user(id: "999") { id } }');
  assert.deepEqual(r.body.data.currentUser, { id: '10', is_org_admin: true, organization: { id: '4001', name: 'Test Nutrition' } });
  assert.deepEqual(r.body.data.user, { id: '23', first_name: 'Dan', is_patient: true, dietitian: { id: '11' } });
  assert.equal(r.body.data.missing, null);
});

test('users: default order LAST_NAME_ASC, default page 10, archived included without active_status', async () => {
  assert.deepEqual(await users(''), ['20', '24', '21', '22', '23']);
});

test('users: active_status, provider_id, ids', async () => {
  assert.deepEqual(await users('(active_status: "active")'), ['20', '24', '21', '23']);
  assert.deepEqual(await users('(active_status: "archived")'), ['22']);
  assert.deepEqual(await users('(provider_id: "11")'), ['20', '23']);
  assert.deepEqual(await users('(ids: ["23", "20", "999"])'), ['20', '23']);
});

test('users: keywords must all match id, names, email or record_identifier (case-insensitive)', async () => {
  assert.deepEqual(await users('(keywords: "ann")'), ['20', '24']);
  assert.deepEqual(await users('(keywords: "ANN able")'), ['20']);
  assert.deepEqual(await users('(keywords: "r-23")'), ['23']);
  assert.deepEqual(await users('(keywords: "bob.baker@example.com")'), ['21']);
  assert.deepEqual(await users('(keywords: "22")'), ['22']);
  assert.deepEqual(await users('(keywords: "ann zed")'), []);
  assert.deepEqual(await users('(show_all_by_default: false)'), []);
});

test('users: order_by', async () => {
  assert.deepEqual(await users('(order_by: FIRST_NAME_DESC)'), ['23', '22', '21', '20', '24']);
  assert.deepEqual(await users('(order_by: CREATED_AT_DESC)'), ['24', '23', '22', '21', '20']);
  assert.deepEqual(await users('(order_by: EMAIL_DESC)'), ['23', '22', '21', '24', '20']);
});

test('baseline paging: offset/page_size, past the end, should_paginate false, after cursor', async () => {
  assert.deepEqual(await users('(offset: 1, page_size: 2)'), ['24', '21']);
  assert.deepEqual(await users('(offset: 50)'), []);
  assert.deepEqual(await users('(page_size: 2, should_paginate: false)'), ['20', '24', '21', '22', '23']);
  const page1 = await gql(sim, '{ users(page_size: 2) { id cursor } }');
  const last = page1.body.data.users.at(-1);
  assert.deepEqual(await users(`(page_size: 2, after: "${last.cursor}")`), ['21', '22']);
  const bad = await gql(sim, '{ users(after: "not-a-cursor") { id } }');
  assert.equal(bad.body.errors[0].message, 'Invalid cursor: not-a-cursor');
});

test('usersCount and organizationMembersCount follow the same filters', async () => {
  const r = await gql(sim, '{ a: usersCount b: usersCount(active_status: "active") c: usersCount(keywords: "ann") d: organizationMembersCount }');
  assert.deepEqual(r.body.data, { a: 5, b: 4, c: 2, d: 3 });
});

test('2026 connections: first/after, last/before, page_info, total_count', async () => {
  const q = (args) => gql(sim, `{ users${args} { total_count page_info { has_next_page has_previous_page start_cursor end_cursor } edges { cursor node { id } } nodes { id } } }`, { version: V2026 });
  const p1 = (await q('(first: 2)')).body.data.users;
  assert.equal(p1.total_count, 5);
  assert.deepEqual(ids(p1.nodes), ['20', '24']);
  assert.deepEqual(p1.page_info.has_next_page, true);
  assert.deepEqual(p1.page_info.has_previous_page, false);
  const p2 = (await q(`(first: 2, after: "${p1.page_info.end_cursor}")`)).body.data.users;
  assert.deepEqual(ids(p2.nodes), ['21', '22']);
  const p3 = (await q(`(first: 2, after: "${p2.page_info.end_cursor}")`)).body.data.users;
  assert.deepEqual(ids(p3.nodes), ['23']);
  assert.equal(p3.page_info.has_next_page, false);
  const back = (await q(`(last: 2, before: "${p3.edges[0].cursor}")`)).body.data.users;
  assert.deepEqual(ids(back.nodes), ['21', '22']);
  assert.equal(back.page_info.has_previous_page, true);
  const all = (await q('')).body.data.users;
  assert.equal(all.nodes.length, 5); // no first/last: a page of up to 100
});

test('organizationMembers leaves deactivated members out unless switched; memberships list everyone', async () => {
  await gql(sim, 'mutation { updateOrganizationMembership(input: {id: "112", active: false}) { messages { message } } }');
  try {
    let r = await gql(sim, '{ organizationMembers { id } organizationMembersCount }');
    assert.deepEqual(ids(r.body.data.organizationMembers), ['10', '11']);
    assert.equal(r.body.data.organizationMembersCount, 2);
    await control(sim, 'POST', '/_sim/limits', { membersIncludeInactive: true });
    r = await gql(sim, '{ organizationMembers { id active } }');
    assert.deepEqual(ids(r.body.data.organizationMembers), ['10', '11', '12']);
    r = await gql(sim, '{ organizationMemberships(id: "4001") { id org_role user { id active } } }');
    assert.deepEqual(r.body.data.organizationMemberships.map((m) => m.id), ['110', '111', '112']);
    r = await gql(sim, '{ organizationMemberships(user_ids: ["12"]) { id } organizationMembership(user_id: "11") { id is_admin } }');
    assert.deepEqual(r.body.data, { organizationMemberships: [{ id: '112' }], organizationMembership: { id: '111', is_admin: false } });
    r = await gql(sim, '{ organizationMembers(first: 1) { total_count nodes { id } } organizationMemberships { total_count } }', { version: V2026 });
    assert.deepEqual(r.body.data, { organizationMembers: { total_count: 3, nodes: [{ id: '10' }] }, organizationMemberships: { total_count: 3 } });
  } finally {
    await control(sim, 'POST', '/_sim/reset');
  }
});

test('usersDefaultStatus=active hides archived clients unless active_status says otherwise', async () => {
  await control(sim, 'POST', '/_sim/limits', { usersDefaultStatus: 'active' });
  try {
    assert.deepEqual(await users(''), ['20', '24', '21', '23']);
    assert.deepEqual(await users('(active_status: "archived")'), ['22']);
  } finally {
    await control(sim, 'POST', '/_sim/reset');
  }
});

test('cursors under concurrent writes: baseline keyset cursors hold, 2026 position cursors shift', async () => {
  try {
    const base = await gql(sim, '{ users(page_size: 2) { id cursor } }');
    const conn = await gql(sim, '{ users(first: 2) { page_info { end_cursor } } }', { version: V2026 });
    // A new client sorting first ("Aaron Aardvark") arrives between page 1 and page 2.
    await gql(sim, 'mutation { createClient(input: {first_name: "Aaron", last_name: "Aardvark", email: "aa@example.com"}) { user { id } } }');
    assert.deepEqual(await users(`(page_size: 2, after: "${base.body.data.users[1].cursor}")`), ['21', '22']);
    const next = await gql(sim, `{ users(first: 2, after: "${conn.body.data.users.page_info.end_cursor}") { nodes { id } } }`, { version: V2026 });
    assert.deepEqual(ids(next.body.data.users.nodes), ['24', '21']); // '24' is served twice
  } finally {
    await control(sim, 'POST', '/_sim/reset');
  }
});
