// The simulator as an object: state, switches and the HTTP server that serves /graphql and /_sim/.
// server.mjs is only the command-line wrapper around createSimulator().
import './production_mode.mjs'; // must stay the first import (see the file)
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { applySettings, defaultConfig } from './config.mjs';
import { Store } from './store.mjs';
import { RequestLog } from './request_log.mjs';
import { Faults, AFTER_KINDS, parseFaultSpec } from './faults.mjs';
import { ECHO_KINDS, echoAfter, echoBefore } from './echo_faults.mjs';
import { Webhooks } from './webhooks.mjs';
import { RateLimiter } from './limits.mjs';
import { GraphqlEndpoint } from './graphql_endpoint.mjs';
import { resolveVersion } from './schema.mjs';
import { authenticate, INVALID_KEY_MESSAGE, keyHint, rateLimitIdentity } from './auth.mjs';
import { handleControl } from './control.mjs';

const MAX_BODY = 1 << 20;
const TOO_MANY = { errors: [{ message: 'Too many requests. Please try again later.', extensions: { code: 'TOO_MANY_REQUESTS' } }] };
const EMPTY_SEED = { organization: { id: '1', name: 'Empty organization' } };

/**
 * `options`: {seed (object), settings ({switch: value}), faults ([rule or spec string])}.
 * Returns the simulator; call `listen(port)` to serve and `close()` to stop.
 */
export function createSimulator(options = {}) {
  const config = applySettings(defaultConfig(), options.settings ?? {});
  const sim = {
    config,
    initial: { seed: options.seed ?? EMPTY_SEED, settings: { ...config }, faults: (options.faults ?? []).map((f) => (typeof f === 'string' ? parseFaultSpec(f) : f)) },
    store: null, // set by reset() below
    log: new RequestLog(),
    faults: new Faults(config.faultSeed),
    webhooks: new Webhooks(config),
    rateLimiter: new RateLimiter(),
    endpoint: new GraphqlEndpoint(),
    sortCache: new Map(),
    hung: new Set(),
    url: null,
  };
  // Load into a fresh store and swap, so a bad seed leaves the current state untouched.
  sim.loadSeed = (seed) => {
    const store = new Store();
    store.load(seed);
    sim.store = store;
    sim.sortCache.clear();
  };
  sim.reset = () => {
    Object.assign(sim.config, sim.initial.settings);
    sim.loadSeed(sim.initial.seed);
    sim.log.clear();
    sim.faults.seed = sim.config.faultSeed;
    sim.faults.set(sim.initial.faults);
    sim.webhooks.reset();
    sim.rateLimiter.reset();
    for (const v of Object.keys(sim.endpoint.breakingRules())) sim.endpoint.setBreaking(v, null, []);
  };
  sim.reset();
  sim.server = http.createServer((req, res) => {
    onRequest(sim, req, res).catch((e) => sendJson(res, 500, { errors: [{ message: `simulator bug: ${e.message}` }] }));
  });
  sim.listen = (port = 0) => new Promise((resolve, reject) => {
    sim.server.once('error', reject);
    sim.server.listen(port, '127.0.0.1', () => {
      sim.port = sim.server.address().port;
      sim.url = `http://127.0.0.1:${sim.port}/graphql`;
      resolve(sim.url);
    });
  });
  sim.close = () => new Promise((resolve) => {
    sim.webhooks.reset();
    for (const res of sim.hung) res.socket?.destroy();
    sim.server.close(() => resolve());
    sim.server.closeAllConnections();
  });
  return sim;
}

