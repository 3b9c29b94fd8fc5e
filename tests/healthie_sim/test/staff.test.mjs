// Staff mutations: createOrganizationMembership, updateOrganizationMembership, updateOrganizationMember.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startSim, gql, control, PROVIDER } from '../test_support/helpers.mjs';

let sim;
beforeEach(async () => { sim = await startSim(); });
afterEach(() => sim.close());

const CREATE = `mutation($input: createOrganizationMembershipInput) { createOrganizationMembership(input: $input) {
  organizationMembership { id org_role is_admin user { id email first_name active } } currentUser { id } messages { field message } } }`;
const UPDATE = `mutation($input: updateOrganizationMembershipInput) { updateOrganizationMembership(input: $input) {
  organizationMembership { id org_role is_admin user { id active } } messages { field message } } }`;
const MEMBER = `mutation($input: updateOrganizationMemberInput) { updateOrganizationMember(input: $input) {
  user { id first_name email phone_number timezone } messages { field message } } }`;

test('createOrganizationMembership creates a member and records the invite email', async () => {
  const r = await gql(sim, CREATE, { variables: { input: { organization_id: '4001', first_name: 'Nia', last_name: 'New', email: 'nia@example.com', org_role: 'Support' } } });
  const p = r.body.data.createOrganizationMembership;
  assert.equal(p.messages, null);
  assert.equal(p.organizationMembership.org_role, 'Support');
  assert.equal(p.organizationMembership.user.email, 'nia@example.com');
  assert.deepEqual(p.currentUser, { id: '10' });
  const emails = (await control(sim, 'GET', '/_sim/emails')).body.emails;
  assert.deepEqual(emails.map((e) => [e.kind, e.to]), [['invite', 'nia@example.com']]);
  const count = await gql(sim, '{ organizationMembersCount }');
  assert.equal(count.body.data.organizationMembersCount, 4);
});

test('createOrganizationMembership: send_invite_email false, default role Standard', async () => {
  const r = await gql(sim, CREATE, { variables: { input: { organization_id: '4001', first_name: 'Quiet', last_name: 'One', email: 'quiet@example.com', send_invite_email: false } } });
  assert.equal(r.body.data.createOrganizationMembership.organizationMembership.org_role, 'Standard');
  assert.deepEqual((await control(sim, 'GET', '/_sim/emails')).body.emails, []);
});

test('createOrganizationMembership validation: duplicate email (any case), bad role, org, names', async () => {
  const cases = [
    [{ organization_id: '4001', first_name: 'A', last_name: 'B', email: 'PAT.provider@example.com' }, [{ field: 'email', message: 'Email has already been taken' }]],
    [{ organization_id: '4001', first_name: 'A', last_name: 'B', email: 'ab@example.com', org_role: 'Boss' }, [{ field: 'org_role', message: 'Org role must be one of: Standard, Support' }]],
    [{ organization_id: '1', first_name: 'A', last_name: 'B', email: 'ab@example.com' }, [{ field: 'organization_id', message: 'Organization not found' }]],
    [{ organization_id: '4001', email: 'ab@example.com' }, [{ field: 'first_name', message: "First name can't be blank" }, { field: 'last_name', message: "Last name can't be blank" }]],
    [{ organization_id: '4001', first_name: 'A', last_name: 'B', email: 'ab@' }, [{ field: 'email', message: 'Email is invalid' }]],
  ];
  for (const [input, messages] of cases) {
    const r = await gql(sim, CREATE, { variables: { input } });
    assert.deepEqual(r.body.data.createOrganizationMembership, { organizationMembership: null, currentUser: null, messages }, JSON.stringify(input));
  }
});

test('updateOrganizationMembership changes org_role and is_admin', async () => {
  const r = await gql(sim, UPDATE, { variables: { input: { id: '112', org_role: 'Standard', is_admin: true } } });
  assert.deepEqual(r.body.data.updateOrganizationMembership.organizationMembership, { id: '112', org_role: 'Standard', is_admin: true, user: { id: '12', active: true } });
});

