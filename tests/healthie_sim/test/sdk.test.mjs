// Outside-client check: the public npm package @awell-health/healthie-sdk (GenQL, typed over Healthie's
// baseline schema) runs unmodified against the simulator. It sends Basic + AuthorizationSource and no
// version header, so it exercises the baseline shape exactly as it would against Healthie's sandbox.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startSim, control, ADMIN } from '../test_support/helpers.mjs';

const require = createRequire(import.meta.url);
let HealthieSdk;
try {
  ({ HealthieSdk } = require('@awell-health/healthie-sdk'));
} catch (e) {
  HealthieSdk = null;
}
const skip = HealthieSdk ? false : '@awell-health/healthie-sdk is not installed (run npm ci in tests/healthie_sim)';

let sim;
let sdk;
before(async () => {
  sim = await startSim();
  if (HealthieSdk) sdk = new HealthieSdk({ apiUrl: sim.url, apiKey: ADMIN });
});
after(() => sim.close());

test('healthie-sdk: currentUser', { skip }, async () => {
  const r = await sdk.client.query({ currentUser: { id: true, email: true, first_name: true, is_org_admin: true } });
  assert.deepEqual(r.currentUser, { id: '10', email: 'owner@example.com', first_name: 'Olive', is_org_admin: true });
});

test('healthie-sdk: users with keywords, paging and usersCount', { skip }, async () => {
  const r = await sdk.client.query({
    users: { __args: { keywords: 'ann', page_size: 1, offset: 1, order_by: 'LAST_NAME_ASC' }, id: true, last_name: true, cursor: true },
    usersCount: { __args: { keywords: 'ann' } },
  });
  assert.deepEqual(r.users.map((u) => [u.id, u.last_name]), [['24', 'Ames']]);
  assert.equal(r.usersCount, 2);
});

test('healthie-sdk: createClient then updateClient (edit and archive)', { skip }, async () => {
  const created = await sdk.client.mutation({
    createClient: {
      __args: { input: { first_name: 'Sdk', last_name: 'User', email: 'sdk.user@example.com', dietitian_id: '11', dont_send_welcome: true } },
      user: { id: true, dietitian_id: true, created_at: true },
      messages: { field: true, message: true },
    },
  });
  assert.equal(created.createClient.messages, null);
  const { id } = created.createClient.user;
  assert.equal(created.createClient.user.dietitian_id, '11');
  const updated = await sdk.client.mutation({
    updateClient: {
      __args: { input: { id, phone_number: '555-0142', active: false } },
      user: { id: true, phone_number: true, active: true, archived_at: true, first_name: true },
      messages: { field: true, message: true },
    },
  });
  assert.equal(updated.updateClient.messages, null);
  assert.equal(updated.updateClient.user.phone_number, '555-0142');
  assert.equal(updated.updateClient.user.first_name, 'Sdk');
  assert.equal(updated.updateClient.user.active, false);
  assert.match(updated.updateClient.user.archived_at, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0000$/);
  const invalid = await sdk.client.mutation({
    createClient: { __args: { input: { first_name: 'Sdk', last_name: 'User', email: 'SDK.user@example.com' } }, user: { id: true }, messages: { field: true, message: true } },
  });
  assert.deepEqual(invalid.createClient, { user: null, messages: [{ field: 'email', message: 'A client with this email, first name and last name already exists' }] });
  const counters = (await control(sim, 'GET', '/_sim/counters')).body.by_operation;
  assert.equal(counters.createClient, 2);
  assert.equal(counters.updateClient, 1);
});

test('healthie-sdk: an invalid key fails with "API Key is Invalid" (the SDK\'s own CI expectation)', { skip }, async () => {
  const bad = new HealthieSdk({ apiUrl: sim.url, apiKey: 'gh_sbox_not_a_key' });
  await assert.rejects(bad.client.query({ currentUser: { id: true } }), /API Key is Invalid/);
});
