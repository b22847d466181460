import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PgliteDriver } from '../../src/database/pglite.driver';

const ROOT_PREFIX = 'bastion-pglite-';
/** Module state lives as long as one test file (jest gives each file a fresh module registry). */
let sweptPreviousFiles = false;
/** The template being built, so concurrent callers in one test file wait for one initdb. */
let building: Promise<void> | undefined;

/**
 * Fresh PGlite data directories for e2e tests without paying initdb each time: initdb (~2-3 s) runs once per
 * jest worker process into a template, and every call returns a private copy of it (~0.1-0.4 s to copy,
 * ~0.25 s to open). The app then runs its migrations on the copy as usual.
 *
 * Everything lives under one directory per worker process. A worker runs one test file at a time, so the
 * first call in a test file deletes the copies left by the files before it; whatever the last file left,
 * template included, is swept by the next run once that worker process is gone (jest's sandboxed `process`
 * never sees 'exit', so there is no hook to do it earlier).
 */
export async function preparedDataDir(): Promise<string> {
  const root = workerRoot();
  const template = path.join(root, 'template');
  if (!sweptPreviousFiles) removeCopies(root);
  sweptPreviousFiles = true;
  if (!fs.existsSync(template)) {
    building ??= buildTemplate(template).finally(() => (building = undefined));
    await building;
  }
  const dir = fs.mkdtempSync(path.join(root, 'db-'));
  // COPYFILE_FICLONE shares blocks on copy-on-write filesystems and falls back to a plain copy elsewhere.
  fs.cpSync(template, dir, { recursive: true, mode: fs.constants.COPYFILE_FICLONE });
  return dir;
}

function workerRoot(): string {
  const root = path.join(os.tmpdir(), `${ROOT_PREFIX}${process.pid}`);
  if (!fs.existsSync(root)) {
    sweepDeadWorkers();
    fs.mkdirSync(root, { recursive: true });
  }
  return root;
}

/** initdb into a scratch directory, shut down cleanly, then rename into place: the template is whole or absent. */
async function buildTemplate(template: string): Promise<void> {
  const scratch = fs.mkdtempSync(`${template}-building-`);
  const driver = PgliteDriver.open(scratch);
  try {
    await driver.ready();
  } finally {
    await driver.close();
  }
  try {
    fs.renameSync(scratch, template);
  } catch (err) {
    fs.rmSync(scratch, { recursive: true, force: true }); // a concurrent build in this process won
    if (!fs.existsSync(template)) throw err;
  }
}

function removeCopies(root: string): void {
  for (const name of fs.readdirSync(root)) {
    if (name.startsWith('db-')) fs.rmSync(path.join(root, name), { recursive: true, force: true });
  }
}

function sweepDeadWorkers(): void {
  for (const name of fs.readdirSync(os.tmpdir())) {
    const pid = Number(name.slice(ROOT_PREFIX.length));
    if (!name.startsWith(ROOT_PREFIX) || !Number.isInteger(pid) || isRunning(pid)) continue;
    fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
