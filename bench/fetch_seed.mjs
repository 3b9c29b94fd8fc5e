#!/usr/bin/env node
// Writes a simulator seed with N clients and M staff for the fetch benchmark
// and the provider integration tests:
//   node bench/fetch_seed.mjs --clients 100000 --staff 300 [--archived-every 10]
//        [--inactive-staff 2] [--orphans 0] > seed.json
// Keys: "bench_admin_key" (admin, user 1000) and "bench_provider_key" (user 1001).
// Client i belongs to staff member 1000 + (i mod staff); every Kth is archived;
// the last --inactive-staff members are deactivated.
import process from 'node:process';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const clients = Number(args.clients ?? 1000);
const staff = Math.max(2, Number(args.staff ?? 10));
const archivedEvery = Number(args['archived-every'] ?? 10);
const inactiveStaff = Number(args['inactive-staff'] ?? 0);
const orphans = Number(args.orphans ?? 0);

const members = [];
for (let s = 0; s < staff; s++) {
  const id = 1000 + s;
  members.push({
    id: String(id), membership_id: String(500000 + s), email: `staff${s}@bench.example.com`,
    first_name: `Staff${s}`, last_name: `Member${s}`, org_role: s % 7 === 6 ? 'Support' : 'Standard',
    is_admin: s === 0, is_owner: s === 0, active: s < staff - inactiveStaff, // the last ones are deactivated
    timezone: 'America/New_York',
  });
}
const out = [];
for (let i = 0; i < clients + orphans; i++) {
  const orphan = i >= clients;
  out.push({
    id: String(1000000 + i), email: `client${i}@bench.example.com`, first_name: `First${i}`,
    last_name: `Last${i}`, dob: '1980-01-01', record_identifier: `MRN-${i}`,
    dietitian_id: orphan ? null : String(1000 + (i % staff)),
    active: archivedEvery > 0 ? i % archivedEvery !== archivedEvery - 1 : true,
  });
}
process.stdout.write(JSON.stringify({
  organization: { id: '7001', name: 'Bench organization' },
  api_keys: [
    { key: 'bench_admin_key', role: 'admin', user_id: '1000' },
    { key: 'bench_provider_key', role: 'provider', user_id: '1001' },
  ],
  members,
  clients: out,
}));
