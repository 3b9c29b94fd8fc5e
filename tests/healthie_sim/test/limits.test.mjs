// Limits: complexity, depth, page size, token bucket per key, latency.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSim, gql, control, PROVIDER, V2026 } from '../test_support/helpers.mjs';

let sim;
before(async () => { sim = await startSim(); });
after(() => sim.close());

const FIELDS = 'id email first_name last_name dob phone_number record_identifier active archived_at created_at updated_at dietitian_id timezone gender sex metadata npi qualifications user_group_id skipped_email';

test('complexity: a connection without first/last counts 100 nodes; over 2000 is rejected with Healthie\'s text', async () => {
  const r = await gql(sim, `{ users { nodes { ${FIELDS} } } }`, { version: V2026 });
  // 1 (users) + 100 * (1 nodes + 20 scalars) = 2101
  assert.deepEqual(r.body.errors, [{ message: 'Query has complexity of 2101, which exceeds max complexity of 2000' }]);
  assert.equal(r.body.data, undefined);
  const ok = await gql(sim, `{ users(first: 50) { nodes { ${FIELDS} } } }`, { version: V2026 });
  assert.equal(ok.body.errors, undefined);
});

test('complexity: a baseline list multiplies by page_size', async () => {
  const r = await gql(sim, `{ users(page_size: 100) { ${FIELDS} } }`);
  assert.deepEqual(r.body.errors, [{ message: 'Query has complexity of 2001, which exceeds max complexity of 2000' }]);
  const ok = await gql(sim, `{ users(page_size: 99) { ${FIELDS} } }`);
  assert.equal(ok.body.errors, undefined);
  const vars = await gql(sim, `query($n: Int) { users(page_size: $n) { ${FIELDS} } }`, { variables: { n: 100 } });
  assert.match(vars.body.errors[0].message, /^Query has complexity of 2001/);
});

test('depth over 25 is rejected with Healthie\'s text', async () => {
  let sel = 'id';
  for (let i = 0; i < 14; i++) sel = `id dietitian { ${sel} }`;
  const ok = await gql(sim, `{ currentUser { organization_membership { user { ${sel} } } } }`); // depth 3 + 15 = 18
  assert.equal(ok.body.errors, undefined);
  for (let i = 0; i < 12; i++) sel = `id dietitian { ${sel} }`;
  const r = await gql(sim, `{ currentUser { ${sel} } }`); // 1 + 27 = 28
  assert.deepEqual(r.body.errors, [{ message: 'Query has depth of 28, which exceeds max depth of 25' }]);
});

test('page_size above 100 is clamped by default, or rejected with pageSizePolicy=error', async () => {
  const seed = { organization: { id: '1' }, members: [{ id: 'm', email: 'm@example.com', first_name: 'M', last_name: 'M', is_admin: true }], api_keys: [{ key: 'k', role: 'admin', user_id: 'm' }], clients: [] };
  for (let i = 0; i < 150; i++) seed.clients.push({ id: `c${i}`, email: `c${i}@example.com`, first_name: 'C', last_name: `L${String(i).padStart(3, '0')}`, dietitian_id: 'm' });
  const big = await startSim({ seed, settings: { maxComplexity: 100000 } });
  try {
    const r = await gql(big, '{ users(page_size: 150) { id } }', { key: 'k' });
    assert.equal(r.body.data.users.length, 100);
    const c = await gql(big, '{ users(first: 150) { nodes { id } page_info { has_next_page } } }', { key: 'k', version: V2026 });
    assert.equal(c.body.data.users.nodes.length, 100);
    assert.equal(c.body.data.users.page_info.has_next_page, true);
    await control(big, 'POST', '/_sim/limits', { pageSizePolicy: 'error' });
    const e = await gql(big, '{ users(page_size: 150) { id } }', { key: 'k' });
    assert.equal(e.body.errors[0].message, "Argument 'page_size' must be less than or equal to 100, got 150");
    assert.deepEqual(e.body.data, { users: null });
  } finally {
    await big.close();
  }
});

test('token bucket per key: TOO_MANY_REQUESTS in errors with HTTP 200, or HTTP 429; never Retry-After', async () => {
  await control(sim, 'POST', '/_sim/limits', { rateLimit: 0.001, rateBurst: 3 }); // refill too slow to matter on a slow machine
  try {
    const statuses = [];
    let limited;
    for (let i = 0; i < 4; i++) {
      const r = await gql(sim, '{ currentUser { id } }');
      statuses.push(r.status);
      if (r.body.errors) limited = r;
    }
    assert.deepEqual(statuses, [200, 200, 200, 200]);
    assert.deepEqual(limited.body, { errors: [{ message: 'Too many requests. Please try again later.', extensions: { code: 'TOO_MANY_REQUESTS' } }] });
    assert.equal(limited.headers.get('retry-after'), null);
    // Another key has its own bucket.
    const other = await gql(sim, '{ currentUser { id } }', { key: PROVIDER });
    assert.deepEqual(other.body.data.currentUser, { id: '11' });
    await control(sim, 'POST', '/_sim/limits', { rateLimitMode: 'http429' });
    const r = await gql(sim, '{ currentUser { id } }');
    assert.equal(r.status, 429);
    assert.equal(r.body.errors[0].extensions.code, 'TOO_MANY_REQUESTS');
    assert.equal(r.headers.get('retry-after'), null);
    const counters = (await control(sim, 'GET', '/_sim/counters')).body;
    assert.ok(counters.by_outcome.rate_limited >= 2);
  } finally {
    await control(sim, 'POST', '/_sim/limits', { rateLimit: 0, rateBurst: 0, rateLimitMode: 'errors' });
  }
});

test('latency: fixed plus jitter delays every answer', async () => {
  await control(sim, 'POST', '/_sim/limits', { latencyMs: 60, jitterMs: 20 });
  try {
    const t0 = performance.now();
    await gql(sim, '{ currentUser { id } }');
    const ms = performance.now() - t0;
    assert.ok(ms >= 59 && ms < 1000, `took ${ms} ms`);
  } finally {
    await control(sim, 'POST', '/_sim/limits', { latencyMs: 0, jitterMs: 0 });
  }
});

test('limits reject bad values with the key named', async () => {
  const r = await control(sim, 'POST', '/_sim/limits', { maxDepth: -1 });
  assert.deepEqual(r, { status: 400, body: { error: 'maxDepth: expected a number >= 1, got -1' } });
  const u = await control(sim, 'POST', '/_sim/limits', { rateLimitMod: 'x' });
  assert.equal(u.status, 400);
  assert.match(u.body.error, /^rateLimitMod: unknown setting/);
});
