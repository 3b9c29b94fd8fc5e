// Webhooks: roster events, body shape, Healthie-style signature, retries with backoff.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import crypto from 'node:crypto';
import { startSim, gql, control, PROVIDER, V2026 } from '../test_support/helpers.mjs';

let sim;
let receiver;
let received;
let failFirst;

beforeEach(async () => {
  sim = await startSim();
  received = [];
  failFirst = 0;
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body });
      if (failFirst > 0) {
        failFirst -= 1;
        res.writeHead(500).end();
      } else res.writeHead(200).end('ok');
    });
  });
  await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
});
afterEach(async () => {
  await sim.close();
  await new Promise((r) => receiver.close(r));
});

const hookUrl = (path = '/hooks/healthie?source=sim') => `http://127.0.0.1:${receiver.address().port}${path}`;

async function waitFor(pred, ms = 2000) {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Verifies a delivery the way Healthie's docs sample does (api-facts §8). */
function verify(d, secret) {
  const u = new URL(`http://x${d.url}`);
  const digest = d.headers['content-digest'].split('=')[1];
  assert.equal(digest, crypto.createHash('sha256').update(d.body).digest('hex'));
  const data = `post ${u.pathname} ${u.search.slice(1)} ${digest} application/json ${d.body.length}`;
  const expected = crypto.createHmac('sha256', secret).update(data).digest('hex');
  assert.equal(d.headers.signature, `sig1=${expected}`);
  assert.match(d.headers['signature-input'], /^sig1=\("@method" "@path" "@query" "content-digest" "content-type" "content-length"\)$/);
  assert.equal(d.headers['content-type'], 'application/json');
}

test('patient.created and patient.updated are delivered, signed, with thin bodies', async () => {
  const sub = (await control(sim, 'POST', '/_sim/webhooks', { url: hookUrl(), secret: 'whsec_test' })).body;
  assert.equal(sub.secret, 'whsec_test');
  const c = await gql(sim, 'mutation { createClient(input: {first_name: "W", last_name: "H", email: "wh@example.com"}) { user { id } } }');
  const id = c.body.data.createClient.user.id;
  await gql(sim, `mutation { updateClient(input: {id: "${id}", first_name: "Wes", email: "wes@example.com", active: false}) { user { id } } }`);
  await waitFor(() => received.length === 2);
  const bodies = received.map((d) => JSON.parse(d.body)).sort((a, b) => a.event_type.localeCompare(b.event_type));
  assert.deepEqual(bodies, [
    { resource_id: id, resource_id_type: 'User', event_type: 'patient.created', changed_fields: [] },
    { resource_id: id, resource_id_type: 'User', event_type: 'patient.updated', changed_fields: ['first_name', 'email', 'active', 'archived_at'] },
  ]);
  for (const d of received) verify(d, 'whsec_test');
});

test('staff events: organization_membership.created/updated and organization_member.updated', async () => {
  await control(sim, 'POST', '/_sim/webhooks', { url: hookUrl('/h'), secret: 's', events: ['organization_membership.created', 'organization_membership.updated', 'organization_member.updated'] });
  const c = await gql(sim, 'mutation { createOrganizationMembership(input: {organization_id: "4001", first_name: "N", last_name: "M", email: "nm@example.com"}) { organizationMembership { id user { id } } } }');
  const m = c.body.data.createOrganizationMembership.organizationMembership;
  await gql(sim, `mutation { updateOrganizationMembership(input: {id: "${m.id}", org_role: "Support"}) { messages { message } } }`);
  await gql(sim, `mutation { updateOrganizationMember(input: {id: "${m.user.id}", phone_number: "555-0111"}) { messages { message } } }`);
  await gql(sim, 'mutation { createClient(input: {first_name: "Not", last_name: "Sent", email: "ns@example.com"}) { user { id } } }');
  await waitFor(() => received.length === 3);
  await new Promise((r) => setTimeout(r, 30));
  const bodies = received.map((d) => JSON.parse(d.body)).sort((a, b) => a.event_type.localeCompare(b.event_type));
  assert.deepEqual(bodies, [
    { resource_id: m.user.id, resource_id_type: 'OrganizationMember', event_type: 'organization_member.updated', changed_fields: ['phone_number'] },
    { resource_id: m.id, resource_id_type: 'OrganizationMembership', event_type: 'organization_membership.created', changed_fields: [] },
    { resource_id: m.id, resource_id_type: 'OrganizationMembership', event_type: 'organization_membership.updated', changed_fields: ['org_role'] },
  ]);
});

test('a non-2xx answer is retried with backoff until it succeeds', async () => {
  failFirst = 2;
  await control(sim, 'POST', '/_sim/webhooks', { url: hookUrl('/r'), secret: 's' });
  await gql(sim, 'mutation { updateClient(input: {id: "20", phone_number: "555-0000"}) { user { id } } }');
  await waitFor(() => received.length === 3);
  await waitFor(() => sim.webhooks.deliveries[0].status === 'delivered');
  const d = (await control(sim, 'GET', '/_sim/webhooks')).body.deliveries[0];
  assert.deepEqual(d.attempts.map((a) => a.status), [500, 500, 200]);
  assert.equal(d.event_type, 'patient.updated');
});

test('retries stop after webhookMaxAttempts; should_retry false sends once', async () => {
  failFirst = 100;
  await control(sim, 'POST', '/_sim/limits', { webhookMaxAttempts: 3 });
  await control(sim, 'POST', '/_sim/webhooks', { url: hookUrl('/a'), secret: 's' });
  await control(sim, 'POST', '/_sim/webhooks', { url: hookUrl('/b'), secret: 's', should_retry: false });
  await gql(sim, 'mutation { updateClient(input: {id: "20", phone_number: "555-0001"}) { user { id } } }');
  await waitFor(() => sim.webhooks.deliveries.every((d) => d.status === 'failed'));
  const byUrl = Object.fromEntries(sim.webhooks.deliveries.map((d) => [new URL(d.url).pathname, d.attempts.length]));
  assert.deepEqual(byUrl, { '/a': 3, '/b': 1 });
});

test('base64 digest mode (switch) keeps "=" padding that a naive split("=") parser gets wrong', async () => {
  await control(sim, 'POST', '/_sim/limits', { webhookDigest: 'base64' });
  await control(sim, 'POST', '/_sim/webhooks', { url: hookUrl('/b64'), secret: 's' });
  await gql(sim, 'mutation { updateClient(input: {id: "20", phone_number: "555-0002"}) { user { id } } }');
  await waitFor(() => received.length === 1);
  const d = received[0];
  assert.equal(d.headers['content-digest'], `SHA-256=${crypto.createHash('sha256').update(d.body).digest('base64')}`);
});

test('createWebhook (GraphQL) registers a signed subscription in both shapes; providers are refused', async () => {
  const base = await gql(sim, `mutation($url: String) { createWebhook(input: {url: $url, event_type: "patient.created", webhook_events: [{event_type: "patient.updated"}]}) {
    webhook { id url is_enabled should_retry signature_secret event_type webhook_events { event_type } } messages { field message } } }`, { variables: { url: hookUrl('/gql') } });
  const w = base.body.data.createWebhook.webhook;
  assert.equal(base.body.data.createWebhook.messages, null);
  assert.deepEqual(w.webhook_events.map((e) => e.event_type), ['patient.created', 'patient.updated']);
  assert.match(w.signature_secret, /^whsec_[0-9a-f]{32}$/);
  const v26 = await gql(sim, `mutation { createWebhook(input: {url: "${hookUrl('/v26')}", event_type: ORGANIZATION_MEMBER_UPDATED}) { webhook { event_type } messages { message } } }`, { version: V2026 });
  assert.deepEqual(v26.body.data.createWebhook, { webhook: { event_type: 'ORGANIZATION_MEMBER_UPDATED' }, messages: null });
  const bad = await gql(sim, 'mutation { createWebhook(input: {url: "x", event_type: "appointment.created"}) { webhook { id } messages { field message } } }');
  assert.deepEqual(bad.body.data.createWebhook.messages.map((m) => m.field), ['event_type']);
  const denied = await gql(sim, `mutation { createWebhook(input: {url: "${hookUrl()}", event_type: "patient.created"}) { webhook { id } } }`, { key: PROVIDER });
  assert.equal(denied.body.errors[0].message, 'Unauthorized');
  await gql(sim, 'mutation { createClient(input: {first_name: "G", last_name: "Q", email: "gq@example.com"}) { user { id } } }');
  await waitFor(() => received.length === 1);
  assert.equal(received[0].url, '/gql');
  verify(received[0], w.signature_secret);
});

test('bulkUpdateClients sends patient.updated per client unless suppress_patient_updated_webhooks (2026)', async () => {
  await control(sim, 'POST', '/_sim/webhooks', { url: hookUrl('/bulk'), secret: 's' });
  await gql(sim, 'mutation { bulkUpdateClients(input: {ids: ["20", "21"]}) { users { id } } }');
  await waitFor(() => received.length === 2);
  assert.deepEqual(received.map((d) => JSON.parse(d.body)).map((b) => [b.resource_id, b.changed_fields]).sort(),
    [['20', ['active', 'archived_at']], ['21', ['active', 'archived_at']]]);
  await gql(sim, 'mutation { bulkUpdateClients(input: {ids: ["20"], active_status: true, suppress_patient_updated_webhooks: true}) { users { id active } } }', { version: V2026 });
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(received.length, 2);
  assert.equal(sim.store.users.get('20').active, true);
});
