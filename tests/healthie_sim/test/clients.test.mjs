// Client mutations: createClient, updateClient (partial, archive/unarchive), bulkUpdateClients,
// validation failures as `messages`, welcome emails, timestamps per version.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startSim, gql, control, PROVIDER, V2026 } from '../test_support/helpers.mjs';

let sim;
beforeEach(async () => { sim = await startSim(); });
afterEach(() => sim.close());

const CREATE = `mutation($input: createClientInput) { createClient(input: $input) {
  user { id email first_name last_name dob dietitian_id active created_at record_identifier } messages { field message } } }`;
const UPDATE = `mutation($input: updateClientInput) { updateClient(input: $input) {
  user { id first_name last_name email phone_number active archived_at updated_at } messages { field message } } }`;

const create = (input, opts) => gql(sim, CREATE, { variables: { input }, ...opts });
const update = (input, opts) => gql(sim, UPDATE, { variables: { input }, ...opts });

test('createClient creates, assigns the caller as dietitian and records a welcome email', async () => {
  const r = await create({ first_name: 'Eve', last_name: 'Evans', email: 'Eve@Example.com', dob: '1999-09-09', record_identifier: 'R-99' });
  assert.equal(r.status, 200);
  const { user, messages } = r.body.data.createClient;
  assert.equal(messages, null);
  assert.equal(user.dietitian_id, '10');
  assert.equal(user.active, true);
  assert.match(user.created_at, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0000$/);
  const emails = (await control(sim, 'GET', '/_sim/emails')).body.emails;
  assert.deepEqual(emails.map((e) => [e.kind, e.to, e.user_id]), [['welcome', 'Eve@Example.com', user.id]]);
  const found = await gql(sim, '{ users(keywords: "eve@example.com") { id } }');
  assert.deepEqual(found.body.data.users, [{ id: user.id }]);
});

test('createClient with dont_send_welcome sends nothing; explicit dietitian_id is kept', async () => {
  const r = await create({ first_name: 'Fay', last_name: 'Fox', email: 'fay@example.com', dietitian_id: '11', dont_send_welcome: true });
  assert.equal(r.body.data.createClient.user.dietitian_id, '11');
  assert.deepEqual((await control(sim, 'GET', '/_sim/emails')).body.emails, []);
});

test('createClient validation failures come back as messages with a null user', async () => {
  const cases = [
    [{ last_name: 'X', email: 'x@example.com' }, [{ field: 'first_name', message: "First name can't be blank" }]],
    [{ first_name: 'X', last_name: ' ', email: 'x@example.com' }, [{ field: 'last_name', message: "Last name can't be blank" }]],
    [{ first_name: 'X', last_name: 'Y', email: 'not-an-email' }, [{ field: 'email', message: 'Email is invalid' }]],
    [{ first_name: 'X', last_name: 'Y' }, [{ field: 'email', message: "Email can't be blank" }]],
    [{ first_name: 'X', last_name: 'Y', email: 'x@example.com', dob: '02/03/1990' }, [{ field: 'dob', message: 'Dob is invalid. Use the format YYYY-MM-DD' }]],
    [{ first_name: 'X', last_name: 'Y', email: 'x@example.com', dob: '1990-02-30' }, [{ field: 'dob', message: 'Dob is invalid. Use the format YYYY-MM-DD' }]],
    [{ first_name: 'X', last_name: 'Y', email: 'x@example.com', dietitian_id: '999' }, [{ field: 'dietitian_id', message: 'Dietitian not found' }]],
    [{ first_name: 'Ann', last_name: 'Able', email: 'ANN.ABLE@example.com' }, [{ field: 'email', message: 'A client with this email, first name and last name already exists' }]],
  ];
  for (const [input, messages] of cases) {
    const r = await create(input);
    assert.equal(r.status, 200);
    assert.equal(r.body.errors, undefined);
    assert.deepEqual(r.body.data.createClient, { user: null, messages }, JSON.stringify(input));
  }
  const count = await gql(sim, '{ usersCount }');
  assert.equal(count.body.data.usersCount, 5);
});

test('createClient: same email with a different name is allowed; skipped_email needs no email', async () => {
  const r = await create({ first_name: 'Annie', last_name: 'Able', email: 'ann.able@example.com' });
  assert.equal(r.body.data.createClient.messages, null);
  const s = await create({ first_name: 'No', last_name: 'Mail', skipped_email: true });
  assert.equal(s.body.data.createClient.messages, null);
});