function sendJson(res, status, body, extraHeaders = {}) {
  if (res.headersSent || res.destroyed) return;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...extraHeaders });
  res.end(text);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY) reject(new Error('request body larger than 1 MiB'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function onRequest(sim, req, res) {
  const q = req.url.indexOf('?');
  const pathname = q === -1 ? req.url : req.url.slice(0, q);
  let text;
  try {
    text = await readBody(req);
  } catch (e) {
    return sendJson(res, 413, { errors: [{ message: e.message }] });
  }
  let body = null;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch (e) {
      return sendJson(res, 400, { errors: [{ message: `Request body is not valid JSON: ${e.message}` }] });
    }
  }
  if (pathname.startsWith('/_sim/')) {
    const out = handleControl(sim, req.method, pathname, body, req.socket.remoteAddress);
    return sendJson(res, out.status, out.body);
  }
  if (pathname !== '/graphql') return sendJson(res, 404, { errors: [{ message: `Not found: ${pathname}` }] });
  if (req.method !== 'POST') return sendJson(res, 405, { errors: [{ message: 'Use POST for /graphql' }] }, { Allow: 'POST' });
  return handleGraphql(sim, req, res, body);
}

async function handleGraphql(sim, req, res, body) {
  const { config } = sim;
  const started = performance.now();
  const version = resolveVersion(req.headers['healthie-graphql-api-version']);
  const shape = version.shape ?? 'baseline';
  const schemaKey = sim.endpoint.schemaKey(version.requested, shape);
  const op = sim.endpoint.describe(schemaKey, body);
  const entry = {
    at: new Date().toISOString(), operation_type: op.type, operation_name: op.name ?? null, fields: op.fields,
    api_version: req.headers['healthie-graphql-api-version'] ?? null, shape, key: keyHint(req.headers),
  };
  const finish = (status, outcome) => sim.log.record({ ...entry, status, outcome, ms: Math.round((performance.now() - started) * 10) / 10 });

  const fault = sim.faults.pick(op.fields);
  if (fault?.kind === 'throttle') {
    const status = config.rateLimitMode === 'http429' ? 429 : 200;
    finish(status, 'fault:throttle');
    return sendJson(res, status, TOO_MANY);
  }
  if (fault && !AFTER_KINDS.has(fault.kind)) {
    const echo = ECHO_KINDS.includes(fault.kind) ? echoBefore(fault.kind, fault, op, body) : null;
    finish(echo ? echo.status : fault.kind.startsWith('http') ? Number(fault.kind.slice(4)) : 0, `fault:${fault.kind}`);
    if (echo) return sendJson(res, echo.status, echo.body);
    return injectBefore(sim, fault.kind, req, res);
  }
  const delay = config.latencyMs + (config.jitterMs ? Math.random() * config.jitterMs : 0);
  if (delay > 0) await sleep(delay);

  if (!sim.rateLimiter.take(rateLimitIdentity(req.headers, req.socket.remoteAddress), config)) {
    const status = config.rateLimitMode === 'http429' ? 429 : 200;
    finish(status, 'rate_limited');
    return sendJson(res, status, TOO_MANY); // never a Retry-After header (api-facts §4)
  }
  if (version.error) {
    finish(200, 'unsupported_version');
    return sendJson(res, 200, { errors: [version.error] });
  }
  const auth = authenticate(req.headers, sim.store, config);
  if (auth.kind === 'invalid') {
    finish(200, 'invalid_key');
    return sendJson(res, 200, { errors: [{ message: INVALID_KEY_MESSAGE }] });
  }
  const ctx = {
    store: sim.store, config, auth, shape, sortCache: sim.sortCache,
    webhooks: sim.webhooks,
    emit: (...args) => sim.webhooks.emit(...args),
  };
  const result = await sim.endpoint.run(schemaKey, body, ctx, config);
  if (version.warnings.length) result.extensions = { ...(result.extensions ?? {}), warnings: version.warnings };
  const outcome = result.errors?.length ? 'errors' : 'ok';
  if (fault?.kind === 'echo_headers') {
    finish(200, `fault:${fault.kind}`);
    return sendJson(res, 200, echoAfter(fault, req, result));
  }
  if (fault) {
    finish(fault.kind === 'lost_response' ? 0 : 200, `fault:${fault.kind}`);
    return injectAfter(fault.kind, res, result, op.fields);
  }
  finish(200, auth.kind === 'anonymous' ? `${outcome}:anonymous` : outcome);
  return sendJson(res, 200, result);
}

/** Faults that stop a request before it runs (so a mutation is NOT applied). */
function injectBefore(sim, kind, req, res) {
  if (kind === 'reset') {
    if (req.socket.resetAndDestroy) req.socket.resetAndDestroy();
    else req.socket.destroy();
    return;
  }
  if (kind === 'hang') {
    sim.hung.add(res); // answered never; closed when the client gives up or the simulator stops
    res.on('close', () => sim.hung.delete(res));
    return;
  }
  const status = Number(kind.slice(4));
  const text = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' }[status];
  // Gateways answer HTML, not JSON; a client must not try to parse it as a GraphQL result.
  res.writeHead(status, { 'Content-Type': 'text/html' });
  res.end(`<html><body><h1>${status} ${text}</h1></body></html>`);
}

/** Faults that spoil the answer of a request that DID run (a mutation is applied). */
function injectAfter(kind, res, result, fields) {
  if (kind === 'lost_response') {
    res.socket.destroy();
    return;
  }
  if (kind === 'null_payload') {
    // An error raised after the mutation committed, while its payload was being built: graphql-ruby
    // nulls the field and reports the error, so the answer reads as a failure that did happen.
    const data = Object.fromEntries(fields.map((f) => [f, null]));
    const errors = fields.map((f) => ({ message: 'Internal server error', path: [f], extensions: { code: 'INTERNAL_SERVER_ERROR' } }));
    return sendJson(res, 200, { data, errors });
  }
  const text = JSON.stringify(result);
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
}
