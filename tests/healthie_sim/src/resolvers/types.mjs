// Field resolvers of User, OrganizationMembership and Organization that are not plain properties:
// timestamps in each shape's format, links between records, and derived flags. Everything else uses
// graphql-js's default property resolver, which keeps a 100-user page cheap.
import { connectionEdges, encodeKeyCursor } from './listing.mjs';
import { canSeeUser } from './queries.mjs';

const timestamp = (field, format) => (obj) => obj[field]?.[format] ?? null;

function userFields(format) {
  return {
    created_at: timestamp('created_at', format),
    updated_at: timestamp('updated_at', format),
    archived_at: timestamp('archived_at', format),
    full_name: (u) => [u.first_name, u.last_name].filter(Boolean).join(' ') || null,
    name: (u) => [u.first_name, u.last_name].filter(Boolean).join(' ') || null,
    is_patient: (u) => u.is_patient,
    dietitian: (u, _a, ctx) => {
      const d = u.dietitian_id ? ctx.store.users.get(u.dietitian_id) : null;
      return canSeeUser(ctx, d) ? d : null;
    },
    organization: (u, _a, ctx) => (u.is_patient ? null : ctx.store.org),
    organization_membership: (u, _a, ctx) => ctx.store.membershipByUser.get(u.id) ?? null,
    is_active_provider: (u, _a, ctx) => {
      const m = ctx.store.membershipByUser.get(u.id);
      return Boolean(m && u.active && m.is_provider);
    },
    is_org_admin: (u, _a, ctx) => Boolean(ctx.store.membershipByUser.get(u.id)?.is_admin),
  };
}

const membershipUser = (m, _a, ctx) => ctx.store.users.get(m.user_id) ?? null;
const orgOwner = (o, _a, ctx) => ctx.store.members.find((u) => u.is_owner) ?? null;

export const typeResolvers = {
  baseline: {
    User: { ...userFields('baseline'), cursor: (u) => encodeKeyCursor(u.id) },
    OrganizationMembership: { user: membershipUser, cursor: (m) => encodeKeyCursor(m.id) },
    Organization: {
      created_at: timestamp('created_at', 'baseline'),
      owner: orgOwner,
      // every membership, deactivated ones included (dropMembership does not hide one from it)
      organization_memberships_count: (_o, _a, ctx) => ctx.store.memberships.size,
    },
  },
  '2026-01-01': {
    // ISO8601Date is a plain YYYY-MM-DD string, which is how dob is stored.
    User: userFields('iso'),
    OrganizationMembership: { user: membershipUser, organization: (_m, _a, ctx) => ctx.store.org },
    Organization: { created_at: timestamp('created_at', 'iso'), owner: orgOwner },
    UserConnection: { edges: connectionEdges },
    OrganizationMembershipPaginationConnection: { edges: connectionEdges },
  },
};
