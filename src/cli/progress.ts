import { SingleBar } from 'cli-progress';
import { Progress } from './command';

/** At most one plain progress line this often (ms), besides the first and the last. */
const LINE_INTERVAL_MS = 2000;

/**
 * A progress bar on a terminal (done/total, rate, time left), written to `stream` (stderr, so piped output
 * stays clean).
 */
export function progressBar(stream: NodeJS.WriteStream, label: string, total: number): Progress {
  const bar = new SingleBar({
    stream,
    format: `${label} [{bar}] {value}/{total} | {rate}/s | {eta_formatted} left`,
    barsize: 30,
    hideCursor: true,
    etaBuffer: 20,
  });
  const started = Date.now();
  bar.start(total, 0, { rate: '0' });
  return {
    update: (done) => bar.update(done, { rate: rate(done, started) }),
    stop: () => bar.stop(),
  };
}

/** Not a terminal (a pipe, a log file, CI): a plain line now and then. */
export function progressLines(
  out: (line: string) => void,
  label: string,
  total: number,
  now = Date.now,
): Progress {
  const started = now();
  let last = -Infinity;
  let done = 0;
  let printed = -1;
  const print = (): void => {
    out(`${label}: ${done}/${total} (${rate(done, started, now())}/s)`);
    printed = done;
    last = now();
  };
  return {
    update(n) {
      done = n;
      if (now() - last >= LINE_INTERVAL_MS) print();
    },
    stop() {
      if (printed !== done) print();
    },
  };
}

function rate(done: number, started: number, now = Date.now()): string {
  const seconds = (now - started) / 1000;
  return seconds > 0 ? String(Math.round(done / seconds)) : '0';
}
