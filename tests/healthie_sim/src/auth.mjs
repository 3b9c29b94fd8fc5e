// Who is calling. Healthie expects `Authorization: Basic <raw key>` plus `AuthorizationSource: API`
// (api-facts §2). The outcome is one of:
//   {kind: 'ok', role, user}   a known key of an active member
//   {kind: 'invalid'}          answered with HTTP 200 {"errors":[{"message":"API Key is Invalid"}]}
//   {kind: 'anonymous'}        no usable identity: currentUser null, lists empty, mutations denied
// No Authorization header at all is anonymous (as the MOCK in api-facts §2 describes). In "silent"
// mode a wrong key and any Bearer key are anonymous too: the failure the seed guide warns about,
// where a misconfigured client sees an empty organization instead of an error.

export const INVALID_KEY_MESSAGE = 'API Key is Invalid';

export function parseAuthorization(value) {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const m = /^(Basic|Bearer)\s+(\S+)\s*$/i.exec(value.trim());
  if (!m) return { scheme: 'none', key: value.trim() };
  return { scheme: m[1].toLowerCase(), key: m[2] };
}

export function authenticate(headers, store, config) {
  const parsed = parseAuthorization(headers.authorization);
  if (!parsed) return { kind: 'anonymous' };
  const fail = config.silentAuth ? { kind: 'anonymous' } : { kind: 'invalid' };
  if (parsed.scheme === 'bearer' && (config.silentAuth || !config.acceptBearer)) return fail;
  if (parsed.scheme === 'none') return fail; // a bare key without "Basic " is not what Healthie documents
  if (config.requireAuthSource && headers.authorizationsource !== 'API') return fail;
  const entry = store.keys.get(parsed.key);
  if (!entry) return fail;
  const user = store.users.get(entry.user_id);
  if (!user || !user.active) return fail; // a deactivated member's key stops working
  // A key acts with its user's permissions (api-facts §2): the membership's admin flag as it is
  // now, so promoting or demoting the member changes what the key may see and do at once.
  const role = store.membershipByUser.get(user.id)?.is_admin ? 'admin' : 'provider';
  return { kind: 'ok', role, user };
}

/** The bucket a request is counted in: one per presented key (invalid keys included), or per IP. */
export function rateLimitIdentity(headers, remoteAddress) {
  const parsed = parseAuthorization(headers.authorization);
  return parsed ? `key:${parsed.key}` : `ip:${remoteAddress}`;
}

/** A key is never logged; this is what the request log shows instead. */
export function keyHint(headers) {
  const parsed = parseAuthorization(headers.authorization);
  if (!parsed) return null;
  return `${parsed.scheme} ${parsed.key.slice(0, 8)}…`;
}
