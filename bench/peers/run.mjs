// The peer comparison of issue 7 (see docs/performance.md): one data set, the same plain per-unit
// aggregate in parmetrics, a bare C++ loop, DuckDB, PostgreSQL and SQLite, a check that every
// engine returns the same numbers, and one table of load and query times with A/B pairs.
// Started by bench/peers/run; `bench/peers/run --help` lists the options.

import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');

const USAGE = `usage: bench/peers/run [options]

Generates a deterministic data set (the project's benchmark generator, appointments recorded), runs the plain per-unit aggregate
(dossiers, online, late as of an instant) in parmetrics, a bare C++ loop, DuckDB, PostgreSQL 15 and
SQLite 3, checks that all return identical per-unit numbers, and prints one table.

  --dossiers N     dossiers in the data set (default 10M; 1M, 500k, 1e6 are accepted)
  --units N        units (default 1000)
  --seed N         generator seed (default: the generator's)
  --runs K         timed query runs per engine, A/B pairs with parmetrics (default 5)
  --load-runs L    parmetrics / DuckDB load pairs (default 3; PostgreSQL and SQLite load once)
  --as-of T        the instant YYYY-MM-DDTHH:MM (default: 90 % into the receipts, on the hour)
  --peers LIST     comma-separated subset of duckdb,postgres,sqlite (default: all)
  --sizes LIST     also run parmetrics alone at these sizes (scaling), e.g. 1M,10M,50M
  --end-to-end LIST  whole processes at these sizes, codes of the usual form and arbitrary ones:
                   parmetrics report --by unit against a DuckDB process (read_csv + the plain
                   aggregate), A/B pairs (default 2M,10M; none to skip)
  --keep DIR       keep data sets, results and the driver's build under DIR (default: a cache
                   under ${os.tmpdir()}/parmetrics-peers-cache, scratch deleted at exit)
  --build DIR      the CMake build for bin/parmetrics and bin/parmetrics-peer (default:
                   build/release; without a parmetrics-peer target there, the driver is built
                   on its own under the cache folder)
  --no-build       do not (re)build the CLI and the driver
  --regenerate     generate the data set even when a cached one matches
  --json FILE      also write every measurement as JSON
  --help

Setup once: bench/peers/setup (PostgreSQL 15, SQLite 3, npm ci for DuckDB).`;

// --- options --------------------------------------------------------------------------------------

function parseCount(text, name) {
  const m = /^(\d+(?:\.\d+)?)(?:e(\d+))?([kKmM]?)$/.exec(String(text).trim());
  if (!m) throw new UsageError(`${name}: not a count: '${text}'`);
  let v = Number(m[1]) * (m[2] ? 10 ** Number(m[2]) : 1);
  if (m[3] === 'k' || m[3] === 'K') v *= 1e3;
  if (m[3] === 'm' || m[3] === 'M') v *= 1e6;
  if (!Number.isInteger(v) || v <= 0) throw new UsageError(`${name}: not a positive count: '${text}'`);
  return v;
}

class UsageError extends Error {}

function parseArgs(argv) {
  const o = {
    dossiers: 10_000_000, units: 1000, seed: null, runs: 5, loadRuns: 3, asOf: null,
    peers: ['duckdb', 'postgres', 'sqlite'], sizes: [], endToEnd: [2_000_000, 10_000_000], keep: null,
    build: path.join(repo, 'build', 'release'), noBuild: false, regenerate: false, json: null,
  };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new UsageError(`${a} needs a value`);
      return argv[++i];
    };
    switch (a) {
      case '--dossiers': o.dossiers = parseCount(value(), a); break;
      case '--units': o.units = parseCount(value(), a); break;
      case '--seed': o.seed = String(parseCount(value(), a)); break;
      case '--runs': o.runs = parseCount(value(), a); break;
      case '--load-runs': o.loadRuns = parseCount(value(), a); break;
      case '--as-of': {
        const t = value();
        if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d$/.test(t)) throw new UsageError(`--as-of: YYYY-MM-DDTHH:MM, not '${t}'`);
        o.asOf = t;
        break;
      }
      case '--peers': {
        const v = value();
        o.peers = v === '' || v === 'none' ? [] : v.split(',');
        for (const p of o.peers) {
          if (!['duckdb', 'postgres', 'sqlite'].includes(p)) throw new UsageError(`--peers: unknown peer '${p}'`);
        }
        break;
      }
      case '--sizes': o.sizes = value().split(',').filter(Boolean).map((s) => parseCount(s, a)); break;
      case '--end-to-end': {
        const v = value();
        o.endToEnd = v === '' || v === 'none' ? [] : v.split(',').filter(Boolean).map((s) => parseCount(s, a));
        break;
      }
      case '--keep': o.keep = path.resolve(value()); break;
      case '--build': o.build = path.resolve(value()); break;
      case '--no-build': o.noBuild = true; break;
      case '--regenerate': o.regenerate = true; break;
      case '--json': o.json = path.resolve(value()); break;
      case '--help': case '-h': process.stdout.write(USAGE + '\n'); process.exit(0); break;
      default: throw new UsageError(`unknown option '${a}'`);
    }
  }
  return o;
}

// --- small helpers --------------------------------------------------------------------------------

const log = (msg) => process.stderr.write(`peers: ${msg}\n`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
const fmtCount = (n) => n.toLocaleString('en-US');
const fmtMs = (ms) => {
  if (!Number.isFinite(ms)) return '—';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
};
const fmtRatio = (r) => (Number.isFinite(r) ? (r >= 100 ? `${r.toFixed(0)}×` : r >= 10 ? `${r.toFixed(1)}×` : `${r.toFixed(2)}×`) : '—');
const fmtBytes = (b) => (b >= 2 ** 30 ? `${(b / 2 ** 30).toFixed(2)} GiB` : `${(b / 2 ** 20).toFixed(0)} MiB`);
const sizeName = (n) => (n % 1_000_000 === 0 ? `${n / 1_000_000}M` : n % 1000 === 0 ? `${n / 1000}k` : String(n));

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 28, ...options });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  return r;
}

function runChecked(cmd, args, options = {}) {
  const r = run(cmd, args, options);
  if (r.status !== 0) {
    throw new Error(`${[cmd, ...args].join(' ')} failed (exit ${r.status}):\n${(r.stderr || '') + (r.stdout || '')}`.trimEnd());
  }
  return r;
}

