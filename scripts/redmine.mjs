#!/usr/bin/env node
// A real Redmine on loopback for the tracker-export tests:
//   node scripts/redmine.mjs start [--install]   prepare once, serve on 127.0.0.1, print JSON
//   node scripts/redmine.mjs stop | status | env
// Uses Debian's package (Redmine 5.0, SQLite); see ../shared/STACK.md "Redmine".
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REDMINE_DIR = process.env.SG_REDMINE_DIR ?? '/usr/share/redmine';
const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const STATE_FILE = join(tmpdir(), 'sg-redmine.json');
const RAILS_PID_FILE = join(tmpdir(), 'sg-redmine-rails.pid');
const LOG_FILE = join(tmpdir(), 'sg-redmine.log');
const OUT_FILE = join(REPO, '.redmine.json');
const PROJECT = 'demo';
const INSTALL_HINT =
  'Redmine is not installed. On Debian/Ubuntu, as root: ' +
  'DEBIAN_FRONTEND=noninteractive apt-get install -y redmine redmine-sqlite ' +
  '(or run `node scripts/redmine.mjs start --install` as root).';
/** Exit status when Redmine is missing, so callers can tell it from a failure. */
const EXIT_MISSING = 3;

const env = { ...process.env, RAILS_ENV: 'production' };

function installed() {
  return existsSync(join(REDMINE_DIR, 'bin', 'rails'));
}

function install() {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
  if (!root || !apt) fail(`${INSTALL_HINT} (--install needs root and apt-get)`, EXIT_MISSING);
  log('Installing Debian’s redmine and redmine-sqlite (about 35 s)…');
  const run = spawnSync('apt-get', ['install', '-y', '-qq', 'redmine', 'redmine-sqlite'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (run.status !== 0) fail('apt-get install redmine redmine-sqlite failed.');
  if (!installed()) fail(`apt-get installed Redmine, but not in ${REDMINE_DIR}.`);
}

// One runner for everything, idempotent: a second run changes nothing and prints the same key.
const PREPARE_RUBY = `
Setting.rest_api_enabled = 1
Setting.text_formatting = 'common_mark'
Redmine::DefaultData::Loader.load('en') if Tracker.count == 0
p = Project.find_by(identifier: '${PROJECT}') ||
  Project.create!(name: 'Demo', identifier: '${PROJECT}', tracker_ids: Tracker.pluck(:id))
p.enabled_module_names = (p.enabled_module_names | ['issue_tracking'])
p.trackers = Tracker.all if p.trackers.empty?
p.save!
admin = User.find_by(login: 'admin')
puts "SG_API_KEY=#{admin.api_key}"
puts "SG_FORMATTING=#{Setting.text_formatting}"
`;

function prepare() {
  const gemfileLocal = join(REDMINE_DIR, 'Gemfile.local');
  const current = existsSync(gemfileLocal) ? readFileSync(gemfileLocal, 'utf8') : '';
  if (!/gem ["']webrick["']/.test(current)) {
    try {
      writeFileSync(
        gemfileLocal,
        `${current}${current.endsWith('\n') || !current ? '' : '\n'}gem "webrick"\n`,
      );
    } catch (error) {
      fail(`Cannot write ${gemfileLocal} (${error.message}): run this once as root.`);
    }
  }
  const run = spawnSync('bin/rails', ['runner', PREPARE_RUBY], {
    cwd: REDMINE_DIR,
    env,
    encoding: 'utf8',
  });
  const key = /SG_API_KEY=([0-9a-f]+)/.exec(run.stdout ?? '')?.[1];
  if (run.status !== 0 || !key) {
    fail(`Preparing Redmine failed:\n${run.stderr || run.stdout}`);
  }
  return key;
}

function portFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function freePort() {
  if (await portFree(3030)) return 3030;
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function readState() {
  try {
    return JSON.parse(readFileSync(STATE_FILE, 'utf8'));
  } catch {
    return null;
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function answers(baseUrl) {
  try {
    const response = await fetch(`${baseUrl}/projects.json`, { signal: AbortSignal.timeout(3000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function running() {
  const state = readState();
  if (!state || !alive(state.pid)) return null;
  return (await answers(state.baseUrl)) ? state : null;
}

function publish(state, started) {
  const info = { baseUrl: state.baseUrl, apiKey: state.apiKey, project: PROJECT };
  writeFileSync(OUT_FILE, `${JSON.stringify(info, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify({ ...info, started })}\n`);
}

async function start(args) {
  const existing = await running();
  if (existing) return publish(existing, false);
  if (!installed()) {
    if (args.includes('--install')) install();
    else fail(INSTALL_HINT, EXIT_MISSING);
  }
  const apiKey = prepare();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  rmSync(RAILS_PID_FILE, { force: true });
  const out = openSync(LOG_FILE, 'a');
  const child = spawn(
    'bin/rails',
    ['server', '-u', 'webrick', '-b', '127.0.0.1', '-p', String(port), '-P', RAILS_PID_FILE],
    { cwd: REDMINE_DIR, env, detached: true, stdio: ['ignore', out, out] },
  );
  child.unref();
  const state = { pid: child.pid, port, baseUrl, apiKey };
  writeFileSync(STATE_FILE, JSON.stringify(state));
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (!alive(child.pid)) fail(`Redmine exited while starting; see ${LOG_FILE}.`);
    if (await answers(baseUrl)) return publish(state, true);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  stop();
  fail(`Redmine did not answer ${baseUrl}/projects.json within 120 s; see ${LOG_FILE}.`);
}

function stop() {
  const state = readState();
  if (state && alive(state.pid)) {
    // The server was started detached: its process group is its own.
    try {
      process.kill(-state.pid, 'SIGTERM');
    } catch {
      process.kill(state.pid, 'SIGTERM');
    }
  }
  rmSync(STATE_FILE, { force: true });
  rmSync(RAILS_PID_FILE, { force: true });
  return state !== null;
}

function log(message) {
  process.stderr.write(`${message}\n`);
}

function fail(message, code = 1) {
  log(message);
  process.exit(code);
}

const [command, ...args] = process.argv.slice(2);
if (command === 'start') {
  await start(args);
} else if (command === 'stop') {
  log(stop() ? 'Redmine stopped.' : 'Redmine was not running.');
} else if (command === 'status') {
  const state = await running();
  if (state) process.stdout.write(`running at ${state.baseUrl} (pid ${state.pid})\n`);
  else {
    process.stdout.write(installed() ? 'not running\n' : `not installed. ${INSTALL_HINT}\n`);
    process.exitCode = 1;
  }
} else if (command === 'env') {
  const state = await running();
  if (!state) fail('Redmine is not running: node scripts/redmine.mjs start');
  process.stdout.write(`REDMINE_URL=${state.baseUrl}\nREDMINE_API_KEY=${state.apiKey}\n`);
} else {
  fail('usage: node scripts/redmine.mjs start [--install] | stop | status | env', 2);
}
