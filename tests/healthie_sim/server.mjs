#!/usr/bin/env node
// Command-line entry of the Healthie simulator. Binds 127.0.0.1 only, prints its GraphQL URL on
// stdout, writes the port to --port-file once listening, and exits 0 on SIGTERM/SIGINT.
// Flags: see `node server.mjs --help` and docs/simulator.md.
import fs from 'node:fs';
import { parseArgs, usage } from './src/config.mjs';
import { parseFaultSpec } from './src/faults.mjs';

function fail(message) {
  process.stderr.write(`healthie_sim: error: ${message}\n`);
  process.exit(2);
}

let args;
try {
  args = parseArgs(process.argv.slice(2));
} catch (e) {
  fail(e.message);
}
if (args.help) {
  process.stdout.write(`${usage()}\n`);
  process.exit(0);
}

let faults;
try {
  faults = args.faults.map(parseFaultSpec);
} catch (e) {
  fail(e.message);
}

let seed;
if (args.seed) {
  try {
    seed = JSON.parse(fs.readFileSync(args.seed, 'utf8'));
  } catch (e) {
    fail(`--seed ${args.seed}: ${e.message}`);
  }
}

// Loaded only now, so that --help and flag errors answer without loading graphql-js.
const { createSimulator } = await import('./src/app.mjs');
let sim;
try {
  sim = createSimulator({ seed, settings: args.settings, faults });
} catch (e) {
  fail(args.seed ? `${args.seed}: ${e.message}` : e.message); // only the seed can be wrong here
}

try {
  const url = await sim.listen(args.port);
  if (args.portFile) {
    // Write then rename, so a reader polling for the file never sees it half-written.
    fs.writeFileSync(`${args.portFile}.tmp`, `${sim.port}\n`);
    fs.renameSync(`${args.portFile}.tmp`, args.portFile);
  }
  process.stdout.write(`${url}\n`);
} catch (e) {
  fail(`cannot listen on 127.0.0.1:${args.port}: ${e.message}`);
}

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await sim.close();
    process.exit(0);
  });
}
