// From a request body to a GraphQL result: parse + validate (cached per query text and shape),
// cost limits, execution. Error texts follow graphql-ruby, Healthie's server, where graphql-js words
// them differently (unknown field / unknown argument), so a client matching Healthie's texts works here.
import {
  parse, validate, execute, getVariableValues, GraphQLError, Kind, getOperationAST,
} from 'graphql';
import { buildSchemas } from './schema.mjs';
import { resolverMaps } from './resolvers/index.mjs';
import { complexityMessage, depthMessage, measure } from './limits.mjs';

const CACHE_LIMIT = 2000;

function rubyStyle(error) {
  let m = /^Cannot query field "(.+?)" on type "(.+?)"\./.exec(error.message);
  if (m) {
    return { message: `Field '${m[1]}' doesn't exist on type '${m[2]}'`, locations: error.locations, extensions: { code: 'undefinedField', typeName: m[2], fieldName: m[1] } };
  }
  m = /^Unknown argument "(.+?)" on field "(.+?)\.(.+?)"\./.exec(error.message);
  if (m) {
    return { message: `Field '${m[3]}' doesn't accept argument '${m[1]}'`, locations: error.locations, extensions: { code: 'argumentNotAccepted', name: m[3], typeName: 'Field', argumentName: m[1] } };
  }
  return error.toJSON ? error.toJSON() : { message: error.message };
}

export class GraphqlEndpoint {
  constructor() {
    this.schemas = buildSchemas(resolverMaps);
    this.cache = new Map(); // `${shape}\n${query}` -> prepared document
  }

  /** Parses and validates once per (shape, query text). Returns {errors} or {document, fragments}. */
  prepare(shape, query) {
    const key = `${shape}\n${query}`;
    let hit = this.cache.get(key);
    if (hit) return hit;
    try {
      const document = parse(query);
      const errors = validate(this.schemas[shape], document);
      if (errors.length) hit = { errors: errors.map(rubyStyle) };
      else {
        const fragments = {};
        for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
        hit = { document, fragments };
      }
    } catch (e) {
      hit = { errors: [e instanceof GraphQLError ? e.toJSON() : { message: String(e.message) }] };
    }
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, hit);
    return hit;
  }

  /** Root field names and type of the operation a request would run (for logs, counters, faults). */
  describe(shape, body) {
    if (typeof body?.query !== 'string') return { type: null, fields: [] };
    const prepared = this.prepare(shape, body.query);
    if (!prepared.document) return { type: null, fields: [] };
    const op = getOperationAST(prepared.document, body.operationName ?? undefined);
    if (!op) return { type: null, fields: [] };
    const fields = op.selectionSet.selections.filter((s) => s.kind === Kind.FIELD).map((s) => s.name.value);
    return { type: op.operation, name: op.name?.value ?? body.operationName ?? null, fields };
  }

  /** Runs `body` ({query, variables, operationName}) for `contextValue`; resolves to a GraphQL result. */
  async run(shape, body, contextValue, config) {
    if (!body || typeof body.query !== 'string') return { errors: [{ message: 'No query string was present' }] };
    const prepared = this.prepare(shape, body.query);
    if (prepared.errors) return { errors: prepared.errors };
    const schema = this.schemas[shape];
    const operation = getOperationAST(prepared.document, body.operationName ?? undefined);
    if (!operation) return { errors: [{ message: body.operationName ? `Unknown operation named "${body.operationName}".` : 'An operation name is required' }] };
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], body.variables ?? {});
    if (coerced.errors) return { errors: coerced.errors.map((e) => e.toJSON()) };
    const { complexity, depth } = measure(schema, operation, prepared.fragments, coerced.coerced, config);
    const limitErrors = [];
    if (depth > config.maxDepth) limitErrors.push({ message: depthMessage(depth, config.maxDepth) });
    if (complexity > config.maxComplexity) limitErrors.push({ message: complexityMessage(complexity, config.maxComplexity) });
    if (limitErrors.length) return { errors: limitErrors };
    return execute({
      schema, document: prepared.document, variableValues: body.variables ?? {}, operationName: body.operationName ?? undefined, contextValue,
    });
  }
}
