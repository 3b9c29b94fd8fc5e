// The resolver map per API shape, as buildSchemas() in schema.mjs expects it.
import { queryResolvers } from './queries.mjs';
import { typeResolvers } from './types.mjs';
import { clientMutations } from './clients.mjs';
import { staffMutations } from './staff.mjs';
import { webhookMutations, webhookTypes } from './webhooks.mjs';

const mutations = { ...clientMutations, ...staffMutations, ...webhookMutations };

export const resolverMaps = Object.fromEntries(['baseline', '2026-01-01'].map((shape) => [shape, {
  Query: queryResolvers[shape],
  Mutation: mutations,
  ...typeResolvers[shape],
  ...webhookTypes[shape],
}]));
