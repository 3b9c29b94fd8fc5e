// Every switch of the simulator in one table: its default, its command-line flag and its type.
// The same keys are accepted at runtime by POST /_sim/limits (see control.mjs), so a test can change a
// limit without restarting the server. Defaults are the choices that are hardest on a client where
// Healthie's docs are silent (api-facts §12); docs/simulator.md explains each one.

const num = (min) => ({ type: 'number', min });
const oneOf = (...values) => ({ type: 'enum', values });
const bool = { type: 'boolean' };
const fieldList = { type: 'fields' }; // "Type.field,Type.field" or a JSON array of them

export const SWITCHES = {
  // limits (api-facts §3, §4, §5)
  maxComplexity: { flag: '--max-complexity', default: 2000, ...num(1) },
  maxDepth: { flag: '--max-depth', default: 25, ...num(1) },
  maxPageSize: { flag: '--max-page-size', default: 100, ...num(1) },
  pageSizePolicy: { flag: '--page-size-policy', default: 'clamp', ...oneOf('clamp', 'error') },
  rateLimit: { flag: '--rate-limit', default: 250, ...num(0) }, // requests/s per key; 0 = off
  rateBurst: { flag: '--rate-burst', default: 0, ...num(0) }, // bucket size; 0 = same as rateLimit
  rateLimitMode: { flag: '--rate-limit-mode', default: 'errors', ...oneOf('errors', 'http429') },
  latencyMs: { flag: '--latency-ms', default: 0, ...num(0) },
  jitterMs: { flag: '--jitter-ms', default: 0, ...num(0) },
  // auth (api-facts §2, §12.1, §12.10)
  silentAuth: { flag: '--silent-auth', default: false, ...bool },
  requireAuthSource: { flag: '--require-auth-source', default: true, ...bool },
  acceptBearer: { flag: '--accept-bearer', default: true, ...bool },
  permissionErrors: { flag: '--permission-errors', default: 'errors', ...oneOf('errors', 'messages') },
  // reads and writes where the docs are silent (api-facts §12.5, §12.8)
  usersDefaultStatus: { flag: '--users-default-status', default: 'all', ...oneOf('all', 'active') },
  membersIncludeInactive: { flag: '--members-include-inactive', default: false, ...bool },
  requireReceiverOnDeactivate: { flag: '--require-receiver', default: true, ...bool },
  // read faults: a server whose lists lie (see resolvers/read_faults.mjs)
  countSkew: { flag: '--count-skew', default: 0, ...num(-1e9) }, // added to usersCount and users total_count
  cursorFault: { flag: '--cursor-fault', default: 'none', ...oneOf('none', 'stuck', 'after_ignored', 'overlap', 'null_end_cursor') },
  cursorFaultOn: { flag: '--cursor-fault-on', default: 'all', ...oneOf('all', 'users', 'organizationMemberships') },
  dropMembership: { flag: '--drop-membership', default: false, ...bool }, // organizationMemberships loses a deactivated member
  // schema behaviour a release might change (docs/simulator.md, "Breaking changes")
  introspection: { flag: '--introspection', default: true, ...bool }, // false: __schema/__type refused, as graphql-ruby's disable_introspection_entry_points
  ignoreInputs: { flag: '--ignore-input', default: [], ...fieldList }, // input fields accepted by the schema but dropped before resolvers see them
  // webhooks (api-facts §8, §12.7)
  webhookBackoffMs: { flag: '--webhook-backoff-ms', default: 1000, ...num(0) },
  webhookMaxAttempts: { flag: '--webhook-max-attempts', default: 5, ...num(1) },
  webhookTimeoutMs: { flag: '--webhook-timeout-ms', default: 5000, ...num(1) },
  webhookDigest: { flag: '--webhook-digest', default: 'hex', ...oneOf('hex', 'base64') },
  // faults (see faults.mjs); the seed makes probabilistic faults repeatable
  faultSeed: { flag: '--fault-seed', default: 1, ...num(0) },
};

