// From a request body to a GraphQL result: parse + validate (cached per query text and shape),
// cost limits, execution. Error texts follow graphql-ruby, Healthie's server, where graphql-js words
// them differently (unknown field / unknown argument), so a client matching Healthie's texts works here.
import {
  parse, validate, execute, getVariableValues, GraphQLError, Kind, getOperationAST, getNamedType, typeFromAST,
  NoSchemaIntrospectionCustomRule,
} from 'graphql';
import { breakSchema, buildSchemas, parseBreakingRule, RELEASES } from './schema.mjs';
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

// graphql-ruby words a missing required variable as an invalid value (its ValidationPipeline checks
// variables after the document and before executing anything; docs/provider.md, "doctor").
function rubyVariableError(error) {
  const m = /^Variable "\$(\w+)" of required type "(.+?)" was not provided\./.exec(error.message);
  if (!m) return error.toJSON();
  return {
    message: `Variable $${m[1]} of type ${m[2]} was provided invalid value`,
    locations: error.locations,
    extensions: { value: null, problems: [{ path: [], explanation: 'Expected value to not be null' }] },
  };
}

// graphql-ruby's disable_introspection_entry_points removes __schema and __type from Query, so
// asking for them reads as any unknown field does.
function introspectionRefused(schema, document) {
  const out = [];
  for (const e of validate(schema, document, [NoSchemaIntrospectionCustomRule])) {
    const field = /"(__schema|__type)"/.exec(e.message)?.[1]; // not the fields below them
    if (field) out.push({ message: `Field '${field}' doesn't exist on type 'Query'`, locations: e.locations, extensions: { code: 'undefinedField', typeName: 'Query', fieldName: field } });
  }
  return out;
}

// `ignoreInputs` ("updateClientInput.gender"): the server accepts the field and drops it, as a
// release that stopped honouring it would; a client then sees its write never read back.
function withoutIgnoredInputs(schema, operation, variables, ignored) {
  if (!ignored?.length || !variables || typeof variables !== 'object') return variables;
  const out = { ...variables };
  for (const def of operation.variableDefinitions ?? []) {
    const name = def.variable.name.value;
    const type = typeFromAST(schema, def.type);
    const typeName = type ? getNamedType(type).name : null;
    if (!out[name] || typeof out[name] !== 'object') continue;
    for (const spec of ignored) {
      const [t, f] = spec.split('.');
      if (t === typeName && f in out[name]) {
        out[name] = { ...out[name] };
        delete out[name][f];
      }
    }
  }
  return out;
}

export class GraphqlEndpoint {
  constructor() {
    this.schemas = buildSchemas(resolverMaps);
    this.cache = new Map(); // `${schemaKey}\n${query}` -> prepared document
    this.breaking = new Map(); // version -> {key, rules}: a release served with a breaking change
  }

  /**
   * Serves `version` (of `shape`) with a breaking change (schema.mjs parseBreakingRule); empty `rules`
   * restores it. Returns the rules now in force per version.
   */
  setBreaking(version, shape, rules) {
    if (!RELEASES.includes(version)) throw new Error(`breaking: version must be a release date, got ${JSON.stringify(version)}`);
    const parsed = (rules ?? []).map(parseBreakingRule);
    const key = `${shape}@${version}`;
    if (parsed.length) {
      this.schemas[key] = breakSchema(shape, parsed, resolverMaps);
      this.breaking.set(version, { key, rules });
    } else {
      delete this.schemas[key];
      this.breaking.delete(version);
    }
    this.cache.clear();
    return this.breakingRules();
  }

  breakingRules() {
    return Object.fromEntries([...this.breaking].map(([v, { rules }]) => [v, rules]));
  }

  /** The schema a request for `version` is checked against: its shape's, or its broken copy. */
  schemaKey(version, shape) {
    return this.breaking.get(version)?.key ?? shape;
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
    if (config.introspection === false) {
      const refused = introspectionRefused(schema, prepared.document);
      if (refused.length) return { errors: refused };
    }
    const variables = withoutIgnoredInputs(schema, operation, body.variables ?? {}, config.ignoreInputs);
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
    if (coerced.errors) return { errors: coerced.errors.map(rubyVariableError) };
    const { complexity, depth } = measure(schema, operation, prepared.fragments, coerced.coerced, config);
    const limitErrors = [];
    if (depth > config.maxDepth) limitErrors.push({ message: depthMessage(depth, config.maxDepth) });
    if (complexity > config.maxComplexity) limitErrors.push({ message: complexityMessage(complexity, config.maxComplexity) });
    if (limitErrors.length) return { errors: limitErrors };
    return execute({
      schema, document: prepared.document, variableValues: variables, operationName: body.operationName ?? undefined, contextValue,
    });
  }
}