test('updateClient is partial', async () => {
  const r = await update({ id: '20', phone_number: '555-0100' });
  const u = r.body.data.updateClient.user;
  assert.deepEqual([u.first_name, u.last_name, u.email, u.phone_number], ['Ann', 'Able', 'ann.able@example.com', '555-0100']);
});

test('updateClient active:false archives with archived_at, active:true unarchives', async () => {
  const a = await update({ id: '21', active: false });
  assert.equal(a.body.data.updateClient.user.active, false);
  assert.match(a.body.data.updateClient.user.archived_at, / \+0000$/);
  const listed = await gql(sim, '{ users(active_status: "archived") { id } }');
  assert.deepEqual(listed.body.data.users.map((x) => x.id).sort(), ['21', '22']);
  const b = await update({ id: '21', active: true });
  assert.equal(b.body.data.updateClient.user.active, true);
  assert.equal(b.body.data.updateClient.user.archived_at, null);
});

test('updateClient: unknown id, bad email, duplicate and blank name are messages', async () => {
  assert.deepEqual((await update({ id: '999', first_name: 'Z' })).body.data.updateClient, { user: null, messages: [{ field: 'id', message: 'Client not found' }] });
  assert.deepEqual((await update({ id: '10', first_name: 'Z' })).body.data.updateClient.messages, [{ field: 'id', message: 'Client not found' }]);
  assert.deepEqual((await update({ id: '20', email: 'bad@' })).body.data.updateClient.messages, [{ field: 'email', message: 'Email is invalid' }]);
  assert.deepEqual((await update({ id: '24', last_name: 'Able', email: 'ann.able@example.com' })).body.data.updateClient.messages,
    [{ field: 'email', message: 'A client with this email, first name and last name already exists' }]);
  assert.deepEqual((await update({ id: '20', first_name: '' })).body.data.updateClient.messages, [{ field: 'first_name', message: "First name can't be blank" }]);
});

test('updateClient resend_welcome sends the email and applies nothing else', async () => {
  const r = await update({ id: '20', resend_welcome: true, first_name: 'Changed' });
  assert.equal(r.body.data.updateClient.user.first_name, 'Ann');
  const emails = (await control(sim, 'GET', '/_sim/emails')).body.emails;
  assert.deepEqual(emails.map((e) => [e.kind, e.user_id, e.resend]), [['welcome', '20', true]]);
});

test('bulkUpdateClients archives the listed clients and reports unknown ids while applying the rest', async () => {
  const r = await gql(sim, 'mutation { bulkUpdateClients(input: {ids: ["20", "999"]}) { users { id active } messages { field message } } }');
  assert.deepEqual(r.body.data.bulkUpdateClients, { users: [{ id: '20', active: false }], messages: [{ field: 'ids', message: 'Client 999 not found' }] });
  const u = await gql(sim, 'mutation { bulkUpdateClients(input: {ids: ["20"], active_status: true}) { users { id active } messages { message } } }');
  assert.deepEqual(u.body.data.bulkUpdateClients, { users: [{ id: '20', active: true }], messages: null });
});

test('2026 shape: ISO8601 timestamps and dob; ID-typed inputs', async () => {
  const r = await gql(sim, `mutation { createClient(input: {first_name: "Iso", last_name: "Time", email: "iso@example.com", dob: "2000-01-31", record_identifier: "77"}) {
    user { id created_at dob archived_at } messages { message } } }`, { version: V2026 });
  const u = r.body.data.createClient.user;
  assert.match(u.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(u.dob, '2000-01-31');
  const a = await gql(sim, `mutation { updateClient(input: {id: "${u.id}", active: false}) { user { archived_at } } }`, { version: V2026 });
  assert.match(a.body.data.updateClient.user.archived_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
});

test('a provider creating a client for another dietitian cannot see it afterwards', async () => {
  const r = await create({ first_name: 'Gus', last_name: 'Gray', email: 'gus@example.com', dietitian_id: '10' }, { key: PROVIDER });
  const id = r.body.data.createClient.user.id;
  const seen = await gql(sim, `{ user(id: "${id}") { id } users(keywords: "gus") { id } }`, { key: PROVIDER });
  assert.deepEqual(seen.body.data, { user: null, users: [] });
  const upd = await update({ id, first_name: 'G' }, { key: PROVIDER });
  assert.deepEqual(upd.body.data.updateClient.messages, [{ field: 'id', message: 'Client not found' }]);
});
