// Timestamps are kept as epoch milliseconds plus both wire formats, computed once when a value is
// set, so that serving a page of 100 users never formats a date.
//   baseline (2024-06-01): String, e.g. "2026-11-27 10:00:00 +0000" (api-facts §12.9, as MOCK does)
//   2026-01-01:            ISO8601DateTime, e.g. "2026-11-27T10:00:00Z"

const pad = (n) => String(n).padStart(2, '0');

export function stamp(ms) {
  if (ms === null || ms === undefined) return null;
  const d = new Date(ms);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return { ms, baseline: `${date} ${time} +0000`, iso: `${date}T${time}Z` };
}

/** Parses a seed timestamp (ISO 8601 or the baseline form); throws on garbage. */
export function parseStamp(text, where) {
  if (text === undefined || text === null) return null;
  const normalised = String(text).replace(/^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) ([+-]\d{4})$/, '$1T$2$3');
  const ms = Date.parse(normalised);
  if (Number.isNaN(ms)) throw new Error(`${where}: cannot parse timestamp ${JSON.stringify(text)}`);
  return stamp(ms);
}
