#!/usr/bin/env node
// `npm run demo`: the embedded app on a fresh data directory (./data/demo) with a generated gateway
// token, then the gateway simulator with 8 demo patients (one desaturates and one has a
// hypertensive surge within the first two minutes). Creates one demo account per role (the first
// admin is `admin`) and prints their passwords once, then the dashboard URL; Ctrl-C stops both.
'use strict';
const { execFileSync, spawn } = require('node:child_process');
const { createHash, randomBytes } = require('node:crypto');
const { existsSync, mkdirSync, rmSync } = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const main = path.join(root, 'dist', 'apps', 'vigil', 'src', 'main.js');
const cli = path.join(root, 'bin', 'vigil.js');
// VIGIL_DEMO_DATA_DIR: somewhere else than ./data/demo (the demo's own test runs in a temporary directory).
const dataDir = path.resolve(process.env.VIGIL_DEMO_DATA_DIR || path.join(root, 'data', 'demo'));
const host = '127.0.0.1';
const gatewayId = 'demo-gateway';

function log(message) {
  process.stdout.write(`[demo] ${message}\n`);
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

async function choosePort() {
  const wanted = Number(process.env.PORT || 3000);
  if (await portIsFree(wanted)) return wanted;
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url, app) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`the app exited with code ${app.exitCode} while starting`);
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the app did not answer ${url}/api/v1/health within 30 s`);
}

const DEMO_ROLES = ['clinician', 'monitor', 'auditor', 'display'];

/** One account per role through `vigil accounts add`, which generates each password and prints it once. */
function createDemoAccounts() {
  const accounts = [];
  for (const role of DEMO_ROLES) {
    const username = `demo-${role}`;
    const out = execFileSync(process.execPath, [cli, 'accounts', 'add', username, '--roles', role, '--data-dir', dataDir], { encoding: 'utf8' });
    const password = /\(shown only this once\): (\S+)/.exec(out)?.[1];
    if (!password) throw new Error(`vigil accounts add ${username} printed no password:\n${out}`);
    accounts.push({ username, role, password });
  }
  return accounts;
}

async function signIn(url, username, password) {
  const response = await fetch(`${url}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!response.ok) throw new Error(`${username} could not sign in: ${response.status} ${await response.text()}`);
  return (await response.json()).token;
}

async function run() {
  if (!existsSync(main)) throw new Error(`${path.relative(root, main)} is missing: run "npm run build" (npm run demo does it first)`);
  // A fresh clinic every time: the demo's patients start from their scenario, not from last run's store.
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const token = randomBytes(24).toString('hex');
  const accounts = [...createDemoAccounts(), { username: 'admin', role: 'admin', password: randomBytes(18).toString('base64url') }];
  const admin = accounts[accounts.length - 1];
  const port = await choosePort();
  const url = `http://${host}:${port}`;

  const children = [];
  let stopping = false;
  const stopAll = (code) => {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    const force = setTimeout(() => children.forEach((child) => child.exitCode === null && child.kill('SIGKILL')), 10_000);
    force.unref();
    Promise.all(children.map((child) => (child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : undefined))).then(() => process.exit(code));
  };
  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));

  log(`starting Vigil on ${url} (data in ${dataDir})`);
  const app = spawn(process.execPath, [main], {
    cwd: root,
    env: {
      ...process.env,
      HOST: host,
      PORT: String(port),
      VIGIL_DATA_DIR: dataDir,
      VIGIL_GATEWAYS: JSON.stringify([{ gatewayId, tokenSha256: createHash('sha256').update(token).digest('hex') }]),
      LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
      VIGIL_ADMIN_PASSWORD: admin.password,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.push(app);
  app.once('exit', (code) => {
    if (!stopping) {
      log(`the app stopped unexpectedly (code ${code})`);
      stopAll(1);
    }
  });
  await waitForHealth(url, app);
  const clinician = accounts.find((account) => account.role === 'clinician');
  const staffToken = await signIn(url, clinician.username, clinician.password);

  // The tokens go through the environment, never the command line: `ps` shows every process's
  // arguments to every user of the machine (issue 15 item 8).
  const simulator = spawn(
    process.execPath,
    [cli, 'simulate', '--url', url, '--gateway-id', gatewayId, '--sessions', '8', '--seed', '1', '--demo'],
    { cwd: root, env: { ...process.env, VIGIL_GATEWAY_TOKEN: token, VIGIL_STAFF_TOKEN: staffToken }, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  children.push(simulator);
  simulator.once('exit', (code) => {
    if (!stopping) {
      log(`the simulator stopped (code ${code}); the dashboard stays up until Ctrl-C`);
    }
  });

  log('');
  log(`Dashboard: ${url}/`);
  log('Demo accounts (passwords shown only this once; the data directory is new each run):');
  for (const account of accounts) log(`  ${account.role.padEnd(9)} ${account.username.padEnd(15)} ${account.password}`);
  log('8 simulated patients; a desaturation and a hypertensive surge raise alarms within two minutes.');
  log('Click the page once to enable alarm sound (a red SOUND OFF bar shows until then). Ctrl-C stops the simulator and the app.');
  log(`Data: ${dataDir} (the SQLite event store events.sqlite; replaced at the next npm run demo)`);
  log(`Check its hash chains: npx vigil verify --data-dir ${dataDir}`);
  log('');
}

run().catch((error) => {
  process.stderr.write(`[demo] ${error.message}\n`);
  process.exit(1);
});
