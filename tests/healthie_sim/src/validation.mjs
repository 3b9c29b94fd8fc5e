// Field checks shared by the client and staff mutations. Healthie reports these as
// `messages: [{field, message}]` with Rails-style sentences; the exact wording is not documented
// (api-facts §12.4), so the texts here are ours and are listed in docs/simulator.md.

// Deliberately strict (one @, a dot in the domain, no spaces), like Rails' URI::MailTo pattern.
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

export const isBlank = (v) => v === undefined || v === null || String(v).trim() === '';

export function isValidEmail(v) {
  return typeof v === 'string' && EMAIL.test(v);
}

/** dob must be a real calendar date written YYYY-MM-DD, and not in the future. */
export function isValidDob(v) {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v && d.getTime() <= Date.now();
}

export const msg = (field, message) => ({ field, message });

/** Name checks used by createClient/updateClient/member mutations; `changes` holds only supplied keys. */
export function checkNames(changes, creating, out) {
  for (const [field, label] of [['first_name', 'First name'], ['last_name', 'Last name']]) {
    if ((creating || field in changes) && isBlank(changes[field])) out.push(msg(field, `${label} can't be blank`));
  }
}

export function checkEmail(changes, { creating, required }, out) {
  const supplied = 'email' in changes;
  if (!supplied && !creating) return;
  if (isBlank(changes.email)) {
    if (required) out.push(msg('email', "Email can't be blank"));
    return;
  }
  if (!isValidEmail(changes.email)) out.push(msg('email', 'Email is invalid'));
}

export function checkDob(changes, out) {
  if ('dob' in changes && !isBlank(changes.dob) && !isValidDob(changes.dob)) {
    out.push(msg('dob', 'Dob is invalid. Use the format YYYY-MM-DD'));
  }
}
