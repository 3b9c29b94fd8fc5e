// Filtering, ordering and paging of user lists, shared by `users`, `organizationMembers` and
// `organizationMemberships` in both API shapes.
//
// Sorted views are cached per (population, order) and rebuilt only when the store's revision changes,
// so a page request costs one filter pass plus a slice, not a sort.
//
// Two cursor kinds, on purpose:
//   baseline `after: Cursor` is a keyset cursor naming the last user seen (base64 of {"k":[id]}, the
//     shape of Healthie's own example cursors): rows created or archived meanwhile do not shift it;
//   2026 connection cursors are positions (base64 of the 1-based offset, as graphql-ruby's relation
//     connections encode them): a row inserted before the cursor shifts the next page, which is the
//     harder behaviour for a client that pages while something else writes.
import { GraphQLError } from 'graphql';

const NULLS_LAST = Symbol('nulls last');

export function encodeKeyCursor(id) {
  return Buffer.from(JSON.stringify({ k: [id] })).toString('base64');
}

function decodeKeyCursor(cursor) {
  try {
    const id = JSON.parse(Buffer.from(String(cursor), 'base64').toString('utf8')).k[0];
    if (typeof id === 'string' || typeof id === 'number') return String(id);
  } catch { /* fall through */ }
  throw new GraphQLError(`Invalid cursor: ${cursor}`);
}

const encodePosition = (pos) => Buffer.from(String(pos)).toString('base64');

function decodePosition(cursor, argName) {
  const n = Number(Buffer.from(String(cursor), 'base64').toString('utf8'));
  if (!Number.isInteger(n) || n < 0) throw new GraphQLError(`Invalid cursor for ${argName}: ${cursor}`);
  return n;
}

function sortKeyOf(store, user, field) {
  if (field === 'PROVIDER_NAME') {
    const d = user.dietitian_id && store.users.get(user.dietitian_id);
    return d?.sortKeys.LAST_NAME ?? null;
  }
  return user.sortKeys[field] ?? null; // GROUP_NAME / NEXT_APPT_DATE: no such data here, so creation order
}

/** Comparator for an `order_by` value such as LAST_NAME_ASC; nulls sort last ascending, first descending (PostgreSQL). */
export function comparatorFor(store, orderBy) {
  const m = /^(.*)_(ASC|DESC)$/.exec(orderBy ?? 'LAST_NAME_ASC');
  const field = m ? m[1] : 'LAST_NAME';
  const dir = m && m[2] === 'DESC' ? -1 : 1;
  return (a, b) => {
    const x = sortKeyOf(store, a, field) ?? NULLS_LAST;
    const y = sortKeyOf(store, b, field) ?? NULLS_LAST;
    if (x !== y) {
      if (x === NULLS_LAST) return dir;
      if (y === NULLS_LAST) return -dir;
      return (x < y ? -1 : 1) * dir;
    }
    return a.seq - b.seq;
  };
}

/** Maps the deprecated string `sort_by` (e.g. "last_name_desc") to an `order_by` value, if it names one. */
export function orderFromSortBy(sortBy) {
  if (typeof sortBy !== 'string') return null;
  const upper = sortBy.toUpperCase();
  return /^(EMAIL|FIRST_NAME|LAST_NAME|CREATED_AT|UPDATED_AT|PROVIDER_NAME)_(ASC|DESC)$/.test(upper) ? upper : null;
}

export function sortedView(store, cache, population, orderBy) {
  const cacheKey = `${population}:${orderBy}`;
  const hit = cache.get(cacheKey);
  if (hit && hit.revision === store.revision) return hit.rows;
  const rows = [...store[population]].sort(comparatorFor(store, orderBy));
  cache.set(cacheKey, { revision: store.revision, rows });
  return rows;
}

/** Every whitespace-separated term must occur in the user's haystack (id, names, email, record id, dob, npi). */
export function keywordFilter(keywords) {
  if (typeof keywords !== 'string' || keywords.trim() === '') return null;
  const terms = keywords.toLowerCase().split(/\s+/).filter(Boolean);
  return (u) => terms.every((t) => u.haystack.includes(t));
}

/** Applies the page-size limit: clamp silently (default) or reject, per `pageSizePolicy`. */
export function limitPageSize(requested, argName, config) {
  if (requested === null || requested === undefined) return requested;
  if (requested < 0) throw new GraphQLError(`Argument '${argName}' must be greater than or equal to 0, got ${requested}`);
  if (requested <= config.maxPageSize) return requested;
  if (config.pageSizePolicy === 'error') {
    throw new GraphQLError(`Argument '${argName}' must be less than or equal to ${config.maxPageSize}, got ${requested}`);
  }
  return config.maxPageSize;
}

/** Baseline paging: keyset `after`, then `offset`, then `page_size` (unless should_paginate is false). */
export function offsetPage(store, rows, args, compare, config) {
  let start = 0;
  if (args.after !== undefined && args.after !== null) {
    const anchor = store.users.get(decodeKeyCursor(args.after));
    if (!anchor) throw new GraphQLError(`Invalid cursor: ${args.after}`);
    start = rows.findIndex((u) => compare(u, anchor) > 0);
    if (start === -1) return [];
  }
  start += Math.max(0, args.offset ?? 0);
  if (args.should_paginate === false) return rows.slice(start);
  const size = limitPageSize(args.page_size ?? 10, 'page_size', config);
  return rows.slice(start, start + size);
}

/** 2026 connection paging over `rows` (Relay first/after/last/before with position cursors). */
export function connection(rows, args, config) {
  const total = rows.length;
  let lo = 0;
  let hi = total;
  if (args.after) lo = Math.min(total, decodePosition(args.after, 'after'));
  if (args.before) hi = Math.max(lo, Math.min(hi, decodePosition(args.before, 'before') - 1));
  const first = limitPageSize(args.first, 'first', config);
  const last = limitPageSize(args.last, 'last', config);
  if (first == null && last == null) hi = Math.min(hi, lo + Math.min(100, config.maxPageSize));
  if (first !== undefined && first !== null) hi = Math.min(hi, lo + first);
  if (last !== undefined && last !== null) lo = Math.max(lo, hi - last);
  const nodes = rows.slice(lo, hi);
  return {
    offset: lo, // edges are built by connectionEdges() only when a query selects them
    nodes,
    total_count: total,
    page_info: {
      start_cursor: nodes.length ? encodePosition(lo + 1) : null,
      end_cursor: nodes.length ? encodePosition(hi) : null,
      has_next_page: hi < total,
      has_previous_page: lo > 0,
    },
  };
}

/** Resolver of `edges` on connection types. */
export function connectionEdges(conn) {
  return conn.nodes.map((node, i) => ({ cursor: encodePosition(conn.offset + i + 1), node }));
}

export const emptyConnection = () => ({
  offset: 0, nodes: [], total_count: 0,
  page_info: { start_cursor: null, end_cursor: null, has_next_page: false, has_previous_page: false },
});
