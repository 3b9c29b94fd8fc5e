// Query cost limits as graphql-ruby (Healthie's server) applies them, and the per-key token bucket.
//
// Complexity: every field costs 1 plus its children. A connection multiplies the cost of its
// `edges`/`nodes` subtrees by its page size (`first`/`last`, 100 when both are absent: api-facts §3);
// a baseline list with a `page_size` argument multiplies its children by `page_size` (its default when
// absent, the page maximum when `should_paginate: false`). Depth: root fields are depth 1.
// Messages are Healthie's (D-RATE).
import { getArgumentValues, isListType, getNamedType, getNullableType, Kind } from 'graphql';

const CONNECTION_DEFAULT_PAGE = 100;

export function complexityMessage(n, max) {
  return `Query has complexity of ${n}, which exceeds max complexity of ${max}`;
}
export function depthMessage(n, max) {
  return `Query has depth of ${n}, which exceeds max depth of ${max}`;
}

/** Returns `{complexity, depth}` of `operation` (fragments inlined, variables already coerced). */
export function measure(schema, operation, fragments, variables, config) {
  const rootType = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  return walk(rootType, operation.selectionSet, 1, { schema, fragments, variables, config });
}

function walk(parentType, selectionSet, depth, ctx) {
  let complexity = 0;
  let maxDepth = depth - 1;
  for (const sel of selectionSet.selections) {
    let part;
    if (sel.kind === Kind.FIELD) {
      part = fieldCost(parentType, sel, depth, ctx);
    } else {
      const frag = sel.kind === Kind.INLINE_FRAGMENT ? sel : ctx.fragments[sel.name.value];
      if (!frag) continue;
      const type = frag.typeCondition ? ctx.schema.getType(frag.typeCondition.name.value) : parentType;
      part = walk(type ?? parentType, frag.selectionSet, depth, ctx);
    }
    complexity += part.complexity;
    maxDepth = Math.max(maxDepth, part.depth);
  }
  return { complexity, depth: maxDepth };
}

function fieldCost(parentType, node, depth, ctx) {
  const name = node.name.value;
  if (name === '__typename') return { complexity: 0, depth };
  const def = parentType.getFields?.()[name];
  if (!def) return { complexity: 1, depth };
  if (!node.selectionSet) return { complexity: 1, depth };
  const childType = getNamedType(def.type);
  const isConnection = childType.name.endsWith('Connection');
  if (!isConnection) {
    const inner = walk(childType, node.selectionSet, depth + 1, ctx);
    const multiplier = isListType(getNullableType(def.type)) ? listPageSize(def, node, ctx) : 1;
    return { complexity: 1 + multiplier * inner.complexity, depth: inner.depth };
  }
  // Connection: page-size multiplier applies to edges/nodes only, not to page_info/total_count.
  const args = safeArgs(def, node, ctx.variables);
  const pageSize = args.first ?? args.last ?? CONNECTION_DEFAULT_PAGE;
  let complexity = 1;
  let maxDepth = depth;
  const fields = childType.getFields();
  for (const sel of flatten(node.selectionSet, ctx)) {
    const sub = fieldCost(childType, sel, depth + 1, ctx);
    const repeated = sel.name.value === 'edges' || sel.name.value === 'nodes';
    complexity += repeated && fields[sel.name.value] ? pageSize * sub.complexity : sub.complexity;
    maxDepth = Math.max(maxDepth, sub.depth);
  }
  return { complexity, depth: maxDepth };
}

function listPageSize(def, node, ctx) {
  if (!def.args.some((a) => a.name === 'page_size')) return 1;
  const args = safeArgs(def, node, ctx.variables);
  if (args.should_paginate === false) return ctx.config.maxPageSize;
  return Math.max(0, args.page_size ?? 10);
}

function safeArgs(def, node, variables) {
  try {
    return getArgumentValues(def, node, variables);
  } catch {
    return {}; // invalid arguments are reported by execution; cost them as defaults
  }
}

function flatten(selectionSet, ctx) {
  const out = [];
  for (const sel of selectionSet.selections) {
    if (sel.kind === Kind.FIELD) out.push(sel);
    else {
      const frag = sel.kind === Kind.INLINE_FRAGMENT ? sel : ctx.fragments[sel.name.value];
      if (frag) out.push(...flatten(frag.selectionSet, ctx));
    }
  }
  return out;
}

/**
 * Token bucket per identity: `rate` tokens per second, bucket size `burst` (= rate when 0).
 * Healthie documents no numbers today; 250/s per key is from older docs (api-facts §4).
 */
export class RateLimiter {
  constructor() {
    this.buckets = new Map();
  }

  reset() {
    this.buckets.clear();
  }

  take(identity, config, now = performance.now()) {
    const rate = config.rateLimit;
    if (!rate) return true;
    const burst = config.rateBurst || rate;
    let b = this.buckets.get(identity);
    if (!b) {
      b = { tokens: burst, at: now };
      this.buckets.set(identity, b);
    }
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * rate);
    b.at = now;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
