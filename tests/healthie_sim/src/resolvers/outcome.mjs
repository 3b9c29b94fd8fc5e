// How a mutation ends: success, validation failure, or permission failure.
//
// Validation failures are data, not GraphQL errors (api-facts §3): HTTP 200, payload object null,
// `messages: [{field, message}]`. On success `messages` is null (as the MOCK in api-facts §3 does).
// How Healthie reports a permission failure is not documented (api-facts §12.4); the switch
// `permissionErrors` picks one of:
//   errors   (default) payload null plus a top-level GraphQL error "Unauthorized" (D-BILL names an
//            "Unauthorized error"); a client that only reads `messages` misses it.
//   messages payload with the object null and messages [{field: "base", message: ...}].
import { GraphQLError } from 'graphql';
import { stamp } from '../timefmt.mjs';

export const UNAUTHORIZED = 'Unauthorized';

export const ok = (key, value, extra = {}) => ({ [key]: value, messages: null, ...extra });
export const invalid = (key, messages) => ({ [key]: null, messages });

export function denied(ctx, key, action) {
  if (ctx.config.permissionErrors === 'messages') {
    return invalid(key, [{ field: 'base', message: `You do not have permission to ${action}` }]);
  }
  throw new GraphQLError(UNAUTHORIZED);
}

/**
 * Copies the keys of `changes` named in `fields` onto `record`, returning the names whose value really
 * changed. Keys absent from `changes` are untouched (partial update); an explicit null clears a field.
 */
export function applyChanges(record, changes, fields) {
  const changed = [];
  for (const f of fields) {
    if (!(f in changes)) continue;
    const next = changes[f] === undefined ? null : changes[f];
    if (JSON.stringify(record[f]) !== JSON.stringify(next)) {
      record[f] = next;
      changed.push(f);
    }
  }
  return changed;
}

/** Marks `user` as modified now and refreshes its search/sort data. */
export function touchUser(store, user) {
  user.updated_at = stamp(Date.now());
  store.refreshDerived(user);
  store.touch();
}

/** Copies only the keys that the request actually supplied (graphql-js leaves absent keys out). */
export function supplied(input, fields) {
  const out = {};
  for (const f of fields) if (input && Object.prototype.hasOwnProperty.call(input, f)) out[f] = input[f];
  return out;
}
