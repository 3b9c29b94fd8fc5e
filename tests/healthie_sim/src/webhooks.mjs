// Webhook subscriptions and signed deliveries (api-facts §8).
//
// Body: {resource_id, resource_id_type, event_type, changed_fields}, JSON, POST.
// Signing, as Healthie's docs sample describes it:
//   Content-Digest:  SHA-256=<digest>            digest of the body; hex by default (api-facts §12.7:
//                                                 base64 is switchable, and its '=' padding breaks the
//                                                 sample's naive split('=') parser, on purpose)
//   Signature-Input: sig1=("@method" "@path" "@query" "content-digest" "content-type" "content-length")
//   Signature:       sig1=<lowercase hex HMAC-SHA256(secret, signing string)>
//   signing string:  "<method lowercased> <path> <query> <digest> application/json <content length>"
// Retries: a non-2xx answer or a network error is retried with exponential backoff
// (webhookBackoffMs * 2^(attempt-1)) up to webhookMaxAttempts attempts, unless should_retry is false.
import crypto from 'node:crypto';
import http from 'node:http';

export const ROSTER_EVENTS = [
  'patient.created', 'patient.updated', 'organization_membership.created',
  'organization_membership.updated', 'organization_member.updated',
];

export function signingString({ method, path, query, digest, contentLength }) {
  return `${method.toLowerCase()} ${path} ${query} ${digest} application/json ${contentLength}`;
}

/** Returns the headers for POSTing `body` (a string) to `url`; exported so tests can verify signatures. */
export function signDelivery(url, body, secret, digestMode = 'hex') {
  const u = new URL(url);
  const digest = crypto.createHash('sha256').update(body).digest(digestMode);
  const contentLength = body.length; // the sample uses JSON.stringify(body).length; bodies here are ASCII
  const input = { method: 'POST', path: u.pathname, query: u.search.replace(/^\?/, ''), digest, contentLength };
  const signature = crypto.createHmac('sha256', secret).update(signingString(input)).digest('hex');
  return {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(body)),
    'Content-Digest': `SHA-256=${digest}`,
    'Signature-Input': 'sig1=("@method" "@path" "@query" "content-digest" "content-type" "content-length")',
    Signature: `sig1=${signature}`,
  };
}

export class Webhooks {
  constructor(config) {
    this.config = config;
    this.subscriptions = [];
    this.deliveries = [];
    this.timers = new Set();
    this.nextId = 1;
  }

  reset() {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.subscriptions = [];
    this.deliveries = [];
  }

  register({ url, secret, events, should_retry: shouldRetry = true, is_enabled: isEnabled = true }) {
    let parsed;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error(`url: not a valid URL: ${JSON.stringify(url)}`);
    }
    if (parsed.protocol !== 'http:') throw new Error(`url: only http:// URLs are delivered to, got ${parsed.protocol}`);
    const unknown = (events ?? []).filter((e) => !ROSTER_EVENTS.includes(e));
    if (unknown.length) throw new Error(`events: unknown event type(s) ${unknown.join(', ')}; known: ${ROSTER_EVENTS.join(', ')}`);
    const sub = {
      id: String(this.nextId++),
      url,
      secret: secret ?? `whsec_${crypto.randomBytes(16).toString('hex')}`,
      events: events && events.length ? events : [...ROSTER_EVENTS],
      should_retry: shouldRetry !== false,
      is_enabled: isEnabled !== false,
    };
    this.subscriptions.push(sub);
    return sub;
  }

  remove(id) {
    const before = this.subscriptions.length;
    this.subscriptions = this.subscriptions.filter((s) => s.id !== String(id));
    return this.subscriptions.length !== before;
  }

  emit(eventType, resourceId, resourceIdType, changedFields) {
    const body = JSON.stringify({ resource_id: resourceId, resource_id_type: resourceIdType, event_type: eventType, changed_fields: changedFields });
    for (const sub of this.subscriptions) {
      if (!sub.is_enabled || !sub.events.includes(eventType)) continue;
      const delivery = { id: this.deliveries.length + 1, subscription_id: sub.id, url: sub.url, event_type: eventType, body: JSON.parse(body), status: 'pending', attempts: [] };
      this.deliveries.push(delivery);
      this.#schedule(() => this.#attempt(sub, delivery, body), 0);
    }
  }

  #schedule(fn, ms) {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  #attempt(sub, delivery, body) {
    const headers = signDelivery(sub.url, body, sub.secret, this.config.webhookDigest);
    const started = new Date().toISOString();
    let finished = false;
    const done = (status, error) => {
      if (finished) return;
      finished = true;
      delivery.attempts.push({ at: started, status, error });
      if (status >= 200 && status < 300) {
        delivery.status = 'delivered';
        return;
      }
      const n = delivery.attempts.length;
      if (!sub.should_retry || n >= this.config.webhookMaxAttempts) {
        delivery.status = 'failed';
        return;
      }
      this.#schedule(() => this.#attempt(sub, delivery, body), this.config.webhookBackoffMs * 2 ** (n - 1));
    };
    const req = http.request(sub.url, { method: 'POST', headers, timeout: this.config.webhookTimeoutMs }, (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode, null));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) => done(0, err.message));
    req.end(body);
  }
}
