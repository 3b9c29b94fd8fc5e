#!/usr/bin/env node
// Throughput of the simulator serving `users` pages of 100 users each.
//
// Starts server.mjs as a child process (one Node process = one core for the server), seeds it with
// N clients, then runs a fixed number of page requests over C keep-alive connections on 127.0.0.1 and
// prints requests/s for both API shapes. Bounded: at most --requests requests per shape.
//
//   node bench/pages.mjs [--clients 5000] [--requests 20000] [--connections 8]
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';

const opts = { clients: 5000, requests: 20000, connections: 8 };
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i].replace(/^--/, '');
  if (!(key in opts)) throw new Error(`${process.argv[i]}: unknown option (known: --clients --requests --connections)`);
  opts[key] = Number(process.argv[i + 1]);
}

const KEY = 'gh_sbox_bench_admin';
function seed(n) {
  const clients = [];
  for (let i = 0; i < n; i++) {
    clients.push({ id: String(200000 + i), email: `client${i}@example.com`, first_name: `First${i % 97}`, last_name: `Last${String(i).padStart(6, '0')}`, dob: '1980-01-01', phone_number: `555-01${String(i % 100).padStart(2, '0')}`, record_identifier: `R-${i}`, dietitian_id: '1', active: i % 10 !== 0 });
  }
  return {
    organization: { id: '1', name: 'Bench' },
    members: [{ id: '1', membership_id: '2', email: 'bench@example.com', first_name: 'B', last_name: 'B', is_admin: true }],
    api_keys: [{ key: KEY, role: 'admin', user_id: '1' }],
    clients,
  };
}

const FIELDS = 'id first_name last_name email dob phone_number record_identifier active dietitian_id';
const SHAPES = {
  baseline: { version: null, query: (page) => `{ users(page_size: 100, offset: ${(page % 40) * 100}) { ${FIELDS} } }`, count: (b) => b.data.users.length },
  '2026-01-01': { version: '2026-01-01', query: () => `query($after: String) { users(first: 100, after: $after) { page_info { end_cursor has_next_page } nodes { ${FIELDS} } } }`, count: (b) => b.data.users.nodes.length },
};

function post(agent, port, body, version) {
  return new Promise((resolve, reject) => {
    const headers = { 'Content-Type': 'application/json', Authorization: `Basic ${KEY}`, AuthorizationSource: 'API', 'Content-Length': Buffer.byteLength(body) };
    if (version) headers['Healthie-GraphQL-API-Version'] = version;
    const req = http.request({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** CPU seconds the server process has used so far (Linux /proc; null elsewhere). */
function serverCpuSeconds(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime in USER_HZ (100 on Linux)
  } catch {
    return null;
  }
}

async function run(port, shape, pid) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections });
  const s = SHAPES[shape];
  let next = 0;
  let users = 0;
  const worker = async () => {
    while (next < opts.requests) {
      const page = next++;
      const after = shape === 'baseline' ? undefined : Buffer.from(String((page % 40) * 100)).toString('base64');
      const body = await post(agent, port, JSON.stringify({ query: s.query(page), variables: after ? { after } : undefined }), s.version);
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      users += s.count(body);
    }
  };
  await Promise.all(Array.from({ length: opts.connections }, worker)); // warm-up and measure in one go below
  next = 0;
  users = 0;
  const cpu0 = serverCpuSeconds(pid);
  const t0 = performance.now();
  await Promise.all(Array.from({ length: opts.connections }, worker));
  const secs = (performance.now() - t0) / 1000;
  const cpu = cpu0 === null ? null : serverCpuSeconds(pid) - cpu0;
  agent.destroy();
  return { shape, requests: opts.requests, secs, rps: opts.requests / secs, usersPerPage: users / opts.requests, perCpuSecond: cpu ? opts.requests / cpu : null, cpuShare: cpu === null ? null : cpu / secs };
}

const here = path.dirname(fileURLToPath(import.meta.url));
const child = spawn(process.execPath, [path.join(here, '..', 'server.mjs'), '--port', '0', '--rate-limit', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
try {
  const url = await new Promise((resolve) => child.stdout.once('data', (c) => resolve(String(c).trim())));
  const port = Number(new URL(url).port);
  await fetch(`http://127.0.0.1:${port}/_sim/seed`, { method: 'POST', body: JSON.stringify(seed(opts.clients)) });
  console.log(`node ${process.version}, ${opts.clients} clients, ${opts.requests} requests per shape, ${opts.connections} connections`);
  for (const shape of Object.keys(SHAPES)) {
    const r = await run(port, shape, child.pid);
    const cpu = r.perCpuSecond ? `; server used ${(r.cpuShare * 100).toFixed(0)}% of one core = ${r.perCpuSecond.toFixed(0)} pages per server CPU-second` : '';
    console.log(`${r.shape.padEnd(11)} ${r.rps.toFixed(0).padStart(6)} pages/s  (${r.usersPerPage.toFixed(0)} users/page, ${r.secs.toFixed(2)} s${cpu})`);
  }
} finally {
  child.kill('SIGTERM');
}
