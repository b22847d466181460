import { Socket } from 'node:net';

/**
 * Counts round trips from the clients to PostgreSQL by reading the frontend protocol on the wire: each
 * simple Query ('Q') and each Sync ('S', which ends one extended-protocol statement: Parse/Bind/Execute)
 * is one request the client then waits on. BEGIN and COMMIT are statements too, so they count.
 */
export class PgRoundTrips {
  count = 0;
  /** The text of each statement counted, in order (a Sync's: the text of the Parse before it). */
  readonly texts: string[] = [];
  private readonly pending = new WeakMap<Socket, { buf: Buffer; started: boolean; parsed: string }>();

  /** For TcpProxy's `inspect`: every chunk a client sends, in order. */
  readonly inspect = (chunk: Buffer, client: Socket): void => {
    const s = this.pending.get(client) ?? { buf: Buffer.alloc(0), started: false, parsed: '' };
    this.pending.set(client, s);
    s.buf = Buffer.concat([s.buf, chunk]);
    for (;;) {
      if (!s.started) {
        // the startup packet (or an SSLRequest before it) has a length but no type byte
        if (s.buf.length < 8) return;
        const len = s.buf.readInt32BE(0);
        if (s.buf.length < len) return;
        const code = s.buf.readInt32BE(4);
        s.buf = s.buf.subarray(len);
        if (code !== 80877103) s.started = true; // not an SSLRequest: the StartupMessage
        continue;
      }
      if (s.buf.length < 5) return;
      const len = s.buf.readInt32BE(1);
      if (s.buf.length < len + 1) return;
      const type = String.fromCharCode(s.buf[0]);
      if (type === 'P') s.parsed = parseText(s.buf.subarray(5, len + 1));
      if (type === 'Q' || type === 'S') {
        this.count += 1;
        this.texts.push(type === 'Q' ? cString(s.buf, 5) : s.parsed);
      }
      s.buf = s.buf.subarray(len + 1);
    }
  };
}

/** A Parse message's body: the statement name, then the query text, both NUL-terminated. */
function parseText(body: Buffer): string {
  const nameEnd = body.indexOf(0);
  return cString(body, nameEnd + 1);
}

function cString(buf: Buffer, from: number): string {
  const end = buf.indexOf(0, from);
  return buf.toString('utf8', from, end < 0 ? buf.length : end);
}
