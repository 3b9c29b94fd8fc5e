// createWebhook, so a client can subscribe the way Healthie's API offers it (api-facts §8) instead of
// through the control API. Both paths register in the same Webhooks object.
// Event names: baseline takes strings ("patient.created"); 2026 takes WebhookEventType values
// (PATIENT_CREATED), which our 2026 SDL limits to the five roster events the simulator delivers.
import { ROSTER_EVENTS } from '../webhooks.mjs';
import { isBlank, msg } from '../validation.mjs';
import { isAuthed } from './queries.mjs';
import { encodeKeyCursor } from './listing.mjs';
import { denied, invalid, ok } from './outcome.mjs';

/** PATIENT_CREATED -> patient.created; ORGANIZATION_MEMBERSHIP_UPDATED -> organization_membership.updated. */
const fromEnum = (v) => v.toLowerCase().replace(/_([a-z]+)$/, '.$1');
const toEnum = (name) => name.replace('.', '_').toUpperCase();

function createWebhook(_root, { input = {} }, ctx) {
  if (!isAuthed(ctx) || ctx.auth.role !== 'admin') return denied(ctx, 'webhook', 'manage webhooks');
  const named = [input.event_type, ...(input.webhook_events ?? []).map((e) => e?.event_type)].filter((e) => !isBlank(e));
  const events = [...new Set(named.map((e) => (ctx.shape === 'baseline' ? e : fromEnum(e))))];
  const messages = [];
  if (isBlank(input.url)) messages.push(msg('url', "Url can't be blank"));
  for (const e of events) {
    if (!ROSTER_EVENTS.includes(e)) messages.push(msg('event_type', `Event type ${e} is not one the simulator sends (${ROSTER_EVENTS.join(', ')})`));
  }
  if (!events.length) messages.push(msg('event_type', "Event type can't be blank"));
  if (messages.length) return invalid('webhook', messages);
  try {
    return ok('webhook', ctx.webhooks.register({ url: input.url, events, should_retry: input.should_retry, is_enabled: input.is_enabled ?? true }));
  } catch (e) {
    return invalid('webhook', [msg('url', `Url is invalid: ${e.message.replace(/^url: /, '')}`)]);
  }
}

const webhookEvents = (format) => (sub) => sub.events.map((e, i) => ({ id: `${sub.id}-${i + 1}`, event_type: format(e) }));

export const webhookMutations = { createWebhook };

export const webhookTypes = {
  baseline: {
    Webhook: { signature_secret: (s) => s.secret, event_type: (s) => s.events[0], webhook_events: webhookEvents((e) => e), cursor: (s) => encodeKeyCursor(s.id), warned_at: () => null },
  },
  '2026-01-01': {
    Webhook: { signature_secret: (s) => s.secret, event_type: (s) => toEnum(s.events[0]), webhook_events: webhookEvents(toEnum), warned_at: () => null },
  },
};
