// Injected failures for /graphql. A rule is {kind, p?, nth?, every?, times?, op?, text?}:
//   kind   http500 | http502 | http503 | reset | hang | truncate | lost_response | null_payload | throttle,
//          or one of echo_faults.mjs's ECHO_KINDS (answers that echo the request; `text` is echoed too)
//   p      fire with this probability (0..1) on each matching request (seeded PRNG, so repeatable)
//   nth    fire on the nth matching request (1-based), once unless `times` says otherwise
//   every  fire on every `every`th matching request
//   times  stop after firing this many times
//   op     only requests whose root fields include this name (e.g. createClient) match
// On the command line a rule is written `kind:key=value:...`, e.g. `lost_response:nth=1:op=createClient`.
// `throttle` answers TOO_MANY_REQUESTS as the rate limiter does (`--fault throttle` = a permanent throttle).
// "Before" kinds (http5xx, reset, hang, throttle) stop the request before it runs; "after" kinds (truncate,
// lost_response, null_payload) run it (a mutation is applied) and then spoil the answer.

import { ECHO_KINDS, ECHO_AFTER_KINDS } from './echo_faults.mjs';

export const FAULT_KINDS = ['http500', 'http502', 'http503', 'reset', 'hang', 'truncate', 'lost_response', 'null_payload', 'throttle', ...ECHO_KINDS];
export const AFTER_KINDS = new Set(['truncate', 'lost_response', 'null_payload', ...ECHO_AFTER_KINDS]);

/** mulberry32: a tiny deterministic PRNG, good enough for fault dice. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function parseFaultSpec(spec) {
  const [kind, ...pairs] = String(spec).split(':');
  const rule = { kind };
  for (const pair of pairs) {
    const [k, v] = pair.split('=');
    if (v === undefined) throw new Error(`fault ${JSON.stringify(spec)}: expected key=value, got ${JSON.stringify(pair)}`);
    rule[k] = k === 'op' || k === 'text' ? v : Number(v);
  }
  return checkRule(rule);
}

export function checkRule(input) {
  const rule = { ...input };
  const where = `fault ${JSON.stringify(input)}`;
  if (!FAULT_KINDS.includes(rule.kind)) throw new Error(`${where}: kind must be one of ${FAULT_KINDS.join(', ')}`);
  for (const k of Object.keys(rule)) {
    if (!['kind', 'p', 'nth', 'every', 'times', 'op', 'text'].includes(k)) throw new Error(`${where}: unknown key ${k}`);
  }
  if (rule.p !== undefined && !(rule.p >= 0 && rule.p <= 1)) throw new Error(`${where}: p must be between 0 and 1`);
  for (const k of ['nth', 'every', 'times']) {
    if (rule[k] !== undefined && !(Number.isInteger(rule[k]) && rule[k] >= 1)) throw new Error(`${where}: ${k} must be a whole number >= 1`);
  }
  if (rule.p === undefined && rule.nth === undefined && rule.every === undefined) rule.p = 1;
  if (rule.times === undefined && rule.nth !== undefined) rule.times = 1;
  return rule;
}

export class Faults {
  constructor(seed = 1) {
    this.seed = seed;
    this.set([]);
  }

  /** Replaces all rules (each checked; throws on a bad one) and restarts their counters. */
  set(rules) {
    const checked = rules.map(checkRule);
    this.random = prng(this.seed);
    this.rules = checked.map((r) => ({ ...r, seen: 0, fired: 0 }));
    return this.list();
  }

  add(rule) {
    this.rules.push({ ...checkRule(rule), seen: 0, fired: 0 });
    return this.list();
  }

  list() {
    return this.rules.map((r) => ({ ...r }));
  }

  /**
   * Picks the first rule that fires for a request touching `fields` (root field names). Every matching
   * rule counts the request first, so `nth` means the nth matching request whatever other rules do.
   */
  pick(fields) {
    const matching = this.rules.filter((r) => !r.op || fields.includes(r.op));
    for (const r of matching) r.seen += 1;
    for (const r of matching) {
      if (r.times !== undefined && r.fired >= r.times) continue;
      const fire = (r.nth !== undefined && r.seen === r.nth)
        || (r.every !== undefined && r.seen % r.every === 0)
        || (r.p !== undefined && this.random() < r.p);
      if (fire) {
        r.fired += 1;
        return r;
      }
    }
    return null;
  }
}
