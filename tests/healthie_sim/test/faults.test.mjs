// Faults: HTTP 5xx, connection reset, hang, truncated JSON, lost response; by nth request or probability.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startSim, gql, control } from '../test_support/helpers.mjs';
import { Faults, parseFaultSpec } from '../src/faults.mjs';

let sim;
beforeEach(async () => { sim = await startSim(); });
afterEach(() => sim.close());

const setFaults = (faults) => control(sim, 'POST', '/_sim/faults', { faults });

/** A raw request, so that resets and truncated bodies are observed exactly. */
function raw(query, { timeoutMs = 2000 } = {}) {
  return new Promise((resolve) => {
    const body = JSON.stringify({ query });
    const req = http.request(sim.url, {
      method: 'POST', agent: false,
      headers: { 'Content-Type': 'application/json', Authorization: 'Basic gh_sbox_test_admin', AuthorizationSource: 'API' },
    }, (res) => {
      let text = '';
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode, text }));
      res.on('error', (e) => resolve({ error: e.code ?? e.message }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error('client timeout')));
    req.on('error', (e) => resolve({ error: e.code ?? e.message }));
    req.end(body);
  });
}

test('http500/502/503 on the nth request, once', async () => {
  await setFaults(['http500:nth=1', 'http502:nth=2', 'http503:nth=3']);
  const got = [];
  for (let i = 0; i < 4; i++) got.push((await raw('{ currentUser { id } }')).status);
  assert.deepEqual(got, [500, 502, 503, 200]);
});

test('connection reset before the request runs: the mutation is NOT applied', async () => {
  await setFaults(['reset:nth=1:op=createClient']);
  const r = await raw('mutation { createClient(input: {first_name: "R", last_name: "S", email: "rs@example.com"}) { user { id } } }');
  assert.equal(r.error, 'ECONNRESET');
  const n = await gql(sim, '{ usersCount(keywords: "rs@example.com") }');
  assert.equal(n.body.data.usersCount, 0);
});

test('hang: no answer until the client gives up', async () => {
  await setFaults(['hang:nth=1']);
  const t0 = performance.now();
  const r = await raw('{ currentUser { id } }', { timeoutMs: 200 });
  assert.equal(r.error, 'client timeout');
  assert.ok(performance.now() - t0 >= 190);
  assert.equal((await raw('{ currentUser { id } }')).status, 200);
});

test('truncate: HTTP 200 with half a JSON document', async () => {
  await setFaults(['truncate:nth=1']);
  const r = await raw('{ users { id email } }');
  assert.equal(r.status, 200);
  assert.throws(() => JSON.parse(r.text));
  assert.ok(r.text.startsWith('{"data":{"users":['));
});

test('lost_response: the mutation IS applied and the connection dropped', async () => {
  await setFaults([{ kind: 'lost_response', nth: 1, op: 'createClient' }]);
  const r = await raw('mutation { createClient(input: {first_name: "Lo", last_name: "St", email: "lost@example.com"}) { user { id } } }');
  assert.ok(r.error, 'expected a transport error');
  const n = await gql(sim, '{ users(keywords: "lost@example.com") { id first_name } }');
  assert.equal(n.body.data.users.length, 1);
  const log = (await control(sim, 'GET', '/_sim/requests')).body.requests;
  assert.equal(log[0].outcome, 'fault:lost_response');
});

test('null_payload: the mutation IS applied and answered as a null payload plus errors', async () => {
  await setFaults(['null_payload:nth=1:op=createClient']);
  const r = await raw('mutation { createClient(input: {first_name: "Nu", last_name: "Ll", email: "null@example.com"}) { user { id } } }');
  assert.equal(r.status, 200);
  assert.deepEqual(JSON.parse(r.text), {
    data: { createClient: null },
    errors: [{ message: 'Internal server error', path: ['createClient'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
  });
  const n = await gql(sim, '{ users(keywords: "null@example.com") { id } }');
  assert.equal(n.body.data.users.length, 1);
  const log = (await control(sim, 'GET', '/_sim/requests')).body.requests;
  assert.equal(log[0].outcome, 'fault:null_payload');
});

test('probability faults are repeatable for a given seed', () => {
  const pattern = () => {
    const f = new Faults(42);
    f.set([parseFaultSpec('http503:p=0.3')]);
    return Array.from({ length: 40 }, () => (f.pick(['users']) ? 1 : 0)).join('');
  };
  const a = pattern();
  assert.equal(a, pattern());
  const hits = [...a].filter((c) => c === '1').length;
  assert.ok(hits > 4 && hits < 24, `hits ${hits}`);
});

test('fault rules are checked: bad kind and bad probability are named', async () => {
  let r = await setFaults(['explode:nth=1']);
  assert.equal(r.status, 400);
  assert.match(r.body.error, /kind must be one of http500, http502, http503, reset, hang, truncate, lost_response/);
  r = await setFaults([{ kind: 'http500', p: 2 }]);
  assert.match(r.body.error, /p must be between 0 and 1/);
  r = await control(sim, 'GET', '/_sim/faults');
  assert.deepEqual(r.body.faults, []);
});
