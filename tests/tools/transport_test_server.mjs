#!/usr/bin/env node
// A local server for tests/integration/test_curl_transport.sh: it answers
// every POST with a preflight-shaped GraphQL answer plus what it saw (which
// connection, which HTTP version, which headers), and logs the same as JSON
// lines, so the test can check keep-alive, HTTP/2 and the headers on the
// wire.
//
//   node transport_test_server.mjs PORT_FILE LOG_FILE CERT KEY ROGUE_CERT ROGUE_KEY
//
// Listens on 127.0.0.1 (ports chosen by the system, written to PORT_FILE as
// {"plain":…,"tls":…,"rogue":…}):
//   plain  HTTP/1.1 without TLS; also a forward proxy: a CONNECT to any
//          host is logged ({"proxy_connect": "host:port"}) and tunnelled to
//          the tls port, so a name that does not resolve still answers;
//   tls    TLS with CERT (signed by the test's CA), offering h2 and http/1.1;
//   rogue  the same with ROGUE_CERT, which no CA of the test signed.
import fs from 'node:fs';
import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';

const [portFile, logFile, cert, key, rogueCert, rogueKey] = process.argv.slice(2);
if (!rogueKey) {
  console.error('usage: transport_test_server.mjs PORT_FILE LOG_FILE CERT KEY ROGUE_CERT ROGUE_KEY');
  process.exit(2);
}

// One number per TCP connection (HTTP/1.1) or HTTP/2 session.
const ids = new WeakMap();
let nextId = 1;
const idOf = (thing) => {
  if (!ids.has(thing)) ids.set(thing, nextId++);
  return ids.get(thing);
};

const caller = {
  id: '1',
  is_org_admin: true,
  organization: { id: '7' },
  organization_membership: { id: 'm1', is_admin: true, org_role: 'Standard' },
};

function answer(req, res) {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const seen = {
      conn: idOf(req.stream ? req.stream.session : req.socket),
      version: req.httpVersion,
      headers: req.headers,
      bytes: Buffer.concat(chunks).length,
    };
    fs.appendFileSync(logFile, `${JSON.stringify(seen)}\n`);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ data: { currentUser: caller }, seen }));
  });
}

function listen(server, name, ports) {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      ports[name] = server.address().port;
      resolve();
    });
  });
}

const ports = {};
const plain = http.createServer({ keepAlive: true }, answer);
plain.on('connect', (req, client, head) => {
  fs.appendFileSync(logFile, `${JSON.stringify({ proxy_connect: req.url })}\n`);
  const upstream = net.connect(ports.tls, '127.0.0.1', () => {
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    upstream.write(head);
    upstream.pipe(client);
    client.pipe(upstream);
  });
  upstream.on('error', () => client.destroy());
  client.on('error', () => upstream.destroy());
});
const tls = http2.createSecureServer(
  { cert: fs.readFileSync(cert), key: fs.readFileSync(key), allowHTTP1: true },
  answer,
);
const rogue = http2.createSecureServer(
  { cert: fs.readFileSync(rogueCert), key: fs.readFileSync(rogueKey), allowHTTP1: true },
  answer,
);
await Promise.all([listen(plain, 'plain', ports), listen(tls, 'tls', ports), listen(rogue, 'rogue', ports)]);
fs.writeFileSync(`${portFile}.tmp`, JSON.stringify(ports));
fs.renameSync(`${portFile}.tmp`, portFile);
