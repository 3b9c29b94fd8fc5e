// What the simulator was asked: a bounded log of recent /graphql requests and unbounded counters per
// root field and per outcome, so tests can assert "exactly 3 users pages and 1 createClient".
// Keys are never logged (auth.mjs keyHint); variables are not logged because they hold PHI.

const LOG_LIMIT = 10000;

export class RequestLog {
  constructor() {
    this.clear();
  }

  clear() {
    this.entries = [];
    this.total = 0;
    this.byOperation = {};
    this.byOutcome = {};
  }

  record(entry) {
    this.total += 1;
    const full = { seq: this.total, ...entry };
    for (const f of entry.fields ?? []) this.byOperation[f] = (this.byOperation[f] ?? 0) + 1;
    this.byOutcome[entry.outcome] = (this.byOutcome[entry.outcome] ?? 0) + 1;
    this.entries.push(full);
    if (this.entries.length > LOG_LIMIT) this.entries.splice(0, this.entries.length - LOG_LIMIT);
    return full;
  }

  counters() {
    return { total: this.total, by_operation: { ...this.byOperation }, by_outcome: { ...this.byOutcome } };
  }
}
