import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The V8 flags the server runs with (bench/README.md "Memory") are written where it is started: `npm start`, the
 * Dockerfile's CMD and CI's start (the bench reads them from `npm start`). They must not drift apart.
 */
const root = join(__dirname, '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const flagsOf = (commandLine: string) => commandLine.split(/[\s",[\]]+/).filter((a) => a.startsWith('--'));

const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
const dockerCmd = /^CMD (\[.*\])$/m.exec(read('Dockerfile'))?.[1] ?? '';
const ciStart = /node (.*) dist\/src\/main\.js/.exec(read('.ci/run'))?.[1] ?? '';

describe('node flags of the server', () => {
  const expected = flagsOf(scripts.start);

  it('npm start sets the heap flags', () => {
    expect(expected).toEqual(['--no-allocation-site-pretenuring', '--heap-growing-percent=100']);
  });

  it('start:prod, the Dockerfile and CI start the server with the same flags', () => {
    expect(flagsOf(scripts['start:prod'])).toEqual(expected);
    expect(JSON.parse(dockerCmd)).toEqual(['node', ...expected, 'dist/src/main.js']);
    expect(flagsOf(ciStart)).toEqual(expected);
  });
});