test('deactivating a member with clients needs provider_to_receive_clients, which moves them', async () => {
  let r = await gql(sim, UPDATE, { variables: { input: { id: '111', active: false } } });
  assert.deepEqual(r.body.data.updateOrganizationMembership.messages,
    [{ field: 'provider_to_receive_clients', message: 'Choose a provider to receive the clients of this member before deactivating them' }]);
  r = await gql(sim, UPDATE, { variables: { input: { id: '111', active: false, provider_to_receive_clients: '999' } } });
  assert.equal(r.body.data.updateOrganizationMembership.messages[0].message, 'Provider to receive clients not found');
  r = await gql(sim, UPDATE, { variables: { input: { id: '111', active: false, provider_to_receive_clients: '10' } } });
  assert.equal(r.body.data.updateOrganizationMembership.organizationMembership.user.active, false);
  const moved = await gql(sim, '{ users(provider_id: "10") { id } u: users(provider_id: "11") { id } }');
  assert.deepEqual(moved.body.data.users.map((u) => u.id).sort(), ['20', '21', '22', '23', '24']);
  assert.deepEqual(moved.body.data.u, []);
  // The deactivated member's key stops working.
  const key = await gql(sim, '{ currentUser { id } }', { key: PROVIDER });
  assert.equal(key.body.errors[0].message, 'API Key is Invalid');
  // Reactivation works and requires nothing.
  r = await gql(sim, UPDATE, { variables: { input: { id: '111', active: true } } });
  assert.equal(r.body.data.updateOrganizationMembership.organizationMembership.user.active, true);
});

test('requireReceiverOnDeactivate=false lets a member with clients go; the owner can never be deactivated', async () => {
  await control(sim, 'POST', '/_sim/limits', { requireReceiverOnDeactivate: false });
  let r = await gql(sim, UPDATE, { variables: { input: { id: '111', active: false } } });
  assert.equal(r.body.data.updateOrganizationMembership.messages, null);
  r = await gql(sim, UPDATE, { variables: { input: { id: '110', active: false } } });
  assert.deepEqual(r.body.data.updateOrganizationMembership.messages, [{ field: 'active', message: 'The organization owner cannot be deactivated' }]);
  r = await gql(sim, UPDATE, { variables: { input: { id: '999', active: false } } });
  assert.deepEqual(r.body.data.updateOrganizationMembership.messages, [{ field: 'id', message: 'Organization membership not found' }]);
});

test('updateOrganizationMember updates profile fields; duplicate email is a message', async () => {
  let r = await gql(sim, MEMBER, { variables: { input: { id: '12', first_name: 'Susan', phone_number: '555-0199', timezone: 'Europe/Paris' } } });
  assert.deepEqual(r.body.data.updateOrganizationMember, { user: { id: '12', first_name: 'Susan', email: 'sue.support@example.com', phone_number: '555-0199', timezone: 'Europe/Paris' }, messages: null });
  r = await gql(sim, MEMBER, { variables: { input: { id: '12', email: 'Owner@Example.com' } } });
  assert.deepEqual(r.body.data.updateOrganizationMember.messages, [{ field: 'email', message: 'Email has already been taken' }]);
  r = await gql(sim, MEMBER, { variables: { input: { id: '20', first_name: 'X' } } });
  assert.deepEqual(r.body.data.updateOrganizationMember.messages, [{ field: 'id', message: 'Organization member not found' }]);
});

test('a provider key may not manage members: Unauthorized error (default) or messages (switch)', async () => {
  const input = { organization_id: '4001', first_name: 'A', last_name: 'B', email: 'ab@example.com' };
  let r = await gql(sim, CREATE, { key: PROVIDER, variables: { input } });
  assert.equal(r.status, 200);
  assert.equal(r.body.data.createOrganizationMembership, null);
  assert.deepEqual(r.body.errors.map((e) => [e.message, e.path]), [['Unauthorized', ['createOrganizationMembership']]]);
  r = await gql(sim, UPDATE, { key: PROVIDER, variables: { input: { id: '112', is_admin: true } } });
  assert.equal(r.body.errors[0].message, 'Unauthorized');
  r = await gql(sim, MEMBER, { key: PROVIDER, variables: { input: { id: '12', first_name: 'X' } } });
  assert.equal(r.body.errors[0].message, 'Unauthorized');
  r = await gql(sim, MEMBER, { key: PROVIDER, variables: { input: { id: '11', phone_number: '555-0123' } } });
  assert.equal(r.body.data.updateOrganizationMember.user.phone_number, '555-0123'); // own profile is allowed
  await control(sim, 'POST', '/_sim/limits', { permissionErrors: 'messages' });
  r = await gql(sim, CREATE, { key: PROVIDER, variables: { input } });
  assert.equal(r.body.errors, undefined);
  assert.deepEqual(r.body.data.createOrganizationMembership, { organizationMembership: null, currentUser: null, messages: [{ field: 'base', message: 'You do not have permission to add members' }] });
});
