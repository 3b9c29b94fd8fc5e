// The control API under /_sim/ (loopback only): tests and the demo drive the simulator through it.
// Every route answers JSON; a bad request answers 400 {"error": "..."} naming the offending key.
import { applySettings, SWITCHES } from './config.mjs';
import { parseFaultSpec } from './faults.mjs';
import { resolveVersion } from './schema.mjs';

const LIMIT_KEYS = Object.keys(SWITCHES);

function routes(sim) {
  return {
    'GET /_sim/health': () => ({ ok: true, url: sim.url }),
    'POST /_sim/seed': (body) => {
      sim.loadSeed(body);
      return { ok: true, clients: sim.store.clients.length, members: sim.store.members.length };
    },
    'POST /_sim/reset': () => {
      sim.reset();
      return { ok: true };
    },
    'GET /_sim/state': () => sim.store.dump(),
    'GET /_sim/requests': () => ({ requests: sim.log.entries }),
    'DELETE /_sim/requests': () => {
      sim.log.clear();
      return { ok: true };
    },
    'GET /_sim/counters': () => sim.log.counters(),
    'GET /_sim/limits': () => pick(sim.config, LIMIT_KEYS),
    'POST /_sim/limits': (body) => {
      applySettings(sim.config, body);
      if ('faultSeed' in (body ?? {})) sim.faults.seed = sim.config.faultSeed;
      if ('rateLimit' in body || 'rateBurst' in body) sim.rateLimiter.reset(); // new numbers, fresh buckets
      return pick(sim.config, LIMIT_KEYS);
    },
    'GET /_sim/faults': () => ({ faults: sim.faults.list() }),
    'POST /_sim/faults': (body) => {
      const rules = (body?.faults ?? []).map((r) => (typeof r === 'string' ? parseFaultSpec(r) : r));
      if (!body?.append) return { faults: sim.faults.set(rules) };
      rules.forEach((r) => sim.faults.add(r));
      return { faults: sim.faults.list() };
    },
    'DELETE /_sim/faults': () => ({ faults: sim.faults.set([]) }),
    // A breaking change in the schema served for one version (docs/simulator.md, "Breaking changes"):
    // {"version": "2026-07-01", "rules": [{"remove": "User.dietitian_id"}]}; "rules": [] restores it.
    'GET /_sim/breaking': () => ({ breaking: sim.endpoint.breakingRules() }),
    'POST /_sim/breaking': (body) => {
      const { shape } = resolveVersion(body?.version);
      if (!shape) throw new Error(`version: not a release the simulator serves: ${JSON.stringify(body?.version)}`);
      return { breaking: sim.endpoint.setBreaking(body.version, shape, body.rules) };
    },
    'DELETE /_sim/breaking': () => {
      for (const v of Object.keys(sim.endpoint.breakingRules())) sim.endpoint.setBreaking(v, null, []);
      return { breaking: {} };
    },
    'GET /_sim/emails': () => ({ emails: sim.store.emails }),
    'GET /_sim/webhooks': () => ({
      subscriptions: sim.webhooks.subscriptions,
      deliveries: sim.webhooks.deliveries,
    }),
    'POST /_sim/webhooks': (body) => sim.webhooks.register(body ?? {}),
    'DELETE /_sim/webhooks': (body) => {
      if (body?.id === undefined) throw new Error('id: required (the subscription to remove)');
      if (!sim.webhooks.remove(body.id)) throw new Error(`id: no subscription ${JSON.stringify(body.id)}`);
      return { ok: true };
    },
  };
}

const pick = (obj, keys) => Object.fromEntries(keys.map((k) => [k, obj[k]]));

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Handles a /_sim/ request; returns {status, body}. */
export function handleControl(sim, method, pathname, body, remoteAddress) {
  if (!LOOPBACK.has(remoteAddress)) return { status: 403, body: { error: 'the control API answers loopback clients only' } };
  const table = sim.controlRoutes ??= routes(sim);
  const route = table[`${method} ${pathname.replace(/\/+$/, '')}`];
  if (!route) {
    return { status: 404, body: { error: `no control route ${method} ${pathname}; known: ${Object.keys(table).join(', ')}` } };
  }
  try {
    return { status: 200, body: route(body ?? {}) };
  } catch (e) {
    return { status: 400, body: { error: e.message } };
  }
}