export function defaultConfig() {
  return Object.fromEntries(Object.entries(SWITCHES).map(([k, s]) => [k, s.default]));
}

/** Checks and converts one value; throws `key: message` so callers can report it verbatim. */
export function coerce(key, raw) {
  const s = SWITCHES[key];
  if (!s) throw new Error(`${key}: unknown setting (known: ${Object.keys(SWITCHES).join(', ')})`);
  if (s.type === 'boolean') {
    if (raw === true || raw === 'true' || raw === '1') return true;
    if (raw === false || raw === 'false' || raw === '0') return false;
    throw new Error(`${key}: expected true or false, got ${JSON.stringify(raw)}`);
  }
  if (s.type === 'fields') {
    const list = Array.isArray(raw) ? raw : String(raw ?? '').split(',').map((x) => x.trim()).filter(Boolean);
    for (const f of list) {
      if (typeof f !== 'string' || !/^\w+\.\w+$/.test(f)) throw new Error(`${key}: expected Type.field entries (e.g. updateClientInput.gender), got ${JSON.stringify(f)}`);
    }
    return list;
  }
  if (s.type === 'number') {
    const n = Number(raw);
    if (raw === '' || raw === null || !Number.isFinite(n) || n < s.min) throw new Error(`${key}: expected a number >= ${s.min}, got ${JSON.stringify(raw)}`);
    return n;
  }
  if (!s.values.includes(raw)) throw new Error(`${key}: expected one of ${s.values.join(', ')}, got ${JSON.stringify(raw)}`);
  return raw;
}

/** Applies a partial `{key: value}` object to `config` after checking every entry (all or nothing). */
export function applySettings(config, patch) {
  const checked = Object.entries(patch ?? {}).map(([k, v]) => [k, coerce(k, v)]);
  for (const [k, v] of checked) config[k] = v;
  return config;
}

const FLAG_TO_KEY = new Map(Object.entries(SWITCHES).map(([k, s]) => [s.flag, k]));

/**
 * Parses argv into `{port, portFile, seed, faults: [spec...], settings: {...}}`.
 * Boolean switches take no value (`--silent-auth`) and have a `--no-` form (`--no-require-auth-source`).
 */
export function parseArgs(argv) {
  const out = { port: 0, portFile: null, seed: null, faults: [], settings: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) throw new Error(`${flag}: missing value`);
      return argv[++i];
    };
    if (flag === '--port') {
      const text = value();
      out.port = Number(text);
      if (!/^\d+$/.test(text) || out.port > 65535) throw new Error(`--port: expected 0..65535, got ${JSON.stringify(text)}`);
    } else if (flag === '--port-file') out.portFile = value();
    else if (flag === '--seed') out.seed = value();
    else if (flag === '--fault') out.faults.push(value());
    else if (flag === '--help' || flag === '-h') out.help = true;
    else if (FLAG_TO_KEY.has(flag)) {
      const key = FLAG_TO_KEY.get(flag);
      out.settings[key] = SWITCHES[key].type === 'boolean' && inline === undefined ? true : coerce(key, value());
    } else if (flag.startsWith('--no-') && FLAG_TO_KEY.has(`--${flag.slice(5)}`)) {
      const key = FLAG_TO_KEY.get(`--${flag.slice(5)}`);
      if (SWITCHES[key].type !== 'boolean') throw new Error(`${flag}: ${SWITCHES[key].flag} is not a yes/no switch`);
      out.settings[key] = false;
    } else {
      throw new Error(`${arg}: unknown option (try --help)`);
    }
  }
  return out;
}

export function usage() {
  const lines = Object.values(SWITCHES).map((s) => `  ${s.flag.padEnd(28)} default ${JSON.stringify(s.default)}${s.values ? ` (${s.values.join('|')})` : ''}`);
  return [
    'usage: node server.mjs [--port N] [--port-file F] [--seed FILE] [--fault SPEC]... [switches]',
    '  --fault SPEC                 e.g. http503:p=0.1  reset:nth=3  lost_response:nth=1:op=createClient',
    ...lines,
  ].join('\n');
}
