// Echo faults: answers that repeat the request (variables, input values, headers), as a careless
// server does; rosterform's tests use them to prove none of it is printed.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startSim, gql, control, ADMIN } from '../test_support/helpers.mjs';

let sim;
beforeEach(async () => { sim = await startSim(); });
afterEach(() => sim.close());

const setFaults = (faults) => control(sim, 'POST', '/_sim/faults', { faults });
const CREATE = `mutation($input: createClientInput) { createClient(input: $input) {
  user { id } messages { field message } } }`;

test('echo_variables answers a graphql-ruby coercion error quoting the values', async () => {
  await setFaults([{ kind: 'echo_variables', op: 'createClient', text: 'planted-42' }]);
  const r = await gql(sim, CREATE, { variables: { input: { first_name: 'Zed', email: 'zed@x.example' } } });
  const [error] = r.body.errors;
  assert.equal(error.message, 'Variable $input of type createClientInput was provided invalid value for '
    + 'first_name (Could not coerce value "Zed" to String), email (Could not coerce value "zed@x.example" to String), '
    + 'note (Could not coerce value "planted-42" to String)');
  assert.deepEqual(error.extensions.value, { first_name: 'Zed', email: 'zed@x.example' });
  assert.equal((await control(sim, 'GET', '/_sim/state')).body.clients.length, 5, 'the mutation did not run');
});

test('echo_variables on a query without variables quotes the text', async () => {
  await setFaults(['echo_variables:op=currentUser:text=planted']);
  const r = await gql(sim, '{ currentUser { id } }');
  assert.equal(r.body.errors[0].message, 'Variable $note of type JSON was provided invalid value for value (Could not coerce value "planted" to String)');
});

test('echo_messages answers validation messages that quote the input', async () => {
  await setFaults([{ kind: 'echo_messages', op: 'createClient' }]);
  const r = await gql(sim, CREATE, { variables: { input: { first_name: 'Zed' } } });
  assert.deepEqual(r.body.data.createClient.messages, [{ field: 'first_name', message: 'first_name "Zed" is invalid: Zed was not accepted' }]);
});

test('echo_headers adds a warning listing the request headers, key included', async () => {
  await setFaults(['echo_headers:nth=1']);
  const r = await gql(sim, '{ currentUser { id } }');
  assert.ok(r.body.data.currentUser.id);
  const warning = r.body.extensions.warnings.at(-1);
  assert.equal(warning.code, 'DEBUG_REQUEST_ECHO');
  assert.match(warning.message, new RegExp(`authorization: Basic ${ADMIN}`));
});
