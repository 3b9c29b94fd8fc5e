// Read resolvers: currentUser, user, users(+Count), organizationMembers(+Count), organizationMembership(s).
// One filtering path serves both API shapes; only the final paging step differs (list vs connection).
import {
  connection, emptyConnection, keywordFilter, offsetPage, sortedView, comparatorFor, orderFromSortBy,
} from './listing.mjs';
import { clientView } from './client_views.mjs';
import { droppedMembership, faultyConnection, skewCount } from './read_faults.mjs';

export const isAuthed = (ctx) => ctx.auth.kind === 'ok';

/** Admins see every client; a provider only those it is the dietitian or a care-team provider of. */
export function canSeeClient(ctx, user) {
  if (!isAuthed(ctx)) return false;
  if (ctx.auth.role === 'admin') return true;
  const me = ctx.auth.user.id;
  return user.dietitian_id === me || user.other_provider_ids.includes(me);
}

export function canSeeUser(ctx, user) {
  if (!user || !isAuthed(ctx)) return false;
  return user.is_patient ? canSeeClient(ctx, user) : true;
}

function orderOf(args) {
  return args.order_by ?? orderFromSortBy(args.sort_by) ?? 'LAST_NAME_ASC';
}

/**
 * The filtered, ordered client rows for `users`/`usersCount`. Only the filters a request uses are
 * applied: status and provider come from cached partitions of the sorted view (client_views.mjs), so
 * "admin pages through everyone" and "admin pages through one provider's active clients" are both a
 * slice; ids, keywords and a provider key's visibility are filtered per request.
 */
function clientRows(ctx, args) {
  if (!isAuthed(ctx)) return [];
  const byKeywords = keywordFilter(args.keywords);
  if (!byKeywords && args.show_all_by_default === false) return [];
  const status = args.active_status ?? (ctx.config.usersDefaultStatus === 'active' ? 'active' : null);
  const tests = [];
  if (Array.isArray(args.ids) && args.ids.length) {
    const wanted = new Set(args.ids.map(String));
    tests.push((u) => wanted.has(u.id));
  }
  if (byKeywords) tests.push(byKeywords);
  if (ctx.auth.role !== 'admin') tests.push((u) => canSeeClient(ctx, u));
  const rows = clientView(ctx.store, ctx.sortCache, orderOf(args), status, args.provider_id);
  return tests.length ? rows.filter((u) => tests.every((t) => t(u))) : rows;
}

/** Staff rows; deactivated members are left out unless membersIncludeInactive (docs/simulator.md). */
function memberRows(ctx, args) {
  if (!isAuthed(ctx)) return [];
  const byKeywords = keywordFilter(args.keywords);
  const all = ctx.config.membersIncludeInactive;
  return sortedView(ctx.store, ctx.sortCache, 'members', orderOf(args))
    .filter((u) => (all || u.active) && (!byKeywords || byKeywords(u)));
}

/** Sort keys of OrganizationMembershipOrderKeys other than the member's names (POSITION = creation order). */
const MEMBERSHIP_KEYS = {
  STATUS: (store, m) => (store.users.get(m.user_id).active ? 0 : 1),
  TYPE: (_store, m) => m.org_role,
  POSITION: () => 0,
};

/** Every membership, deactivated ones included, optionally limited to `user_ids`. */
function membershipRows(ctx, args) {
  if (!isAuthed(ctx)) return [];
  const { store } = ctx;
  if (args.id !== undefined && args.id !== null && String(args.id) !== store.org.id) return [];
  const wanted = Array.isArray(args.user_ids) && args.user_ids.length ? new Set(args.user_ids.map(String)) : null;
  const order = args.order_by ?? 'LAST_NAME_ASC';
  const [, field, dirName] = /^(.*)_(ASC|DESC)$/.exec(order);
  let rows;
  if (field === 'LAST_NAME' || field === 'FIRST_NAME') {
    rows = sortedView(store, ctx.sortCache, 'members', order).map((u) => store.membershipByUser.get(u.id));
  } else {
    const key = MEMBERSHIP_KEYS[field];
    const dir = dirName === 'DESC' ? -1 : 1;
    rows = [...store.memberships.values()].sort((a, b) => {
      const x = key(store, a);
      const y = key(store, b);
      return x === y ? a.seq - b.seq : (x < y ? -1 : 1) * dir;
    });
  }
  return rows.filter((m) => m && (!wanted || wanted.has(m.user_id)));
}

function currentUser(_root, _args, ctx) {
  return isAuthed(ctx) ? ctx.auth.user : null;
}

function user(_root, args, ctx) {
  if (!isAuthed(ctx)) return null;
  if (args.id === undefined || args.id === null) return args.or_current_user ? ctx.auth.user : null;
  const found = ctx.store.users.get(String(args.id));
  return canSeeUser(ctx, found) ? found : null;
}

function organizationMembership(_root, args, ctx) {
  if (!isAuthed(ctx)) return null;
  if (args.id) return ctx.store.memberships.get(String(args.id)) ?? null;
  const userId = args.user_id ?? ctx.auth.user.id;
  return ctx.store.membershipByUser.get(String(userId)) ?? null;
}

const pageList = (rowsOf) => (_root, args, ctx) => {
  const rows = rowsOf(ctx, args);
  return offsetPage(ctx.store, rows, args, comparatorFor(ctx.store, orderOf(args)), ctx.config);
};
const pageConnection = (rowsOf) => (_root, args, ctx) => (isAuthed(ctx) ? connection(rowsOf(ctx, args), args, ctx.config) : emptyConnection());

/** A connection with the read faults of its root field (read_faults.mjs). */
const faultyPages = (rowsOf, field) => (_root, args, ctx) => (isAuthed(ctx) ? faultyConnection(rowsOf(ctx, args), args, ctx.config, field) : emptyConnection());

/** Memberships as listed: dropMembership hides one, while every count still includes it. */
function listedMemberships(ctx, args) {
  const hidden = droppedMembership(ctx.store, ctx.config);
  const rows = membershipRows(ctx, args);
  return hidden ? rows.filter((m) => m !== hidden) : rows;
}

function membershipConnection(root, args, ctx) {
  const conn = faultyPages(membershipRows, 'organizationMemberships')(root, args, ctx);
  const hidden = isAuthed(ctx) && droppedMembership(ctx.store, ctx.config);
  if (hidden) conn.nodes = conn.nodes.filter((m) => m !== hidden);
  return conn;
}

export const queryResolvers = {
  baseline: {
    currentUser,
    user,
    users: pageList(clientRows),
    usersCount: (_r, args, ctx) => skewCount(ctx.config, clientRows(ctx, args).length),
    organizationMembers: pageList(memberRows),
    organizationMembersCount: (_r, args, ctx) => memberRows(ctx, args).length,
    organizationMembership,
    organizationMemberships: (_r, args, ctx) => listedMemberships(ctx, args),
  },
  '2026-01-01': {
    currentUser,
    user,
    users: faultyPages(clientRows, 'users'),
    organizationMembers: pageConnection(memberRows),
    organizationMembership,
    organizationMemberships: membershipConnection,
  },
};