// A command whose output goes to our stderr (builds, the generator): stdout stays the table's.
function runLoud(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 2, 2], ...options });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${[cmd, ...args].join(' ')} failed (exit ${r.status})`);
}

function which(cmd) {
  for (const dir of (process.env.PATH || '').split(':')) {
    const p = path.join(dir || '.', cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch { /* next */ }
  }
  return null;
}

// --- cleanup: every throw-away resource registers how to undo itself, run even on failure --------

const cleanups = [];
function runCleanups() {
  while (cleanups.length) {
    const f = cleanups.pop();
    try {
      f();
    } catch (e) {
      process.stderr.write(`peers: cleanup: ${e.message}\n`);
    }
  }
}
process.on('exit', runCleanups);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    log(`${sig}: cleaning up`);
    runCleanups();
    process.exit(128 + (os.constants.signals[sig] || 1));
  });
}

// --- a child process spoken to line by line -------------------------------------------------------

class LineProcess {
  constructor(name, cmd, args, options = {}) {
    this.name = name;
    this.child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], ...options });
    this.lines = [];
    this.waiter = null;
    this.stderr = '';
    this.exited = null;
    readline.createInterface({ input: this.child.stdout }).on('line', (l) => {
      this.lines.push(l);
      this.pump();
    });
    this.child.stderr.on('data', (d) => {
      this.stderr = (this.stderr + d).slice(-20000);
    });
    this.child.on('exit', (code, signal) => {
      this.exited = { code, signal };
      this.pump();
    });
    this.child.on('error', (e) => {
      this.exited = { error: e.message };
      this.pump();
    });
    this.child.stdin.on('error', () => {}); // reported through 'exit'
    const pid = this.child.pid;
    this.cleanup = () => {
      if (!this.exited && pid) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch { /* gone */ }
      }
    };
    cleanups.push(this.cleanup);
  }

  pump() {
    const w = this.waiter;
    if (!w) return;
    while (this.lines.length) {
      const line = this.lines.shift();
      if (w.onLine(line)) {
        this.waiter = null;
        w.resolve();
        return;
      }
    }
    if (this.exited) {
      this.waiter = null;
      const how = this.exited.error || (this.exited.signal ? `signal ${this.exited.signal}` : `exit ${this.exited.code}`);
      w.reject(new Error(`${this.name} ended (${how}): ${this.stderr.trim().split('\n').slice(-15).join('\n')}`));
    }
  }

  // Writes `text`, then hands every output line to onLine until it returns true.
  send(text, onLine) {
    return new Promise((resolve, reject) => {
      if (this.waiter) throw new Error(`${this.name}: request while another is pending`);
      this.waiter = { onLine, resolve, reject };
      this.child.stdin.write(text);
      this.pump();
    });
  }

  async close(input) {
    if (!this.exited) {
      const done = new Promise((resolve) => this.child.once('exit', resolve));
      if (input) this.child.stdin.write(input);
      this.child.stdin.end();
      const timer = setTimeout(() => this.cleanup(), 30_000);
      await done;
      clearTimeout(timer);
    }
  }
}

// The parmetrics driver (bench/peers/parmetrics_peer.cpp): one JSON answer per command.
class ParmetricsDriver {
  constructor(bin, dataDir) {
    this.proc = new LineProcess('parmetrics-peer', bin, [dataDir]);
  }
  async cmd(...words) {
    let answer;
    await this.proc.send(words.join(' ') + '\n', (line) => {
      answer = line;
      return true;
    });
    const json = JSON.parse(answer);
    if (json.error) throw new Error(`parmetrics-peer ${words[0]}: ${json.error}`);
    return json;
  }
  close() {
    return this.proc.close('quit\n');
  }
}

// --- build ----------------------------------------------------------------------------------------

function cacheRoot(o) {
  return o.keep || path.join(os.tmpdir(), 'parmetrics-peers-cache');
}

function buildTools(o) {
  const cli = path.join(o.build, 'bin', 'parmetrics');
  const privateBuild = path.join(cacheRoot(o), 'peer-build');
  const privatePeer = path.join(privateBuild, 'bin', 'parmetrics-peer');
  const projectPeer = path.join(o.build, 'bin', 'parmetrics-peer');
  if (o.noBuild) {
    const peer = fs.existsSync(projectPeer) ? projectPeer : privatePeer;
    if (!fs.existsSync(peer)) throw new Error(`--no-build: ${peer} is missing`);
    return fs.existsSync(cli) ? { cli, peer } : { cli: null, cliSkipped: `--no-build and no ${cli}`, peer };
  }
  if (!fs.existsSync(path.join(o.build, 'CMakeCache.txt'))) {
    if (o.build !== path.join(repo, 'build', 'release')) throw new Error(`no CMake build in ${o.build}: configure it, or drop --build`);
    log('configuring build/release (cmake --preset release)');
    runLoud('cmake', ['--preset', 'release'], { cwd: repo });
  }
  // The CLI only serves the end-to-end `parmetrics report` row: a failed build skips that row.
  log(`building the CLI in ${o.build}`);
  let tools = { cli, peer: null };
  try {
    runLoud('cmake', ['--build', o.build, '-j2', '--target', 'parmetrics-cli']);
  } catch (e) {
    log(`the CLI did not build; its row is skipped (${e.message})`);
    tools = { cli: null, cliSkipped: 'the CLI did not build', peer: null };
  }
  const targets = run('cmake', ['--build', o.build, '--target', 'help']).stdout || '';
  if (/\bparmetrics-peer\b/.test(targets)) {
    runLoud('cmake', ['--build', o.build, '-j2', '--target', 'parmetrics-peer']);
    return { ...tools, peer: projectPeer };
  }
  // The project's build does not include bench/peers: build the driver on its own, with the
  // library compiled in the same Release configuration.
  log(`building the driver in ${privateBuild} (the project build has no parmetrics-peer target)`);
  if (!fs.existsSync(path.join(privateBuild, 'CMakeCache.txt'))) {
    fs.mkdirSync(privateBuild, { recursive: true });
    runLoud('cmake', ['-S', here, '-B', privateBuild, '-G', 'Ninja', '-DCMAKE_BUILD_TYPE=Release']);
  }
  runLoud('cmake', ['--build', privateBuild, '-j2', '--target', 'parmetrics-peer']);
  return { ...tools, peer: privatePeer };
}

// --- the data set ---------------------------------------------------------------------------------

const DATA_FILES = ['units.csv', 'procedures.csv', 'dossiers.csv', 'events.csv'];

// What the data depends on besides the options: the generator's sources and the calendar data
// (appointments are computed with it). A change to either makes a cached data set stale.
function generatorFingerprint() {
  const hash = crypto.createHash('sha256');
  const walk = (dir) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else {
        hash.update(path.relative(repo, p));
        hash.update(fs.readFileSync(p));
      }
    }
  };
  for (const d of ['tools/generator', 'data/calendar', 'src/calendar']) walk(path.join(repo, d));
  return hash.digest('hex').slice(0, 16);
}

// The peers' data set: the project's benchmark generator (tools/generator, the same as
// `parmetrics generate --profile bench`) with every appointment recorded and SQL timestamps
// (generator::write_peer_csv), written by the driver. Cached by size, units, seed and generator.
function ensureDataset(o, tools, dossiers) {
  const args = ['--dossiers', String(dossiers), '--units', String(o.units)];
  if (o.seed !== null) args.push('--seed', o.seed);
  const dir = path.join(cacheRoot(o), 'data', `${sizeName(dossiers)}-u${o.units}-seed${o.seed ?? 'default'}`);
  const stampFile = path.join(dir, 'stamp.json');
  const stamp = JSON.stringify({ args, generator: generatorFingerprint() });
  const complete = () => DATA_FILES.every((f) => fs.existsSync(path.join(dir, f)));
  if (!o.regenerate && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp && complete()) {
    log(`reusing the data set in ${dir}`);
    return { dir, generateMs: null, bytes: fs.statSync(path.join(dir, 'dossiers.csv')).size };
  }
  const partial = `${dir}.partial`;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true });
  log(`generating ${fmtCount(dossiers)} dossiers: parmetrics-peer generate ${args.join(' ')} --out ${partial}`);
  const start = nowMs();
  const r = runChecked(tools.peer, ['generate', ...args, '--out', partial]);
  const generateMs = nowMs() - start;
  const written = JSON.parse(r.stdout.trim().split('\n').pop());
  for (const f of DATA_FILES) {
    if (!fs.existsSync(path.join(partial, f))) throw new Error(`the generator wrote no ${f}`);
  }
  fs.writeFileSync(path.join(partial, 'stamp.json'), stamp);
  fs.renameSync(partial, dir);
  // The PostgreSQL server reads the file itself (COPY FROM 'file'): let it traverse.
  for (let d = dir; d !== path.dirname(d) && d.startsWith(cacheRoot(o)); d = path.dirname(d)) {
    try {
      fs.chmodSync(d, 0o755);
    } catch { /* best effort */ }
  }
  log(`generated in ${fmtMs(generateMs)}: ${fmtCount(written.dossiers)} dossiers, ${fmtCount(written.events)} events, seed ${written.seed}`);
  return { dir, generateMs, bytes: fs.statSync(path.join(dir, 'dossiers.csv')).size, seed: written.seed, events: written.events };
}

// The dossiers.csv header and the text form of its times, which the SQL side needs.
function csvShape(file) {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.alloc(1 << 16);
  const n = fs.readSync(fd, buf, 0, buf.length, 0);
  fs.closeSync(fd);
  const lines = buf.toString('utf8', 0, n).replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0].split(',').map((s) => s.trim());
  const at = header.indexOf('received_at');
  const sample = lines[1] ? lines[1].split(',')[at] || '' : '';
  return { header, separator: sample[10] === ' ' ? ' ' : 'T', seconds: sample.length > 16 };
}

// Column types by name (docs/formats.md); columns this list does not know stay text.
function columnType(name, engine) {
  const times = ['received_at', 'appointment_at', 'ended_at', 'returned_at'];
  const flags = ['digitised', 'e_result', 'reused', 'from_store', 'vneid', 'fee_due', 'paid_online', 'synced'];
  if (times.includes(name)) return { duckdb: 'TIMESTAMP', postgres: 'timestamp', sqlite: 'TEXT' }[engine];
  if (flags.includes(name)) return { duckdb: 'BOOLEAN', postgres: 'boolean', sqlite: 'INTEGER' }[engine];
  return { duckdb: 'VARCHAR', postgres: 'text', sqlite: 'TEXT' }[engine];
}

const quoteIdent = (s) => `"${s.replace(/"/g, '""')}"`;
const quoteText = (s) => `'${s.replace(/'/g, "''")}'`;

