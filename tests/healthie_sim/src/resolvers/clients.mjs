// Client (patient) mutations: createClient, updateClient, bulkUpdateClients.
// There is no deleteClient in either schema; archiving is updateClient(active: false) (api-facts §6).
import { stamp } from '../timefmt.mjs';
import { checkDob, checkEmail, checkNames, isBlank, msg } from '../validation.mjs';
import { canSeeClient, isAuthed } from './queries.mjs';
import { applyChanges, denied, invalid, ok, supplied, touchUser } from './outcome.mjs';

const PROFILE_FIELDS = [
  'first_name', 'last_name', 'legal_name', 'email', 'dob', 'phone_number', 'record_identifier',
  'additional_record_identifier', 'dietitian_id', 'other_provider_ids', 'timezone', 'gender', 'sex',
  'metadata', 'user_group_id', 'skipped_email',
];

function activeMember(store, id) {
  const u = id === null || id === undefined ? null : store.users.get(String(id));
  return u && !u.is_patient && u.active ? u : null;
}

/** Healthie allows one patient per (email, first name, last name); emails compare case-insensitively. */
function findDuplicate(store, email, first, last, exceptId) {
  if (isBlank(email)) return null;
  const lower = email.toLowerCase();
  return store.clients.find((c) => c.id !== exceptId && c.emailLower === lower
    && (c.first_name ?? '').trim() === (first ?? '').trim() && (c.last_name ?? '').trim() === (last ?? '').trim()) ?? null;
}

function checkLinks(store, changes, out) {
  if ('dietitian_id' in changes && !activeMember(store, changes.dietitian_id)) out.push(msg('dietitian_id', 'Dietitian not found'));
  for (const id of changes.other_provider_ids ?? []) {
    if (!activeMember(store, id)) out.push(msg('other_provider_ids', `Provider ${id} not found`));
  }
}

function createClient(_root, { input = {} }, ctx) {
  if (!isAuthed(ctx)) return denied(ctx, 'user', 'add clients');
  const { store } = ctx;
  const changes = { ...supplied(input, PROFILE_FIELDS), dietitian_id: input.dietitian_id ?? ctx.auth.user.id };
  const messages = [];
  checkNames(changes, true, messages);
  checkEmail(changes, { creating: true, required: !input.skipped_email }, messages);
  checkDob(changes, messages);
  checkLinks(store, changes, messages);
  if (findDuplicate(store, changes.email, changes.first_name, changes.last_name, null)) {
    messages.push(msg('email', 'A client with this email, first name and last name already exists'));
  }
  if (messages.length) return invalid('user', messages);
  const user = store.addUser({ ...changes, dietitian_id: String(changes.dietitian_id), is_patient: true });
  if (!input.dont_send_welcome && !isBlank(user.email)) store.recordEmail('welcome', user);
  ctx.emit('patient.created', user.id, 'User', []);
  return ok('user', user);
}

function updateClient(_root, { input = {} }, ctx) {
  if (!isAuthed(ctx)) return denied(ctx, 'user', 'update clients');
  const { store } = ctx;
  const user = input.id === undefined || input.id === null ? null : store.users.get(String(input.id));
  if (!user || !user.is_patient || !canSeeClient(ctx, user)) return invalid('user', [msg('id', 'Client not found')]);
  // Email-triggering inputs win and nothing else in the call is applied (api-facts §6, D-PAT).
  if (input.resend_welcome) {
    store.recordEmail('welcome', user, { resend: true });
    return ok('user', user);
  }
  const changes = supplied(input, [...PROFILE_FIELDS, 'active']);
  const messages = [];
  checkNames(changes, false, messages);
  checkEmail(changes, { creating: false, required: !(changes.skipped_email ?? user.skipped_email) }, messages);
  checkDob(changes, messages);
  checkLinks(store, changes, messages);
  const next = (f) => (f in changes ? changes[f] : user[f]);
  if (['email', 'first_name', 'last_name'].some((f) => f in changes)
    && findDuplicate(store, next('email'), next('first_name'), next('last_name'), user.id)) {
    messages.push(msg('email', 'A client with this email, first name and last name already exists'));
  }
  if ('active' in changes && changes.active === null) messages.push(msg('active', 'Active must be true or false'));
  if (messages.length) return invalid('user', messages);
  const changed = applyChanges(user, changes, [...PROFILE_FIELDS, 'active']);
  if (changed.includes('active')) {
    user.archived_at = user.active ? null : stamp(Date.now());
    changed.push('archived_at');
  }
  touchUser(store, user);
  ctx.emit('patient.updated', user.id, 'User', changed);
  return ok('user', user);
}

/** Without user_group_id the listed clients are archived (active_status false/absent) or unarchived (true). */
function bulkUpdateClients(_root, { input = {} }, ctx) {
  if (!isAuthed(ctx)) return denied(ctx, 'users', 'update clients');
  const { store } = ctx;
  const found = [];
  const messages = [];
  for (const id of input.ids ?? []) {
    const u = store.users.get(String(id));
    if (u && u.is_patient && canSeeClient(ctx, u)) found.push(u);
    else messages.push(msg('ids', `Client ${id} not found`));
  }
  const grouping = input.user_group_id !== undefined && input.user_group_id !== null;
  for (const u of found) {
    const changes = grouping ? { user_group_id: String(input.user_group_id) } : { active: input.active_status === true };
    const changed = applyChanges(u, changes, ['user_group_id', 'active']);
    if (changed.includes('active')) {
      u.archived_at = u.active ? null : stamp(Date.now());
      changed.push('archived_at');
    }
    touchUser(store, u);
    if (!input.suppress_patient_updated_webhooks) ctx.emit('patient.updated', u.id, 'User', changed);
  }
  // Unknown ids do not stop the others: the found ones are changed AND messages is non-empty.
  return { users: found, messages: messages.length ? messages : null };
}

export const clientMutations = { createClient, updateClient, bulkUpdateClients };
