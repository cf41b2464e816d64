// Makes one command work on a fresh clone: `npm start` and `npm test` run this first.
// Plain Node with no dependencies, since it runs before node_modules exists.
//
//   node scripts/prepare.mjs start     install, generate, check services, migrate and seed
//   node scripts/prepare.mjs test      install, generate, check services (tests make their own
//                                      databases)
//   node scripts/prepare.mjs generate  install if needed, then always regenerate the client
//
// It says nothing when there is nothing to do.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const path = (...parts) => join(root, ...parts);

const MODES = ['start', 'test', 'generate'];
const mode = process.argv[2];
if (!MODES.includes(mode)) {
  console.error(`usage: node scripts/prepare.mjs <${MODES.join('|')}>`);
  process.exit(2);
}

const installed = installDependencies();
generateClient(installed || mode === 'generate');
if (mode === 'start') {
  loadDotEnv();
  await checkServices(process.env.DATABASE_URL, process.env.REDIS_URL);
  run('npm', ['run', '--silent', 'db:migrate']);
  run('npm', ['run', '--silent', 'db:seed']);
}
if (mode === 'test') {
  await checkServices(process.env.TEST_DATABASE_SERVER_URL, process.env.TEST_REDIS_URL);
}

/** Runs `npm ci` when node_modules is missing or older than package-lock.json. */
function installDependencies() {
  const stamp = path('node_modules', '.package-lock.json');
  if (existsSync(stamp) && mtime(stamp) >= mtime(path('package-lock.json'))) return false;

  console.log('Installing dependencies (npm ci)...');
  run('npm', ['ci', '--no-audit', '--no-fund']);
  return true;
}

/** Runs `prisma generate` when the client is missing or older than the schema or packages. */
function generateClient(force) {
  const client = path('generated', 'prisma', 'client.ts');
  const fresh =
    existsSync(client) &&
    mtime(client) >= mtime(path('prisma', 'schema.prisma')) &&
    mtime(client) >= mtime(path('node_modules', '.package-lock.json'));
  if (fresh && !force) return;

  // `prisma generate` never runs the schema engine, yet refuses to start without one and would
  // download it; any existing file satisfies it, and no download is attempted.
  const env = {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: schemaEnginePlaceholder(),
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  };
  const prisma = path('node_modules', 'prisma', 'build', 'index.js');
  const result = spawnSync(process.execPath, [prisma, 'generate'], { cwd: root, env });
  if (result.status !== 0) {
    process.stderr.write(result.stdout ?? '');
    process.stderr.write(result.stderr ?? '');
    console.error('prisma generate failed (see above).');
    process.exit(result.status ?? 1);
  }
  // Prisma may leave an unchanged file untouched; the stamp keeps the next run quiet.
  const now = new Date();
  utimesSync(client, now, now);
  console.log('Generated the Prisma client (generated/prisma).');
}

function schemaEnginePlaceholder() {
  const given = process.env.PRISMA_SCHEMA_ENGINE_BINARY;
  if (given && existsSync(given)) return given;

  const folder = path('node_modules', '.cache', 'one-click');
  const placeholder = join(folder, 'schema-engine-placeholder');
  if (!existsSync(placeholder)) {
    mkdirSync(folder, { recursive: true });
    writeFileSync(placeholder, '');
  }
  return placeholder;
}

/** Reads .env like the entry points do (`dotenv/config`): the environment wins over the file. */
function loadDotEnv() {
  if (existsSync(path('.env'))) process.loadEnvFile(path('.env'));
}

/** Stops with one line per server that does not answer, saying how to start it. */
async function checkServices(databaseUrl, redisUrl) {
  const services = [
    {
      name: 'PostgreSQL',
      address: address(databaseUrl ?? 'postgresql://127.0.0.1:5432', 5432),
      hint: 'docker compose up -d postgres, or pg_ctlcluster <version> main start',
    },
    {
      name: 'Redis',
      address: address(redisUrl ?? 'redis://127.0.0.1:6379', 6379),
      hint: 'docker compose up -d redis, or redis-server --daemonize yes',
    },
  ];
  let missing = 0;
  for (const { name, address, hint } of services) {
    if (address === undefined || (await answers(address))) continue;
    console.error(
      `${name} does not answer at ${address.host}:${address.port}; start it (${hint}).`,
    );
    missing += 1;
  }
  if (missing > 0) process.exit(1);
}

// A URL without a host (a Unix socket given in the query) is not checked.
function address(url, defaultPort) {
  try {
    const { hostname, port } = new URL(url);
    if (hostname === '') return undefined;
    return { host: hostname.replace(/^\[|\]$/g, ''), port: Number(port || defaultPort) };
  } catch {
    return undefined;
  }
}

function answers({ host, port }) {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port, timeout: 2000 });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

/** Runs an npm command in the foreground; stops this script if it fails. */
function run(command, args) {
  // Under `npm run`, npm_execpath names npm's own script, which also works where `npm` is a
  // .cmd file that spawn cannot start directly.
  const npm = process.env.npm_execpath;
  const [file, fileArgs] =
    command === 'npm' && npm?.endsWith('.js')
      ? [process.execPath, [npm, ...args]]
      : [command, args];
  const result = spawnSync(file, fileArgs, { cwd: root, stdio: 'inherit' });
  if (result.error) console.error(`Cannot run ${command}: ${result.error.message}`);
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function mtime(file) {
  return existsSync(file) ? statSync(file).mtimeMs : 0;
}