// The one query, written once: :T is the as-of instant in each engine's literal form.
function aggregateSql(asOfLiteral) {
  return `SELECT unit, count(*) AS dossiers,
       count(*) FILTER (WHERE channel = 'online') AS online,
       count(*) FILTER (WHERE coalesce(ended_at, ${asOfLiteral}) > appointment_at) AS late
FROM dossiers
WHERE received_at <= ${asOfLiteral}
GROUP BY unit`;
}

function normaliseRows(rows) {
  return rows.map((r) => r.map(String).join(',')).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function readRowsCsv(file) {
  return fs.readFileSync(file, 'utf8').trim().split('\n').slice(1).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

// Returns null when equal, else a short diff.
function diffRows(expected, actual, name) {
  const key = (l) => l.split(',')[0];
  const a = new Map(expected.map((l) => [key(l), l]));
  const b = new Map(actual.map((l) => [key(l), l]));
  const out = [];
  let differing = 0;
  for (const k of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    if (a.get(k) !== b.get(k)) {
      ++differing;
      if (out.length < 20) out.push(`  unit ${k}: parmetrics ${a.get(k) ?? '(no row)'} | ${name} ${b.get(k) ?? '(no row)'}`);
    }
  }
  if (!differing) return null;
  return `${differing} of ${a.size} units differ (unit,dossiers,online,late):\n${out.join('\n')}`;
}

// --- peers ----------------------------------------------------------------------------------------

async function duckdbPeer(ctx) {
  let api;
  try {
    api = await import('@duckdb/node-api');
  } catch (e) {
    return { skipped: `@duckdb/node-api not installed (run bench/peers/setup): ${e.code || e.message}` };
  }
  const instance = await api.DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  cleanups.push(() => {
    try {
      conn.closeSync();
      instance.closeSync();
    } catch { /* closed */ }
  });
  const version = (await conn.runAndReadAll('SELECT version()')).getRowsJS()[0][0];
  const threads = (await conn.runAndReadAll("SELECT current_setting('threads')")).getRowsJS()[0][0];
  const columns = ctx.shape.header.map((c) => `${quoteText(c)}: ${quoteText(columnType(c, 'duckdb'))}`).join(', ');
  const loadSql = `CREATE OR REPLACE TABLE dossiers AS SELECT * FROM read_csv(${quoteText(ctx.csv)},
    header = true, delim = ',', quote = '"', escape = '"', columns = {${columns}})`;
  const asOf = `TIMESTAMP '${ctx.asOf.replace('T', ' ')}:00'`;
  const sql = aggregateSql(asOf);
  return {
    name: `DuckDB ${version}`,
    notes: `in-memory, ${threads} threads, read_csv with explicit column types`,
    load: async () => {
      const start = nowMs();
      await conn.run(loadSql);
      return nowMs() - start;
    },
    query: async () => {
      const start = nowMs();
      const reader = await conn.runAndReadAll(sql);
      const rows = reader.getRowsJS();
      return { ms: nowMs() - start, rows };
    },
    close: async () => {
      conn.closeSync();
      instance.closeSync();
    },
    loadRuns: ctx.o.loadRuns,
    sql,
  };
}

async function postgresPeer(ctx) {
  const bins = ['/usr/lib/postgresql/15/bin', ...(fs.existsSync('/usr/lib/postgresql') ? fs.readdirSync('/usr/lib/postgresql').sort().reverse().map((v) => `/usr/lib/postgresql/${v}/bin`) : [])];
  const bin = bins.find((b) => fs.existsSync(path.join(b, 'initdb')) && fs.existsSync(path.join(b, 'pg_ctl')));
  if (!bin) return { skipped: 'PostgreSQL server binaries not found under /usr/lib/postgresql (run bench/peers/setup)' };
  const psqlBin = fs.existsSync(path.join(bin, 'psql')) ? path.join(bin, 'psql') : which('psql');
  if (!psqlBin) return { skipped: 'psql not found (run bench/peers/setup)' };
  const root = process.getuid && process.getuid() === 0;
  let asUser = (cmd, args) => [cmd, args];
  if (root) {
    if (run('id', ['-u', 'postgres']).status !== 0) return { skipped: "running as root and there is no 'postgres' user to run the server as (bench/peers/setup installs postgresql-15, which creates it)" };
    if (!which('runuser')) return { skipped: 'running as root and runuser is missing' };
    asUser = (cmd, args) => ['runuser', ['-u', 'postgres', '--', cmd, ...args]];
  }
  const runAs = (cmd, args) => runChecked(...asUser(cmd, args));

  // The throw-away cluster: a fresh folder, a unix socket in it, no TCP; deleted at exit.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'parmetrics-peers-pg-'));
  fs.chmodSync(scratch, 0o755);
  const data = path.join(scratch, 'data');
  const logFile = path.join(scratch, 'server.log');
  let started = false;
  cleanups.push(() => {
    if (started) spawnSync(...asUser(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']), { stdio: 'ignore' });
    fs.rmSync(scratch, { recursive: true, force: true });
  });
  if (root) runChecked('chown', ['postgres:postgres', scratch]);
  const initStart = nowMs();
  runAs(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
  // A bulk-loading, analytics-minded configuration: what a careful DBA would give a report
  // database on this machine. Durability is off (a throw-away cluster).
  const memGiB = os.totalmem() / 2 ** 30;
  const shared = Math.max(1, Math.min(4, Math.floor(memGiB / 6)));
  fs.appendFileSync(path.join(data, 'postgresql.conf'), `
# bench/peers/run
listen_addresses = ''
unix_socket_directories = '${scratch}'
shared_buffers = ${shared}GB
work_mem = 256MB
maintenance_work_mem = 1GB
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
max_wal_size = 8GB
autovacuum = off
`);
  runAs(path.join(bin, 'pg_ctl'), ['-D', data, '-l', logFile, '-w', '-t', '120', 'start']);
  started = true;
  const initMs = nowMs() - initStart;

  const psql = new LineProcess('psql', psqlBin, ['-X', '-q', '-A', '-t', '-F', ',', '-v', 'ON_ERROR_STOP=1', '-h', scratch, '-U', 'postgres', '-d', 'postgres']);
  const END = '__parmetrics_end__';
  const exec = async (text) => {
    const lines = [];
    await psql.send(`${text}\n\\echo ${END}\n`, (l) => {
      if (l === END) return true;
      lines.push(l);
      return false;
    });
    return lines;
  };
  const version = (await exec('SHOW server_version;'))[0].split(' ')[0];
  const workers = (await exec('SHOW max_parallel_workers_per_gather;'))[0];
  const jit = (await exec('SHOW jit;'))[0];
  // The server reads the file itself when it can (the fastest COPY); else psql streams it.
  const serverReads = run(...asUser('test', ['-r', ctx.csv])).status === 0;
  const columns = ctx.shape.header.map((c) => `${quoteIdent(c)} ${columnType(c, 'postgres')}`).join(', ');
  const copy = serverReads
    ? `COPY dossiers FROM ${quoteText(ctx.csv)} WITH (FORMAT csv, HEADER true, FREEZE true);`
    : `\\copy dossiers FROM ${quoteText(ctx.csv)} WITH (FORMAT csv, HEADER true, FREEZE true)`;
  const asOf = `TIMESTAMP '${ctx.asOf.replace('T', ' ')}:00'`;
  const sql = aggregateSql(asOf);
  let analyzeMs = null;
  const timed = async (text) => {
    const lines = await exec(`\\timing on\n${text}\n\\timing off`);
    let ms = null;
    const rows = [];
    for (const l of lines) {
      const m = /^Time: ([\d.]+) ms/.exec(l);
      if (m) ms = (ms ?? 0) + Number(m[1]);
      else if (l !== '') rows.push(l.split(','));
    }
    if (ms === null) throw new Error(`psql printed no timing for: ${text}`);
    return { ms, rows };
  };
  return {
    name: `PostgreSQL ${version}`,
    get notes() {
      return `throw-away cluster (initdb + start ${fmtMs(initMs)}), ${serverReads ? 'COPY' : '\\copy'} … FREEZE in the creating transaction, ANALYZE ${fmtMs(analyzeMs)} after (not in load), shared_buffers ${shared}GB, ${workers} parallel workers, jit ${jit}`;
    },
    load: async () => {
      // One transaction: with wal_level minimal the COPY then writes no WAL, FREEZE sets hint bits.
      const r = await timed(`BEGIN;\nDROP TABLE IF EXISTS dossiers;\nCREATE TABLE dossiers (${columns});\n${copy}\nCOMMIT;`);
      analyzeMs = (await timed('ANALYZE dossiers;')).ms;
      return r.ms;
    },
    query: async () => timed(sql + ';'),
    close: async () => {
      await psql.close('\\q\n');
      runAs(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
      started = false;
      fs.rmSync(scratch, { recursive: true, force: true });
    },
    loadRuns: 1,
    sql,
  };
}

async function sqlitePeer(ctx) {
  const bin = which('sqlite3');
  if (!bin) return { skipped: 'sqlite3 not found (run bench/peers/setup)' };
  const version = runChecked(bin, ['--version']).stdout.trim().split(' ')[0];
  // In memory, as the other engines: the whole table lives in RAM.
  const proc = new LineProcess('sqlite3', bin, ['-batch', '-bail', ':memory:']);
  const END = '__parmetrics_end__';
  const exec = async (text) => {
    const lines = [];
    await proc.send(`${text}\n.print ${END}\n`, (l) => {
      if (l === END) return true;
      lines.push(l);
      return false;
    });
    return lines;
  };
  await exec('.mode csv\n.headers off');
  const h = ctx.shape.header;
  // .import reads empty fields as '' (not NULL): load into text, then convert in one INSERT, as a
  // user of the CLI would.
  const staging = h.map((c) => `${quoteIdent(c)} TEXT`).join(', ');
  const typed = h.map((c) => `${quoteIdent(c)} ${columnType(c, 'sqlite')}`).join(', ');
  const select = h.map((c) => (columnType(c, 'sqlite') === 'INTEGER' ? `CAST(nullif(${quoteIdent(c)}, '') AS INTEGER)` : `nullif(${quoteIdent(c)}, '')`)).join(', ');
  // SQLite has no time type: ISO text compares in time order when written alike, so the as-of
  // literal takes the data's own form.
  const asOf = quoteText(ctx.asOf.replace('T', ctx.shape.separator) + (ctx.shape.seconds ? ':00' : ''));
  const sql = aggregateSql(asOf);
  return {
    name: `SQLite ${version}`,
    notes: 'in-memory database, .import into text then INSERT … SELECT with NULLs, times as ISO text, one thread',
    load: async () => {
      const start = nowMs();
      await exec(`DROP TABLE IF EXISTS staging;\nDROP TABLE IF EXISTS dossiers;\nCREATE TABLE staging (${staging});\n.import --csv --skip 1 ${quoteText(ctx.csv)} staging\nCREATE TABLE dossiers (${typed});\nINSERT INTO dossiers SELECT ${select} FROM staging;\nDROP TABLE staging;`);
      return nowMs() - start;
    },
    query: async () => {
      const lines = await exec(`.timer on\n${sql};\n.timer off`);
      let ms = null;
      const rows = [];
      for (const l of lines) {
        const m = /^Run Time: real ([\d.]+)/.exec(l);
        if (m) ms = Number(m[1]) * 1000;
        else if (l !== '') rows.push(l.split(',').map((s) => s.replace(/^"(.*)"$/, '$1')));
      }
      if (ms === null) throw new Error('sqlite3 printed no timer line');
      return { ms, rows };
    },
    close: async () => proc.close('.quit\n'),
    loadRuns: 1,
    sql,
  };
}

const PEERS = { duckdb: duckdbPeer, postgres: postgresPeer, sqlite: sqlitePeer };

// --- the measurement ------------------------------------------------------------------------------

function defaultAsOf(first, last) {
  // 90 % of the way through the receipts, on the hour: some dossiers are received after it (and
  // excluded) and many are still pending at it (coalesce matters).
  const toMs = (s) => Date.parse(`${s.slice(0, 16)}:00Z`);
  const t = new Date(toMs(first) + 0.9 * (toMs(last) - toMs(first)));
  t.setUTCMinutes(0, 0, 0);
  return t.toISOString().slice(0, 16);
}

async function measureMain(o, tools, work) {
  const ds = ensureDataset(o, tools, o.dossiers);
  const csv = path.join(ds.dir, 'dossiers.csv');
  const result = { dataset: { dir: ds.dir, dossiers: o.dossiers, units: o.units, seed: o.seed, csv_bytes: ds.bytes, generate_ms: ds.generateMs, events: ds.events }, engines: {}, checks: [], mismatches: [] };
  const pm = new ParmetricsDriver(tools.peer, ds.dir);
  log('parmetrics: loading (warm-up)');
  const first = await pm.cmd('load', 0);
  if (!first.reconciles) throw new Error('parmetrics import does not reconcile (read ≠ loaded + rejected)');
  // The peers load every row: a row parmetrics rejects would make the comparison unequal.
  if (first.dossiers_rejected) throw new Error(`parmetrics rejected ${first.dossiers_rejected} of ${first.dossiers_read} dossiers (the peers would load them, so the engines would not see the same data); first: ${first.first_rejection}`);
  if (first.events_rejected) log(`warning: parmetrics rejected ${first.events_rejected} events (the plain aggregate does not read events; the full evaluation does); first: ${first.first_event_rejection}`);
  result.load = first;
  const asOf = o.asOf || defaultAsOf(first.received_min, first.received_max);
  result.as_of = asOf;
  log(`as of ${asOf}; receipts ${first.received_min} … ${first.received_max}`);
  const ctx = { o, csv, asOf, shape: csvShape(csv) };

  // Reference results and the parmetrics-side checks.
  const pmFile = path.join(work, 'parmetrics.csv');
  await pm.cmd('plain', asOf, 0, pmFile);
  const reference = readRowsCsv(pmFile);
  const bareFile = path.join(work, 'bare.csv');
  await pm.cmd('bare', asOf, bareFile);
  const check = (name, rows) => {
    const d = diffRows(reference, rows, name);
    result.checks.push({ engine: name, identical: !d });
    if (d) {
      result.mismatches.push(name);
      log(`MISMATCH ${name}: ${d}`);
    } else {
      log(`${name}: identical per-unit numbers (${rows.length} units)`);
    }
    return !d;
  };
  check('bare loop', readRowsCsv(bareFile));
  for (const t of [1, 2]) {
    await pm.cmd('plain', asOf, t, `${pmFile}.${t}`);
    check(`parmetrics plain, ${t} thread${t > 1 ? 's' : ''}`, readRowsCsv(`${pmFile}.${t}`));
  }

  let full = null;
  try {
    const fullFile = path.join(work, 'full.csv');
    full = await pm.cmd('full', asOf, 0, fullFile);
    // The engine's in-scope and online counts must equal the plain aggregate's dossiers and online
    // (same scope); its late + overdue differ by design (pauses, computed appointments, …).
    const plainMap = new Map(reference.map((l) => [l.split(',')[0], l.split(',')]));
    let differ = 0;
    let lateDiff = 0;
    for (const l of readRowsCsv(fullFile)) {
      const [unit, inScope, , online, late, overdue] = l.split(',');
      const p = plainMap.get(unit);
      if (!p || p[1] !== inScope || p[2] !== online) ++differ;
      if (p) lateDiff += Number(late) + Number(overdue) - Number(p[3]);
    }
    result.full_check = { units_differing_in_scope_or_online: differ, late_plus_overdue_minus_plain_late: lateDiff, total: full };
    if (differ) {
      result.mismatches.push('parmetrics full evaluation (in scope / online)');
      log(`MISMATCH parmetrics full evaluation: ${differ} units differ in in_scope/online from the plain aggregate`);
    } else {
      log(`parmetrics full evaluation: in scope and online identical to the plain aggregate; late+overdue − plain late = ${lateDiff}`);
    }
  } catch (e) {
    full = { skipped: e.message };
    log(`parmetrics full evaluation skipped: ${e.message}`);
  }

  const pmPlain = [];
  const samples = { plain: pmPlain, full: [], bare: [] };
  const pmQuery = async () => {
    const r = await pm.cmd('plain', asOf, 0);
    pmPlain.push(r.ms);
    return r.ms;
  };
  const pmFull = async () => {
    const r = await pm.cmd('full', asOf, 0);
    samples.full.push(r.ms);
    return r.ms;
  };

  // Bare loop, A/B.
  log(`bare loop: ${o.runs} A/B runs`);
  const bareRatios = [];
  for (let r = 0; r < o.runs; ++r) {
    const a = await pmQuery();
    const b = (await pm.cmd('bare', asOf)).ms;
    samples.bare.push(b);
    bareRatios.push(b / a);
  }
  result.engines.bare = { query_ms: median(samples.bare), ratio: median(bareRatios) };

  // Threads: 1 against all cores, A/B.
  log(`threads: ${o.runs} A/B runs of 1 against ${os.cpus().length} threads`);
  const threads = { plain1: [], plainN: [], full1: [], fullN: [] };
  for (let r = 0; r < o.runs; ++r) {
    threads.plain1.push((await pm.cmd('plain', asOf, 1)).ms);
    threads.plainN.push(await pmQuery());
    if (!full.skipped) {
      threads.full1.push((await pm.cmd('full', asOf, 1)).ms);
      threads.fullN.push(await pmFull());
    }
  }
  // The store does not depend on the import's thread count: this load serves the rest as well.
  const load1 = await pm.cmd('load', 1);
  result.threads = {
    cores: os.cpus().length,
    plain_1_ms: median(threads.plain1), plain_n_ms: median(threads.plainN),
    full_1_ms: full.skipped ? null : median(threads.full1), full_n_ms: full.skipped ? null : median(threads.fullN),
    import_1_ms: load1.dossiers_ms,
  };

  // Deadline arithmetic on one core.
  const apptN = Math.min(o.dossiers, 10_000_000);
  const appts = [];
  for (let r = 0; r < 3; ++r) appts.push(await pm.cmd('appointments', apptN));
  result.appointments = {
    count: apptN, per_second: median(appts.map((a) => a.per_second)), ms: median(appts.map((a) => a.ms)),
    per_cpu_second: median(appts.map((a) => a.per_cpu_second)), cpu_ms: median(appts.map((a) => a.cpu_ms)),
  };
  log(`deadline arithmetic: ${(result.appointments.per_second / 1e6).toFixed(1)} M appointments/s on one core (${(result.appointments.per_cpu_second / 1e6).toFixed(1)} M per CPU second)`);

  // Peers, one at a time, each A/B against parmetrics run by run.
  const pmLoads = [];
  const pmLoad = async () => {
    const r = await pm.cmd('load', 0);
    pmLoads.push(r.dossiers_ms);
    return r.dossiers_ms;
  };
  for (const name of o.peers) {
    log(`${name}: starting`);
    let peer;
    try {
      peer = await PEERS[name](ctx);
    } catch (e) {
      peer = { skipped: e.message.split('\n').slice(0, 3).join(' ') };
    }
    if (peer.skipped) {
      log(`${name}: skipped (${peer.skipped})`);
      result.engines[name] = { skipped: peer.skipped };
      continue;
    }
    const entry = { name: peer.name, sql: peer.sql };
    result.engines[name] = entry;
    try {
      const loads = [];
      const loadRatios = [];
      for (let r = 0; r < peer.loadRuns; ++r) {
        let a = null;
        if (peer.loadRuns > 1 || !pmLoads.length) a = await pmLoad();
        log(`${name}: loading ${r + 1}/${peer.loadRuns}`);
        const b = await peer.load();
        loads.push(b);
        loadRatios.push(b / (a ?? median(pmLoads)));
      }
      entry.load_ms = median(loads);
      entry.load_ratio = median(loadRatios);
      entry.load_runs = loads.length;
      // Warm-up run, whose rows are the check.
      const warm = await peer.query();
      entry.identical = check(peer.name, normaliseRows(warm.rows));
      log(`${name}: ${o.runs} A/B query runs`);
      const q = [];
      const ratios = [];
      const fullRatios = [];
      for (let r = 0; r < o.runs; ++r) {
        const a = await pmQuery();
        const f = name === 'duckdb' && !full.skipped ? await pmFull() : null;
        const b = (await peer.query()).ms;
        q.push(b);
        ratios.push(b / a);
        if (f !== null) fullRatios.push(b / f);
      }
      entry.query_ms = median(q);
      entry.ratio = median(ratios);
      if (fullRatios.length) entry.ratio_to_full = median(fullRatios);
      entry.notes = peer.notes;
      await peer.close();
    } catch (e) {
      log(`${name}: failed: ${e.message}`);
      entry.skipped = `failed: ${e.message.split('\n').slice(0, 3).join(' ')}`;
      try {
        await peer.close();
      } catch { /* cleanup at exit */ }
    }
  }
  while (pmLoads.length < o.loadRuns) await pmLoad();
  result.threads.import_n_ms = median(pmLoads);
  result.engines.parmetrics = { query_ms: median(pmPlain), load_ms: median(pmLoads), runs: pmPlain.length, load_runs: pmLoads.length };
  result.engines.full = full.skipped ? { skipped: full.skipped } : { query_ms: median(samples.full), runs: samples.full.length, ...full };
  result.memory = await pm.cmd('memory');
  await pm.close();

  // What the machine allows on these bytes: a streaming read and a bare parse (issue 13).
  try {
    result.limits = JSON.parse(runChecked(tools.peer, ['limits', '--in', csv]).stdout.trim().split('\n').pop());
  } catch (e) {
    result.limits = { skipped: e.message.split('\n')[0] };
  }

  // The CLI end to end (import + report), for its peak RSS.
  result.cli = tools.cli ? cliReport(tools.cli, ds.dir, asOf, first.received_min) : { skipped: tools.cliSkipped };
  return result;
}

function cliReport(cli, dir, asOf, firstReceived) {
  const time = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
  if (!time) return { skipped: '/usr/bin/time not found' };
  const args = ['report', '--units', path.join(dir, 'units.csv'), '--procedures', path.join(dir, 'procedures.csv'),
    '--dossiers', path.join(dir, 'dossiers.csv'), '--events', path.join(dir, 'events.csv'),
    '--from', firstReceived.slice(0, 10), '--to', asOf.slice(0, 10), '--as-of', asOf, '--format', 'csv'];
  log(`CLI: parmetrics ${args.join(' ')}`);
  const r = spawnSync(time, ['-f', '__time__ %e %M', cli, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26 });
  const m = /__time__ ([\d.]+) (\d+)/.exec(r.stderr || '');
  if (r.status !== 0 || !m) {
    const why = (r.stderr || '').split('\n').filter((l) => l && !l.startsWith('__time__')).slice(0, 2).join(' ');
    return { skipped: `parmetrics report failed (exit ${r.status}): ${why}` };
  }
  return { wall_ms: Number(m[1]) * 1000, peak_rss: Number(m[2]) * 1024, args };
}

// The first and last received_at of a dossiers.csv in receipt order (the generator's), from its
// first data line and its last line.
function receiptRange(file) {
  const fd = fs.openSync(file, 'r');
  const size = fs.fstatSync(fd).size;
  const head = Buffer.alloc(Math.min(size, 1 << 16));
  fs.readSync(fd, head, 0, head.length, 0);
  const tail = Buffer.alloc(Math.min(size, 1 << 16));
  fs.readSync(fd, tail, 0, tail.length, size - tail.length);
  fs.closeSync(fd);
  const headLines = head.toString('utf8').split(/\r?\n/);
  const at = headLines[0].split(',').indexOf('received_at');
  const tailLines = tail.toString('utf8').split(/\r?\n/).filter(Boolean);
  return { first: headLines[1].split(',')[at], last: tailLines[tailLines.length - 1].split(',')[at] };
}

// Whole processes as a user runs them (issue 13): `parmetrics report --by unit --format csv` (the
// import with every check, the full evaluation and the output) against one DuckDB process that
// starts, reads the same CSV and computes the plain per-unit aggregate. A/B pairs after a warm-up
// of each, median wall times and the median of the pair-by-pair ratios. For codes of the usual form
// (stored in 4 bytes) and arbitrary ones ("D0", "D1", …, kept verbatim: a copy of the file made by
// `parmetrics-peer recode`).
async function measureEndToEnd(o, tools) {
  if (!o.endToEnd.length) return [];
  if (!tools.cli) return [{ skipped: tools.cliSkipped }];
  if (!fs.existsSync(path.join(here, 'node_modules', '@duckdb', 'node-api'))) {
    return [{ skipped: '@duckdb/node-api not installed (run bench/peers/setup)' }];
  }
  const rows = [];
  for (const n of o.endToEnd) {
    const ds = ensureDataset(o, tools, n);
    const usual = path.join(ds.dir, 'dossiers.csv');
    const arbitrary = path.join(ds.dir, 'arbitrary-codes', 'dossiers.csv');
    if (!fs.existsSync(arbitrary) || fs.statSync(arbitrary).mtimeMs < fs.statSync(usual).mtimeMs) {
      log(`end to end ${sizeName(n)}: writing the copy with arbitrary codes`);
      fs.mkdirSync(path.dirname(arbitrary), { recursive: true });
      runChecked(tools.peer, ['recode', '--in', usual, '--out', `${arbitrary}.partial`]);
      fs.renameSync(`${arbitrary}.partial`, arbitrary);
    }
    const range = receiptRange(usual);
    const asOf = o.asOf || defaultAsOf(range.first, range.last);
    const shape = csvShape(usual);
    const columns = JSON.stringify(Object.fromEntries(shape.header.map((c) => [c, columnType(c, 'duckdb')])));
    for (const [codes, csv] of [['usual', usual], ['arbitrary', arbitrary]]) {
      const pmArgs = ['report', '--units', path.join(ds.dir, 'units.csv'), '--procedures', path.join(ds.dir, 'procedures.csv'),
        '--dossiers', csv, '--from', range.first.slice(0, 10), '--to', asOf.slice(0, 10), '--as-of', asOf,
        '--by', 'unit', '--format', 'csv'];
      const duckArgs = [path.join(here, 'duckdb_report.mjs'), csv, asOf, columns];
      const timed = (cmd, args, what) => {
        const start = nowMs();
        const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26 });
        const ms = nowMs() - start;
        if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}): ${(r.stderr || '').split('\n').slice(0, 2).join(' ')}`);
        return ms;
      };
      log(`end to end ${sizeName(n)}, ${codes} codes: warm-up, then ${o.runs} A/B pairs`);
      timed(tools.cli, pmArgs, 'parmetrics report');
      timed(process.execPath, duckArgs, 'DuckDB');
      const pm = [];
      const duck = [];
      const ratios = [];
      for (let r = 0; r < o.runs; ++r) {
        const a = timed(tools.cli, pmArgs, 'parmetrics report');
        const b = timed(process.execPath, duckArgs, 'DuckDB');
        pm.push(a);
        duck.push(b);
        ratios.push(b / a);
      }
      rows.push({ dossiers: n, codes, csv_bytes: fs.statSync(csv).size, parmetrics_ms: median(pm), duckdb_ms: median(duck), ratio: median(ratios), as_of: asOf });
      log(`end to end ${sizeName(n)}, ${codes} codes: parmetrics ${fmtMs(median(pm))}, DuckDB ${fmtMs(median(duck))}, DuckDB ÷ parmetrics ${fmtRatio(median(ratios))}`);
    }
  }
  return rows;
}

async function measureScaling(o, tools) {
  const rows = [];
  for (const n of o.sizes) {
    const ds = ensureDataset(o, tools, n);
    const pm = new ParmetricsDriver(tools.peer, ds.dir);
    log(`scaling ${sizeName(n)}: load`);
    const load = await pm.cmd('load', 0);
    const asOf = o.asOf || defaultAsOf(load.received_min, load.received_max);
    const plain = [];
    const bare = [];
    const full = [];
    let fullSkipped = null;
    for (let r = 0; r < o.runs; ++r) {
      plain.push((await pm.cmd('plain', asOf, 0)).ms);
      bare.push((await pm.cmd('bare', asOf)).ms);
      if (!fullSkipped) {
        try {
          full.push((await pm.cmd('full', asOf, 0)).ms);
        } catch (e) {
          fullSkipped = e.message;
        }
      }
    }
    const mem = await pm.cmd('memory');
    await pm.close();
    rows.push({ dossiers: load.dossiers, csv_bytes: load.csv_bytes, import_ms: load.dossiers_ms, plain_ms: median(plain), bare_ms: median(bare), full_ms: fullSkipped ? null : median(full), evaluated_bytes_per_dossier: mem.evaluated_bytes_per_dossier, peak_rss: mem.peak_rss });
  }
  return rows;
}

// --- the table ------------------------------------------------------------------------------------

function machine() {
  const cc = run('c++', ['--version']).stdout?.split('\n')[0] ?? '?';
  return {
    cpu: os.cpus()[0]?.model ?? '?', cores: os.cpus().length, memory_gib: +(os.totalmem() / 2 ** 30).toFixed(1),
    kernel: `${os.type()} ${os.release()}`, compiler: cc, node: process.version, date: new Date().toISOString(),
    load_average: os.loadavg().map((x) => +x.toFixed(2)),
  };
}

function table(headers, rows) {
  const lines = [`| ${headers.join(' | ')} |`, `|${headers.map(() => ' --- ').join('|')}|`];
  for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  return lines.join('\n');
}

function render(o, res) {
  const out = [];
  const m = res.machine;
  const e = res.main.engines;
  const ds = res.main.dataset;
  const pm = e.parmetrics;
  const mbps = (bytes, ms) => (Number.isFinite(ms) && ms > 0 ? `${(bytes / 1e6 / (ms / 1000)).toFixed(0)} MB/s` : '—');
  out.push(`## parmetrics against its peers: ${fmtCount(ds.dossiers)} dossiers, ${fmtCount(ds.units)} units, as of ${res.main.as_of}`);
  out.push('');
  out.push(`Machine: ${m.cpu}, ${m.cores} cores, ${m.memory_gib} GiB, ${m.kernel}; ${m.compiler}; Node.js ${m.node}; ${m.date.slice(0, 16)}Z.`);
  const busy = Math.max(m.load_average[0], res.load_average_end[0]) > m.cores / 2;
  out.push(`Load average (1 min): ${m.load_average[0]} at the start, ${res.load_average_end[0]} at the end${busy ? ` — **the machine was busy**: absolute times and thread speed-ups are inflated by other work; A/B ratios suffer less but are noisy too` : ''}. Whole run: ${fmtMs(res.elapsed_ms)}.`);
  out.push(`dossiers.csv: ${(ds.csv_bytes / 1e6).toFixed(0)} MB. Query: median of ${o.runs} runs after one warm-up run; ratio = the median of the run-by-run ratios peer ÷ parmetrics plain (A/B pairs). Load: dossiers.csv into memory (parmetrics and DuckDB: median of ${o.loadRuns}, A/B; PostgreSQL and SQLite: once, against the parmetrics median).`);
  out.push('');
  const rows = [];
  rows.push([`**parmetrics plain** (${res.main.threads.cores} threads)`, fmtMs(pm.load_ms), mbps(ds.csv_bytes, pm.load_ms), fmtMs(pm.query_ms), '1', 'native importer (all checks and reports); aggregate over the store columns']);
  if (e.full.skipped) rows.push(['parmetrics full evaluation', '', '', `skipped (${e.full.skipped})`, '', '']);
  else rows.push([`parmetrics full evaluation (${res.main.threads.cores} threads)`, '', '', fmtMs(e.full.query_ms), fmtRatio(e.full.query_ms / pm.query_ms), 'compute_report by unit: calendar, pauses, classification, apologies, processing time']);
  rows.push(['bare C++ loop (1 thread)', '', '', fmtMs(e.bare.query_ms), fmtRatio(e.bare.ratio), 'plain arrays, no store']);
  for (const name of o.peers) {
    const p = e[name];
    if (!p || p.skipped) {
      rows.push([name, '', '', `skipped (${p ? p.skipped : 'not run'})`, '', '']);
      continue;
    }
    const mark = p.identical ? '' : ' **RESULTS DIFFER**';
    rows.push([p.name + mark, `${fmtMs(p.load_ms)} (${fmtRatio(p.load_ratio)})`, mbps(ds.csv_bytes, p.load_ms), fmtMs(p.query_ms), fmtRatio(p.ratio), p.notes ?? '']);
  }
  out.push(table(['engine', 'load (÷ parmetrics)', 'load rate', 'query', 'query ÷ parmetrics', 'notes'], rows));
  out.push('');
  const checks = res.main.checks.map((c) => `${c.engine} ${c.identical ? 'identical' : 'DIFFERENT'}`).join('; ');
  out.push(`Correctness: per-unit (dossiers, online, late) against parmetrics plain: ${checks}.`);
  if (res.main.full_check) {
    out.push(`Full evaluation: in-scope and online counts equal to the plain aggregate's in ${res.main.full_check.units_differing_in_scope_or_online === 0 ? 'every unit' : `all but ${res.main.full_check.units_differing_in_scope_or_online} units`}; its late + overdue differ from plain late by ${res.main.full_check.late_plus_overdue_minus_plain_late >= 0 ? '+' : '−'}${fmtCount(Math.abs(res.main.full_check.late_plus_overdue_minus_plain_late))} dossiers (ends after as-of count as pending at as-of; pauses move appointments; a second supplement request makes a dossier late).`);
  }
  out.push('');

  // Targets.
  const t = [];
  const duck = e.duckdb && !e.duckdb.skipped ? e.duckdb : null;
  const verdict = (ok) => (ok ? 'met' : '**missed**');
  if (duck) {
    t.push(['plain aggregate ≥ 2× faster than DuckDB', `DuckDB ÷ parmetrics = ${fmtRatio(duck.ratio)}`, verdict(duck.ratio >= 2)]);
  } else {
    t.push(['plain aggregate ≥ 2× faster than DuckDB', 'DuckDB skipped', 'not measured']);
  }
  t.push(['plain aggregate within 4× of the bare loop', `parmetrics ÷ bare = ${fmtRatio(1 / e.bare.ratio)}`, verdict(1 / e.bare.ratio <= 4)]);
  if (duck && !e.full.skipped) t.push(['full evaluation + aggregation faster than DuckDB plain', `DuckDB ÷ parmetrics full = ${fmtRatio(duck.ratio_to_full)}`, verdict(duck.ratio_to_full > 1)]);
  else t.push(['full evaluation + aggregation faster than DuckDB plain', e.full.skipped ? 'full evaluation skipped' : 'DuckDB skipped', 'not measured']);
  if (duck) t.push(['native CSV import at least as fast as DuckDB read_csv', `DuckDB ÷ parmetrics = ${fmtRatio(duck.load_ratio)} (${mbps(ds.csv_bytes, pm.load_ms)} against ${mbps(ds.csv_bytes, duck.load_ms)})`, verdict(duck.load_ratio >= 1)]);
  const mem = res.main.memory;
  t.push(['≤ 48 bytes per dossier in the evaluated store', `${mem.evaluated_bytes_per_dossier.toFixed(1)} B (all, with codes: ${mem.memory_bytes_per_dossier.toFixed(1)} B)`, verdict(mem.evaluated_bytes_per_dossier <= 48)]);
  const ap = res.main.appointments;
  t.push(['deadline arithmetic ≥ 50 M appointments/s on one core', `${(ap.per_second / 1e6).toFixed(1)} M/s wall (${fmtCount(ap.count)} in ${fmtMs(ap.ms)}); ${(ap.per_cpu_second / 1e6).toFixed(1)} M per second of CPU time`, verdict(ap.per_second >= 50e6) + (ap.per_second < 50e6 && ap.per_cpu_second >= 50e6 ? ' on the wall clock, met in CPU time (busy machine)' : '')]);
  out.push(table(['target (issue 7)', 'measured', 'status'], t));
  out.push('');

  // The targets of issue 13.
  const t13 = [];
  for (const r of (res.end_to_end || []).filter((x) => !x.skipped)) {
    t13.push([`end to end ≥ 2× faster than a DuckDB process: ${sizeName(r.dossiers)}, ${r.codes === 'usual' ? 'usual' : 'arbitrary'} codes`, `DuckDB ÷ parmetrics = ${fmtRatio(r.ratio)} (${fmtMs(r.parmetrics_ms)} against ${fmtMs(r.duckdb_ms)})`, verdict(r.ratio >= 2)]);
  }
  const importMBps = (ds.csv_bytes / 1e6) / (pm.load_ms / 1000);
  t13.push([`native CSV import ≥ 800 MB/s on ${res.main.threads.cores} cores`, `${mbps(ds.csv_bytes, pm.load_ms)}`, verdict(importMBps >= 800)]);
  const importSpeedup = res.main.threads.import_1_ms / res.main.threads.import_n_ms;
  t13.push(['import scaling 1 → 2 threads ≥ 1.8×', `${importSpeedup.toFixed(2)}×`, verdict(importSpeedup >= 1.8)]);
  if (!e.full.skipped) t13.push(['full evaluation within 4× of the plain aggregate', `${fmtRatio(e.full.query_ms / pm.query_ms)}`, verdict(e.full.query_ms / pm.query_ms <= 4)]);
  out.push(table(['target (issue 13)', 'measured', 'status'], t13));
  out.push('');

  // Memory, threads.
  const th = res.main.threads;
  const cli = res.main.cli;
  out.push(table(['memory', 'value'], [
    ['evaluated store (columns + events)', `${fmtBytes(mem.evaluated_bytes)}, ${mem.evaluated_bytes_per_dossier.toFixed(1)} B/dossier`],
    ['whole store (with dossier codes and their index)', `${fmtBytes(mem.memory_bytes)}, ${mem.memory_bytes_per_dossier.toFixed(1)} B/dossier`],
    ['driver peak RSS (getrusage; includes the mapped CSV while importing)', fmtBytes(mem.peak_rss)],
    ['driver RSS after loading', fmtBytes(mem.rss)],
    ['CLI `parmetrics report` end to end: peak RSS, wall time', cli.skipped ? `skipped (${cli.skipped})` : `${fmtBytes(cli.peak_rss)}, ${fmtMs(cli.wall_ms)}`],
  ]));
  out.push('');
  const speed = (a, b) => (a && b ? fmtRatio(a / b) : '—');
  out.push(table(['threads', '1 thread', `${th.cores} threads`, 'speed-up'], [
    ['plain aggregate', fmtMs(th.plain_1_ms), fmtMs(th.plain_n_ms), speed(th.plain_1_ms, th.plain_n_ms)],
    ['full evaluation + aggregation', fmtMs(th.full_1_ms ?? NaN), fmtMs(th.full_n_ms ?? NaN), speed(th.full_1_ms, th.full_n_ms)],
    ['dossiers.csv import (1 thread: one load; all: the median above)', fmtMs(th.import_1_ms), fmtMs(th.import_n_ms), speed(th.import_1_ms, th.import_n_ms)],
  ]));
  if (res.scaling?.length) {
    out.push('');
    out.push(table(['scaling (parmetrics alone)', 'CSV', 'import', 'import rate', 'plain', 'plain ns/dossier', 'bare loop', 'full', 'full ns/dossier', 'B/dossier', 'peak RSS'],
      res.scaling.map((s) => [fmtCount(s.dossiers), `${(s.csv_bytes / 1e6).toFixed(0)} MB`, fmtMs(s.import_ms), mbps(s.csv_bytes, s.import_ms), fmtMs(s.plain_ms), (s.plain_ms * 1e6 / s.dossiers).toFixed(2), fmtMs(s.bare_ms), s.full_ms === null ? '—' : fmtMs(s.full_ms), s.full_ms === null ? '—' : (s.full_ms * 1e6 / s.dossiers).toFixed(1), s.evaluated_bytes_per_dossier.toFixed(1), fmtBytes(s.peak_rss)])));
  }
  const lim = res.main.limits;
  if (lim && !lim.skipped) {
    out.push('');
    const importRate = (ds.csv_bytes / 1e6) / (res.main.engines.parmetrics.load_ms / 1000);
    const pct = (x) => `${((100 * importRate) / x).toFixed(1)} %`;
    out.push(table(['machine limit on dossiers.csv (in memory, best of 3)', '1 thread', `${lim.cores} threads`, 'parmetrics import (all checks) as a share of it'], [
      ['streaming read (sum of 64-bit words)', `${fmtCount(lim.stream_mbps_1)} MB/s`, `${fmtCount(lim.stream_mbps_n)} MB/s`, pct(lim.stream_mbps_n)],
      ['bare parse (count commas and line feeds, 16 bytes at a time)', `${fmtCount(lim.separators_mbps_1)} MB/s`, `${fmtCount(lim.separators_mbps_n)} MB/s`, pct(lim.separators_mbps_n)],
    ]));
  }
  if (res.end_to_end?.length) {
    out.push('');
    const skipped = res.end_to_end.find((r) => r.skipped);
    if (skipped) {
      out.push(`End to end: skipped (${skipped.skipped}).`);
    } else {
      out.push(`End to end, whole processes (median of ${o.runs} A/B pairs after a warm-up of each): \`parmetrics report --by unit --format csv\` (import with every check, full evaluation, output) against one DuckDB process (Node.js start-up, read_csv, the plain aggregate).`);
      out.push('');
      out.push(table(['end to end', 'codes', 'CSV', 'parmetrics report', 'DuckDB process', 'DuckDB ÷ parmetrics'],
        res.end_to_end.map((r) => [fmtCount(r.dossiers), r.codes === 'usual' ? 'usual form' : 'arbitrary (D0, D1, …)', `${(r.csv_bytes / 1e6).toFixed(0)} MB`, fmtMs(r.parmetrics_ms), fmtMs(r.duckdb_ms), fmtRatio(r.ratio)])));
    }
  }
  if (res.main.mismatches.length) {
    out.push('');
    out.push(`**RESULTS DIFFER**: ${res.main.mismatches.join(', ')} (diffs above, on stderr).`);
  }
  return out.join('\n') + '\n';
}

// --- main -----------------------------------------------------------------------------------------

async function main() {
  let o;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`bench/peers/run: ${e.message}\n\n${USAGE}\n`);
    return 2;
  }
  fs.mkdirSync(cacheRoot(o), { recursive: true });
  const work = o.keep ? path.join(o.keep, 'results') : fs.mkdtempSync(path.join(os.tmpdir(), 'parmetrics-peers-'));
  fs.mkdirSync(work, { recursive: true });
  if (!o.keep) cleanups.push(() => fs.rmSync(work, { recursive: true, force: true }));
  const tools = buildTools(o);
  const start = nowMs();
  const res = { machine: machine(), options: o };
  if (res.machine.load_average[0] > res.machine.cores / 2) {
    log(`warning: the machine is busy (load average ${res.machine.load_average[0]} on ${res.machine.cores} cores): absolute times will be inflated`);
  }
  res.main = await measureMain(o, tools, work);
  res.scaling = o.sizes.length ? await measureScaling(o, tools) : [];
  res.end_to_end = await measureEndToEnd(o, tools);
  res.elapsed_ms = nowMs() - start;
  res.load_average_end = os.loadavg().map((x) => +x.toFixed(2));
  const text = render(o, res);
  process.stdout.write(text);
  log(`done in ${fmtMs(res.elapsed_ms)}`);
  if (o.json) fs.writeFileSync(o.json, JSON.stringify(res, null, 2));
  if (o.keep) {
    fs.writeFileSync(path.join(work, 'results.json'), JSON.stringify(res, null, 2));
    fs.writeFileSync(path.join(work, 'table.md'), text);
  }
  return res.main.mismatches.length ? 1 : 0;
}

main().then(
  (code) => {
    runCleanups();
    process.exit(code);
  },
  (e) => {
    process.stderr.write(`bench/peers/run: ${e.stack || e.message}\n`);
    runCleanups();
    process.exit(1);
  },
);
