// Staff mutations: createOrganizationMembership, updateOrganizationMembership (role, admin flag,
// activation, handing clients over) and updateOrganizationMember (profile fields).
// Only admin keys may manage members (api-facts §7: super admin or can_add_members/can_edit_members);
// a provider key may edit only its own profile through updateOrganizationMember.
import { checkEmail, checkNames, isBlank, msg } from '../validation.mjs';
import { isAuthed } from './queries.mjs';
import { applyChanges, denied, invalid, ok, supplied, touchUser } from './outcome.mjs';

const ORG_ROLES = ['Standard', 'Support'];
const MEMBERSHIP_FIELDS = ['org_role', 'is_admin', 'is_provider', 'is_developer', 'title'];
const MEMBER_FIELDS = ['first_name', 'last_name', 'email', 'phone_number', 'npi', 'qualifications', 'timezone', 'metadata', 'record_identifier'];

const isAdmin = (ctx) => isAuthed(ctx) && ctx.auth.role === 'admin';

/** Member emails are unique across staff, compared case-insensitively. */
function emailTaken(store, email, exceptId) {
  if (isBlank(email)) return false;
  const lower = email.toLowerCase();
  return store.members.some((u) => u.id !== exceptId && u.emailLower === lower);
}

function checkOrgRole(changes, out) {
  if ('org_role' in changes && !ORG_ROLES.includes(changes.org_role)) {
    out.push(msg('org_role', `Org role must be one of: ${ORG_ROLES.join(', ')}`));
  }
}

function createOrganizationMembership(_root, { input = {} }, ctx) {
  if (!isAdmin(ctx)) return denied(ctx, 'organizationMembership', 'add members');
  const { store } = ctx;
  const changes = supplied(input, ['first_name', 'last_name', 'email', 'timezone', 'org_role', 'title']);
  const messages = [];
  if (isBlank(input.organization_id) || String(input.organization_id) !== store.org.id) {
    messages.push(msg('organization_id', 'Organization not found'));
  }
  checkNames(changes, true, messages);
  checkEmail(changes, { creating: true, required: true }, messages);
  checkOrgRole(changes, messages);
  if (emailTaken(store, changes.email, null)) messages.push(msg('email', 'Email has already been taken'));
  if (messages.length) return invalid('organizationMembership', messages);
  const orgRole = changes.org_role ?? 'Standard';
  const user = store.addUser({ ...changes, is_patient: false });
  const membership = store.addMembership({
    user_id: user.id, org_role: orgRole, is_admin: false, is_provider: orgRole === 'Standard', is_developer: false, title: changes.title ?? null,
  });
  if (input.send_invite_email !== false) store.recordEmail('invite', user);
  ctx.emit('organization_membership.created', membership.id, 'OrganizationMembership', []);
  return ok('organizationMembership', membership, { currentUser: ctx.auth.user });
}

function checkDeactivation(ctx, user, input, receiver, out) {
  if (input.active !== false || !user.active) return;
  if (user.is_owner) out.push(msg('active', 'The organization owner cannot be deactivated'));
  const hasClients = ctx.store.clients.some((c) => c.dietitian_id === user.id && c.active);
  if (hasClients && !receiver && ctx.config.requireReceiverOnDeactivate) {
    out.push(msg('provider_to_receive_clients', 'Choose a provider to receive the clients of this member before deactivating them'));
  }
}

function updateOrganizationMembership(_root, { input = {} }, ctx) {
  if (!isAdmin(ctx)) return denied(ctx, 'organizationMembership', 'edit members');
  const { store } = ctx;
  const membership = isBlank(input.id) ? null : store.memberships.get(String(input.id));
  if (!membership) return invalid('organizationMembership', [msg('id', 'Organization membership not found')]);
  const user = store.users.get(membership.user_id);
  const changes = supplied(input, MEMBERSHIP_FIELDS);
  const messages = [];
  checkOrgRole(changes, messages);
  let receiver = null;
  if (!isBlank(input.provider_to_receive_clients)) {
    receiver = store.users.get(String(input.provider_to_receive_clients));
    if (!receiver || receiver.is_patient || !receiver.active || receiver.id === user.id) {
      messages.push(msg('provider_to_receive_clients', 'Provider to receive clients not found'));
      receiver = null;
    }
  }
  checkDeactivation(ctx, user, input, receiver, messages);
  if (messages.length) return invalid('organizationMembership', messages);

  const changed = applyChanges(membership, changes, MEMBERSHIP_FIELDS);
  if (typeof input.active === 'boolean' && input.active !== user.active) {
    user.active = input.active;
    changed.push('active');
  }
  if (receiver) moveClients(ctx, user, receiver);
  touchUser(store, user);
  ctx.emit('organization_membership.updated', membership.id, 'OrganizationMembership', changed);
  return ok('organizationMembership', membership);
}

/** Hands every client of `from` (archived ones too) to `to`, one patient.updated webhook each. */
function moveClients(ctx, from, to) {
  for (const c of ctx.store.clients) {
    if (c.dietitian_id !== from.id) continue;
    c.dietitian_id = to.id;
    touchUser(ctx.store, c);
    ctx.emit('patient.updated', c.id, 'User', ['dietitian_id']);
  }
}

function updateOrganizationMember(_root, { input = {} }, ctx) {
  const self = isAuthed(ctx) && !isBlank(input.id) && String(input.id) === ctx.auth.user.id;
  if (!isAdmin(ctx) && !self) return denied(ctx, 'user', 'edit members');
  const { store } = ctx;
  const user = isBlank(input.id) ? null : store.users.get(String(input.id));
  if (!user || user.is_patient) return invalid('user', [msg('id', 'Organization member not found')]);
  const changes = supplied(input, MEMBER_FIELDS);
  const messages = [];
  checkNames(changes, false, messages);
  checkEmail(changes, { creating: false, required: true }, messages);
  if ('email' in changes && emailTaken(store, changes.email, user.id)) messages.push(msg('email', 'Email has already been taken'));
  if (messages.length) return invalid('user', messages);
  const changed = applyChanges(user, changes, MEMBER_FIELDS);
  touchUser(store, user);
  ctx.emit('organization_member.updated', user.id, 'OrganizationMember', changed);
  return ok('user', user);
}

export const staffMutations = { createOrganizationMembership, updateOrganizationMembership, updateOrganizationMember };
