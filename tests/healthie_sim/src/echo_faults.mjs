// Faults that make the simulator answer the way a careless server does: by
// echoing what the client sent. graphql-ruby (Healthie's server) quotes an
// invalid variable's value in its error message and repeats the whole input
// in extensions.value; a debugging proxy may list the request's headers. A
// client must print none of it (docs/error-model.md, "Server text").
//
//   echo_variables  before: a graphql-ruby coercion error quoting every variable's values
//   echo_messages   before: a mutation payload whose `messages` quote the input's values
//                   (a query gets echo_variables instead)
//   echo_headers    after: the real answer, plus an extensions.warnings entry listing the
//                   request's headers, Authorization included
// `text` (optional) is echoed too, so a test can plant a value of its own.

export const ECHO_KINDS = ['echo_variables', 'echo_messages', 'echo_headers'];
export const ECHO_AFTER_KINDS = new Set(['echo_headers']);

function typeOf(query, name) {
  const m = new RegExp(`\\$${name}\\s*:\\s*([\\w!\\[\\]]+)`).exec(query ?? '');
  return m ? m[1] : 'JSON';
}

function leaves(value, prefix = '') {
  if (value === null || typeof value !== 'object') return [[prefix || 'value', value]];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

/** graphql-ruby's "Variable $x of type T was provided invalid value for a (...), b (...)". */
function coercionError(body, text) {
  const variables = { ...(body?.variables ?? {}) };
  if (text !== undefined) variables.note = text;
  const [name, value] = Object.entries(variables)[0] ?? ['input', {}];
  const parts = leaves(value).map(([k, v]) => `${k} (Could not coerce value ${JSON.stringify(v)} to String)`);
  if (text !== undefined && name !== 'note') parts.push(`note (Could not coerce value ${JSON.stringify(text)} to String)`);
  return {
    message: `Variable $${name} of type ${typeOf(body?.query, name)} was provided invalid value for ${parts.join(', ')}`,
    locations: [{ line: 1, column: 10 }],
    extensions: { value, problems: leaves(value).map(([k, v]) => ({ path: k.split('.'), explanation: `Could not coerce value ${JSON.stringify(v)} to String` })) },
  };
}

/** The answer for a "before" echo fault: {status, body}. */
export function echoBefore(kind, rule, op, body) {
  if (kind === 'echo_messages' && op.type === 'mutation') {
    const input = body?.variables?.input ?? {};
    const messages = leaves(input).filter(([, v]) => typeof v === 'string')
      .map(([k, v]) => ({ field: k, message: `${k} "${v}" is invalid: ${v} was not accepted` }));
    if (rule.text !== undefined) messages.push({ field: 'base', message: `${rule.text} is not allowed` });
    const root = op.fields[0];
    return { status: 200, body: { data: { [root]: { messages, user: null, organizationMembership: null } } } };
  }
  return { status: 200, body: { data: null, errors: [coercionError(body, rule.text)] } };
}

/** The real answer plus a warning that lists the request's headers. */
export function echoAfter(rule, req, result) {
  const headers = Object.entries(req.headers).map(([k, v]) => `${k}: ${v}`).join('; ');
  const warning = { code: 'DEBUG_REQUEST_ECHO', message: `Request headers: ${headers}${rule.text !== undefined ? `; note: ${rule.text}` : ''}` };
  const extensions = result.extensions ?? {};
  return { ...result, extensions: { ...extensions, warnings: [...(extensions.warnings ?? []), warning] } };
}
