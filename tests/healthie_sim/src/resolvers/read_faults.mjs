// Read faults: switches that make list reads lie in the ways a client must catch rather than trust
// (docs/simulator.md, "Read faults"). Each is off by default.
//   countSkew      added to `usersCount` and to `users` connections' total_count (e.g. -1: one short)
//   cursorFault    on 2026 connections: `stuck` (end_cursor is the `after` it was given),
//                  `after_ignored` (every page is the first), `overlap` (each page starts one row
//                  before `after`), `null_end_cursor` (null while has_next_page is true)
//   cursorFaultOn  which connections: `all`, `users` or `organizationMemberships`
//   dropMembership organizationMemberships silently leaves out the first deactivated member; every
//                  count (total_count, organization_memberships_count) still includes it
import { connection } from './listing.mjs';

const encodePosition = (pos) => Buffer.from(String(pos)).toString('base64');
const decodePosition = (cursor) => Number(Buffer.from(String(cursor), 'base64').toString('utf8'));

export function skewCount(config, n) {
  return Math.max(0, n + config.countSkew);
}

function cursorFaultFor(config, field) {
  const on = config.cursorFaultOn;
  return on === 'all' || on === field ? config.cursorFault : 'none';
}

/** A connection page over `rows` for root field `field`, with that field's read faults applied. */
export function faultyConnection(rows, args, config, field) {
  const fault = cursorFaultFor(config, field);
  let pageArgs = args;
  if (fault === 'after_ignored') pageArgs = { ...args, after: null };
  if (fault === 'overlap' && args.after) {
    const at = decodePosition(args.after);
    if (Number.isInteger(at) && at > 0) pageArgs = { ...args, after: encodePosition(at - 1) };
  }
  const conn = connection(rows, pageArgs, config);
  if (field === 'users') conn.total_count = skewCount(config, conn.total_count);
  if (fault === 'stuck' && args.after) conn.page_info.end_cursor = args.after;
  if (fault === 'null_end_cursor' && conn.page_info.has_next_page) conn.page_info.end_cursor = null;
  return conn;
}

/** The membership dropMembership hides: the first deactivated one in creation order. */
export function droppedMembership(store, config) {
  if (!config.dropMembership) return null;
  let hidden = null;
  for (const m of store.memberships.values()) {
    if (!store.users.get(m.user_id)?.active && (!hidden || m.seq < hidden.seq)) hidden = m;
  }
  return hidden;
}
