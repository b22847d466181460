import { execFileSync, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { PYTHON } from './django.mjs';
import { settings } from './settings.mjs';

/**
 * The bench's setup step: pins this process (the load generator) to its own cores, picks the generator
 * (wrk, installed with apt-get when missing, else autocannon) and readies the Django reference (Debian's
 * packages, installed when missing). A smoke run (BENCH_QUICK=1) installs nothing: it uses what is there.
 */
const log = (line) => process.stdout.write(`${line}\n`);
const ok = (cmd, args) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
const has = (cmd) => ok('sh', ['-c', `command -v ${cmd}`]);

const DJANGO_PACKAGES = [
  'python3-django',
  'python3-djangorestframework',
  'python3-djangorestframework-simplejwt',
  'python3-psycopg2',
  'gunicorn',
];
const djangoReady = () =>
  ok(PYTHON, ['-c', 'import django, rest_framework, rest_framework_simplejwt, psycopg2, gunicorn']);

function aptInstall(packages) {
  if (settings.quick) return 'not installed (a smoke run installs nothing)';
  if (process.getuid?.() !== 0 || !has('apt-get')) return 'not installed (apt-get needs root)';
  log(`bench: apt-get install -y ${packages.join(' ')}`);
  try {
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { stdio: 'ignore' });
    return undefined;
  } catch (e) {
    return `apt-get install failed: ${e.message.split('\n')[0]}`;
  }
}

/** Which generator runs the load, and why. */
function pickGenerator() {
  if (settings.generator === 'autocannon') return { name: 'autocannon', note: 'BENCH_GENERATOR=autocannon' };
  if (!has('wrk')) {
    const why = aptInstall(['wrk']);
    if (!has('wrk')) return { name: 'autocannon', note: `wrk ${why ?? 'missing'}: autocannon instead` };
  }
  return { name: 'wrk', note: 'wrk' };
}

/** Pins this process and its future children to settings.loadCpus; servers go to settings.serverCpus. */
function pin() {
  if (!settings.pin) return { pinned: false, note: 'not pinned (BENCH_PIN=0)' };
  if (!has('taskset')) return { pinned: false, note: 'not pinned: taskset missing' };
  if (availableParallelism() < 2) return { pinned: false, note: 'not pinned: fewer than 2 cores' };
  execFileSync('taskset', ['-a', '-p', '-c', settings.loadCpus, String(process.pid)], { stdio: 'ignore' });
  return {
    pinned: true,
    note: `servers on CPU ${settings.serverCpus}, load generator on CPU ${settings.loadCpus} (taskset)`,
  };
}

export function prepareTools() {
  const pinning = pin();
  const generator = pickGenerator();
  let django = { ready: false, note: 'skipped (BENCH_DJANGO=0)' };
  if (settings.django) {
    const why = djangoReady() ? undefined : aptInstall(DJANGO_PACKAGES);
    django = djangoReady()
      ? { ready: true, note: "Debian's djangorestframework-simplejwt on gunicorn" }
      : { ready: false, note: `Django reference ${why ?? 'missing'}` };
  }
  const tools = { pinning, generator, django };
  log(`bench: ${pinning.note}; generator ${generator.note}; ${django.note}`);
  return tools;
}
