import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { baseEnv, Instance } from './instance.mjs';
import { PASSWORD, ROOT } from './settings.mjs';

/**
 * The Django reference (bench/django/): djangorestframework-simplejwt on gunicorn, 2 workers with
 * keep-alive (gthread: sync workers close every connection), persistent database connections, its own
 * fresh database. Debian's packages live in the system Python, not in a pyenv/venv one on PATH.
 */
const DIR = join(ROOT, 'bench', 'django');
export const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

const djangoEnv = (databaseUrl, rotate) => ({
  BENCH_DJANGO_DATABASE_URL: databaseUrl,
  BENCH_DJANGO_ROTATE: rotate ? '1' : '0',
  DJANGO_SETTINGS_MODULE: 'bench_django.settings',
});

/** Applies the migrations to the fresh database and creates the bench user (manage.py, no prompts). */
export function prepareDjango(databaseUrl, username, password = PASSWORD) {
  const manage = (...args) =>
    execFileSync(PYTHON, [join(DIR, 'manage.py'), ...args], {
      cwd: DIR,
      env: baseEnv(djangoEnv(databaseUrl, false)),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  manage('migrate', '--noinput');
  const py = JSON.stringify; // a JSON string is a valid Python string literal here
  manage(
    'shell',
    '-c',
    `from django.contrib.auth.models import User; User.objects.create_user(${py(username)}, password=${py(password)})`,
  );
}

export class DjangoInstance extends Instance {
  constructor(name, port, databaseUrl, rotate) {
    super(name, port, djangoEnv(databaseUrl, rotate), DIR);
  }

  argv() {
    return [
      PYTHON,
      '-m',
      'gunicorn',
      '--chdir',
      DIR,
      '--workers',
      '2',
      '--worker-class',
      'gthread',
      '--threads',
      '4',
      '--keep-alive',
      '75',
      '--graceful-timeout',
      '5',
      '--bind',
      `127.0.0.1:${this.port}`,
      'bench_django.wsgi',
    ];
  }
}
