// The simulator's in-memory state: one organization, its API keys, staff (members + memberships) and
// clients (patients), plus the emails "sent". Users live in a Map by id and in two arrays in creation
// order; each user keeps a lowercase search haystack so keyword filtering is a plain substring test.
// `revision` increases on every change so that sorted views (see resolvers/listing.mjs) can be cached.
import { stamp, parseStamp } from './timefmt.mjs';

const ROLES = new Set(['admin', 'provider']);
const ORG_ROLES = new Set(['Standard', 'Support']);

export class Store {
  constructor() {
    this.clear();
  }

  clear() {
    this.org = null;
    this.keys = new Map(); // key -> {key, role, user_id}
    this.users = new Map(); // id -> user record (clients and members)
    this.clients = []; // patient records, creation order
    this.members = []; // staff records, creation order
    this.memberships = new Map(); // membership id -> membership record
    this.membershipByUser = new Map(); // user id -> membership record
    this.emails = [];
    this.seq = 0;
    this.nextId = 100001;
    this.revision = 0;
  }

  /** Replaces everything with `seed` (see docs/simulator.md "Seed format"); throws with the JSON path of a bad entry. */
  load(seed) {
    if (!seed || typeof seed !== 'object') throw new Error('seed: expected a JSON object');
    const org = seed.organization;
    if (!org || org.id === undefined || org.id === null) throw new Error('seed.organization.id: required');
    this.clear();
    this.org = { id: String(org.id), name: org.name ?? null, created_at: parseStamp(org.created_at, 'seed.organization.created_at') ?? stamp(Date.now()) };
    (seed.members ?? []).forEach((m, i) => this.#loadMember(m, `seed.members[${i}]`));
    (seed.clients ?? []).forEach((c, i) => this.#loadClient(c, `seed.clients[${i}]`));
    (seed.api_keys ?? []).forEach((k, i) => {
      const where = `seed.api_keys[${i}]`;
      if (typeof k.key !== 'string' || k.key === '') throw new Error(`${where}.key: required string`);
      if (!ROLES.has(k.role)) throw new Error(`${where}.role: must be "admin" or "provider", got ${JSON.stringify(k.role)}`);
      const user = this.users.get(String(k.user_id));
      if (!user || user.is_patient) throw new Error(`${where}.user_id: no member with id ${JSON.stringify(k.user_id)}`);
      const admin = Boolean(this.membershipByUser.get(user.id)?.is_admin);
      if ((k.role === 'admin') !== admin) {
        throw new Error(`${where}.role: "${k.role}" but member ${user.id} ${admin ? 'is' : 'is not'} an admin (a key acts with its member's permissions: set the member's is_admin, or the key's role, to match)`);
      }
      this.keys.set(k.key, { key: k.key, role: k.role, user_id: user.id });
      user.has_api_access = true;
    });
    for (const c of this.clients) {
      if (c.dietitian_id !== null && !this.membershipByUser.has(c.dietitian_id)) {
        throw new Error(`seed.clients (id ${c.id}).dietitian_id: no member with id ${JSON.stringify(c.dietitian_id)}`);
      }
    }
    this.touch();
  }

  #takeId(id, where) {
    if (id === undefined || id === null) return this.newId();
    const s = String(id);
    if (this.users.has(s) || this.memberships.has(s)) throw new Error(`${where}.id: duplicate id ${JSON.stringify(s)}`);
    return s;
  }

  #loadMember(m, where) {
    const orgRole = m.org_role ?? 'Standard';
    if (!ORG_ROLES.has(orgRole)) throw new Error(`${where}.org_role: must be "Standard" or "Support", got ${JSON.stringify(orgRole)}`);
    const user = this.addUser({ ...m, id: this.#takeId(m.id, where), is_patient: false }, where);
    const membershipId = this.#takeId(m.membership_id, `${where}.membership_id`);
    this.addMembership({
      id: membershipId, user_id: user.id, org_role: orgRole, is_admin: Boolean(m.is_admin),
      is_provider: m.is_provider ?? orgRole === 'Standard', is_developer: Boolean(m.is_developer), title: m.title ?? null,
    });
  }

  #loadClient(c, where) {
    this.addUser({ ...c, id: this.#takeId(c.id, where), is_patient: true }, where);
  }

  newId() {
    let id;
    do { id = String(this.nextId++); } while (this.users.has(id) || this.memberships.has(id));
    return id;
  }

  /** Creates a user record from seed or mutation fields. `where` prefixes error messages. */
  addUser(fields, where = 'user') {
    const now = stamp(Date.now());
    const user = {
      id: fields.id ?? this.newId(),
      seq: this.seq++,
      is_patient: Boolean(fields.is_patient),
      email: fields.email ?? null,
      first_name: fields.first_name ?? null,
      last_name: fields.last_name ?? null,
      legal_name: fields.legal_name ?? null,
      dob: fields.dob ?? null,
      phone_number: fields.phone_number ?? null,
      record_identifier: fields.record_identifier ?? null,
      additional_record_identifier: fields.additional_record_identifier ?? null,
      dietitian_id: fields.dietitian_id === undefined || fields.dietitian_id === null ? null : String(fields.dietitian_id),
      other_provider_ids: fields.other_provider_ids ?? [],
      active: fields.active ?? true,
      archived_at: parseStamp(fields.archived_at, `${where}.archived_at`),
      created_at: parseStamp(fields.created_at, `${where}.created_at`) ?? now,
      updated_at: parseStamp(fields.updated_at, `${where}.updated_at`) ?? now,
      timezone: fields.timezone ?? null,
      gender: fields.gender ?? null,
      sex: fields.sex ?? null,
      metadata: fields.metadata ?? null,
      npi: fields.npi ?? null,
      qualifications: fields.qualifications ?? null,
      user_group_id: fields.user_group_id ?? null,
      skipped_email: Boolean(fields.skipped_email),
      is_owner: Boolean(fields.is_owner),
      has_api_access: false,
      haystack: '',
      sortKeys: null,
    };
    if (user.is_patient && user.active === false && !user.archived_at) user.archived_at = user.updated_at;
    this.refreshDerived(user);
    this.users.set(user.id, user);
    (user.is_patient ? this.clients : this.members).push(user);
    this.touch();
    return user;
  }

  addMembership(fields) {
    const m = { id: fields.id ?? this.newId(), seq: this.seq++, ...fields, created_at: stamp(Date.now()) };
    this.memberships.set(m.id, m);
    this.membershipByUser.set(m.user_id, m);
    this.touch();
    return m;
  }

  /** Recomputes the lowercase search haystack and sort keys after any change to `user`. */
  refreshDerived(user) {
    const parts = [user.id, user.first_name, user.last_name, user.legal_name, user.email, user.record_identifier, user.dob, user.npi];
    user.haystack = parts.filter((p) => p !== null && p !== undefined).join('\u0000').toLowerCase();
    user.emailLower = user.email ? user.email.toLowerCase() : null;
    user.sortKeys = {
      EMAIL: user.emailLower,
      FIRST_NAME: user.first_name ? user.first_name.toLowerCase() : null,
      LAST_NAME: user.last_name ? user.last_name.toLowerCase() : null,
      CREATED_AT: user.created_at.ms,
      UPDATED_AT: user.updated_at.ms,
    };
  }

  touch() {
    this.revision += 1;
  }

  recordEmail(kind, user, extra = {}) {
    this.emails.push({ seq: this.emails.length + 1, kind, to: user.email, user_id: user.id, at: new Date().toISOString(), ...extra });
  }

  /** A JSON dump of the state for GET /_sim/state (records without internal caches). */
  dump() {
    const userOut = ({ haystack, sortKeys, emailLower, seq, ...u }) => ({
      ...u,
      archived_at: u.archived_at?.iso ?? null,
      created_at: u.created_at.iso,
      updated_at: u.updated_at.iso,
    });
    return {
      organization: this.org && { ...this.org, created_at: this.org.created_at.iso },
      api_keys: [...this.keys.values()].map((k) => ({ key_hint: `${k.key.slice(0, 8)}…`, role: k.role, user_id: k.user_id })),
      members: this.members.map((u) => ({ ...userOut(u), membership: this.#membershipOut(this.membershipByUser.get(u.id)) })),
      clients: this.clients.map(userOut),
      emails: this.emails,
      revision: this.revision,
    };
  }

  #membershipOut(m) {
    if (!m) return null;
    const { seq, ...rest } = m;
    return { ...rest, created_at: rest.created_at.iso };
  }
}
