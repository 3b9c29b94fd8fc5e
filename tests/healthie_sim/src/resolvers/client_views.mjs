// Filtered client views: `users(provider_id:, active_status:)` as a lookup instead of a scan.
//
// A client that reads a large roster with cursor connections cannot jump to an offset, so it splits
// the clients into streams by provider and status and pages them side by side (rosterform does this
// with 300 providers × 2 statuses). Filtering the sorted view on every such page costs a pass over
// every client per page, which made the simulator, not the client, the bottleneck.
//
// So the sorted view of an order is partitioned once, in one pass, by status and by provider (and
// both); each partition keeps the view's order because it is filled by walking the view. The
// partitions are cached beside the sorted views under the same rule: valid only for the store
// revision they were built from, so any write (create, update, archive, reassignment, seed) rebuilds
// them on the next filtered read. Nothing is maintained incrementally, so nothing can drift.
//
// The semantics are those of the filters they replace: `active_status: "active"` keeps clients whose
// `active` is truthy, `"archived"` those whose `active` is falsy, any other status value filters
// nothing; `provider_id` keeps clients whose `dietitian_id` is exactly that string.
import { sortedView } from './listing.mjs';

const EMPTY = Object.freeze([]);

function partition(rows) {
  const byStatus = { active: [], archived: [] };
  const byProvider = new Map(); // dietitian_id -> {all, active, archived}
  for (const u of rows) {
    const status = u.active ? 'active' : 'archived';
    byStatus[status].push(u);
    if (u.dietitian_id === null) continue; // never equal to a provider_id argument
    let p = byProvider.get(u.dietitian_id);
    if (!p) {
      p = { all: [], active: [], archived: [] };
      byProvider.set(u.dietitian_id, p);
    }
    p.all.push(u);
    p[status].push(u);
  }
  return { byStatus, byProvider };
}

function partitionsFor(store, cache, orderBy) {
  const cacheKey = `clients-by-filter:${orderBy}`;
  const hit = cache.get(cacheKey);
  if (hit && hit.revision === store.revision) return hit.parts;
  const parts = partition(sortedView(store, cache, 'clients', orderBy));
  cache.set(cacheKey, { revision: store.revision, parts });
  return parts;
}

/**
 * The clients in `orderBy` order that pass the status and provider filters (`status` null/other and
 * `providerId` null/undefined mean "no such filter"). The array is shared with the cache: callers
 * slice or filter it, never modify it.
 */
export function clientView(store, cache, orderBy, status, providerId) {
  const byStatus = status === 'active' || status === 'archived';
  const byProvider = providerId !== undefined && providerId !== null;
  if (!byStatus && !byProvider) return sortedView(store, cache, 'clients', orderBy);
  const parts = partitionsFor(store, cache, orderBy);
  if (!byProvider) return parts.byStatus[status];
  const p = parts.byProvider.get(providerId);
  if (!p) return EMPTY;
  return byStatus ? p[status] : p.all;
}
