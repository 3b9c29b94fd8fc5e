// Shared test helpers: an in-process simulator on 127.0.0.1:0 and small request wrappers.
import { createSimulator } from '../src/app.mjs';

export const ADMIN = 'gh_sbox_test_admin';
export const PROVIDER = 'gh_sbox_test_provider';

/** Org 4001; admin owner 10, provider 11, support member 12; clients 20..24 (22 archived). */
export function testSeed() {
  return {
    organization: { id: '4001', name: 'Test Nutrition' },
    api_keys: [
      { key: ADMIN, role: 'admin', user_id: '10' },
      { key: PROVIDER, role: 'provider', user_id: '11' },
    ],
    members: [
      { id: '10', membership_id: '110', email: 'owner@example.com', first_name: 'Olive', last_name: 'Owner', org_role: 'Standard', is_admin: true, is_owner: true },
      { id: '11', membership_id: '111', email: 'pat.provider@example.com', first_name: 'Pat', last_name: 'Provider', org_role: 'Standard' },
      { id: '12', membership_id: '112', email: 'sue.support@example.com', first_name: 'Sue', last_name: 'Support', org_role: 'Support' },
    ],
    clients: [
      { id: '20', email: 'ann.able@example.com', first_name: 'Ann', last_name: 'Able', dob: '1980-01-02', record_identifier: 'R-20', dietitian_id: '11', created_at: '2025-01-01T00:00:00Z' },
      { id: '21', email: 'bob.baker@example.com', first_name: 'Bob', last_name: 'Baker', dietitian_id: '10', created_at: '2025-01-02T00:00:00Z' },
      { id: '22', email: 'cat.cole@example.com', first_name: 'Cat', last_name: 'Cole', dietitian_id: '10', active: false, archived_at: '2025-03-01T10:00:00Z', created_at: '2025-01-03T00:00:00Z' },
      { id: '23', email: 'dan.dale@example.com', first_name: 'Dan', last_name: 'Dale', dietitian_id: '11', record_identifier: 'R-23', created_at: '2025-01-04T00:00:00Z' },
      { id: '24', email: 'ann.ames@example.com', first_name: 'Ann', last_name: 'Ames', dietitian_id: '10', created_at: '2025-01-05T00:00:00Z' },
    ],
  };
}

export async function startSim({ seed = testSeed(), settings = {}, faults = [] } = {}) {
  const sim = createSimulator({ seed, settings: { rateLimit: 0, webhookBackoffMs: 5, ...settings }, faults });
  await sim.listen(0);
  return sim;
}

/**
 * POSTs a GraphQL request. `key` null sends no Authorization header; `version` null sends no version
 * header. Returns {status, headers, body} (body parsed when it is JSON, else {text}).
 */
export async function gql(sim, query, { variables, key = ADMIN, scheme = 'Basic', version = null, source = 'API', headers = {}, signal } = {}) {
  const h = { 'Content-Type': 'application/json', ...headers };
  if (key !== null) h.Authorization = `${scheme} ${key}`;
  if (source !== null) h.AuthorizationSource = source;
  if (version !== null) h['Healthie-GraphQL-API-Version'] = version;
  const res = await fetch(sim.url, { method: 'POST', headers: h, body: JSON.stringify({ query, variables }), signal });
  const text = await res.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = { text };
  }
  return { status: res.status, headers: res.headers, body };
}

export const V2026 = '2026-01-01';

export async function control(sim, method, path, body) {
  const res = await fetch(`http://127.0.0.1:${sim.port}${path}`, {
    method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

export const ids = (list) => list.map((u) => u.id);
