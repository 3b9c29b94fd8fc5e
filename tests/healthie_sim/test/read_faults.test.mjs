// Read faults: lists and counts that lie (countSkew, cursorFault, dropMembership) and the permanent
// throttle fault, each switched through the control API.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startSim, gql, control, testSeed, V2026 } from '../test_support/helpers.mjs';

let sim;
beforeEach(async () => {
  const seed = testSeed();
  seed.members[2].active = false; // 12, Sue: a deactivated member
  sim = await startSim({ seed });
});
afterEach(() => sim.close());

const limits = (patch) => control(sim, 'POST', '/_sim/limits', patch);
const USERS = 'query($after: String) { users(first: 2, after: $after, order_by: CREATED_AT_ASC) { total_count page_info { has_next_page end_cursor } nodes { id } } }';
const page = async (after) => (await gql(sim, USERS, { version: V2026, variables: { after } })).body.data.users;
const ids = (conn) => conn.nodes.map((n) => n.id);

test('countSkew shifts usersCount and users total_count, never below 0', async () => {
  await limits({ countSkew: -1 });
  const base = await gql(sim, '{ usersCount }');
  assert.equal(base.body.data.usersCount, 4);
  assert.equal((await page(null)).total_count, 4);
  await limits({ countSkew: -100 });
  assert.equal((await gql(sim, '{ usersCount }')).body.data.usersCount, 0);
});

test('cursorFault=stuck: end_cursor repeats the after it was given', async () => {
  await limits({ cursorFault: 'stuck' });
  const first = await page(null);
  const second = await page(first.page_info.end_cursor);
  assert.deepEqual(ids(second), ['22', '23']);
  assert.equal(second.page_info.end_cursor, first.page_info.end_cursor);
});

test('cursorFault=after_ignored: every page is the first', async () => {
  await limits({ cursorFault: 'after_ignored' });
  const first = await page(null);
  const second = await page(first.page_info.end_cursor);
  assert.deepEqual(ids(second), ids(first));
  assert.equal(second.page_info.has_next_page, true);
});

test('cursorFault=overlap: each page repeats the last row of the one before', async () => {
  await limits({ cursorFault: 'overlap' });
  const first = await page(null);
  const second = await page(first.page_info.end_cursor);
  assert.deepEqual(ids(first), ['20', '21']);
  assert.deepEqual(ids(second), ['21', '22']);
});

test('cursorFault=null_end_cursor: null while has_next_page is true, real on the last page', async () => {
  await limits({ cursorFault: 'null_end_cursor' });
  const first = await page(null);
  assert.equal(first.page_info.has_next_page, true);
  assert.equal(first.page_info.end_cursor, null);
  const all = (await gql(sim, '{ users(first: 10) { page_info { has_next_page end_cursor } } }', { version: V2026 })).body.data.users;
  assert.equal(all.page_info.has_next_page, false);
  assert.notEqual(all.page_info.end_cursor, null);
});

test('cursorFaultOn limits the fault to one list', async () => {
  await limits({ cursorFault: 'after_ignored', cursorFaultOn: 'organizationMemberships' });
  const first = await page(null);
  const second = await page(first.page_info.end_cursor);
  assert.deepEqual(ids(second), ['22', '23']);
  const q = 'query($after: String) { organizationMemberships(first: 1, after: $after) { page_info { end_cursor } nodes { id } } }';
  const m1 = (await gql(sim, q, { version: V2026 })).body.data.organizationMemberships;
  const m2 = (await gql(sim, q, { version: V2026, variables: { after: m1.page_info.end_cursor } })).body.data.organizationMemberships;
  assert.deepEqual(m2.nodes, m1.nodes);
});

test('dropMembership hides the first deactivated member from the list, not from the counts', async () => {
  const q = '{ organizationMembersCount currentUser { organization { organization_memberships_count } } organizationMemberships { user { id } } }';
  const before = (await gql(sim, q)).body.data;
  assert.equal(before.organizationMemberships.length, 3);
  assert.equal(before.currentUser.organization.organization_memberships_count, 3);
  assert.equal(before.organizationMembersCount, 2); // active members only
  await limits({ dropMembership: true });
  const after = (await gql(sim, q)).body.data;
  assert.deepEqual(after.organizationMemberships.map((m) => m.user.id).sort(), ['10', '11']);
  assert.equal(after.currentUser.organization.organization_memberships_count, 3);
  const conn = (await gql(sim, '{ organizationMemberships(first: 10) { total_count nodes { user { id } } } }', { version: V2026 })).body.data.organizationMemberships;
  assert.equal(conn.total_count, 3);
  assert.equal(conn.nodes.length, 2);
});

test('the throttle fault answers TOO_MANY_REQUESTS for ever (HTTP 200, or 429 in http429 mode)', async () => {
  await control(sim, 'POST', '/_sim/faults', { faults: ['throttle'] });
  for (let i = 0; i < 3; i++) {
    const r = await gql(sim, '{ currentUser { id } }');
    assert.equal(r.status, 200);
    assert.equal(r.body.errors[0].extensions.code, 'TOO_MANY_REQUESTS');
  }
  await limits({ rateLimitMode: 'http429' });
  assert.equal((await gql(sim, '{ currentUser { id } }')).status, 429);
  const log = await control(sim, 'GET', '/_sim/requests');
  assert.ok(log.body.requests.every((r) => r.outcome === 'fault:throttle'));
});

test('read-fault switches are checked like every other switch', async () => {
  const bad = await limits({ cursorFault: 'sideways' });
  assert.equal(bad.status, 400);
  assert.match(bad.body.error, /^cursorFault: expected one of none, stuck, after_ignored, overlap, null_end_cursor/);
});
