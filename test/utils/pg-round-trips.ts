import { Socket } from 'node:net';

/**
 * Counts round trips from the clients to PostgreSQL by reading the frontend protocol on the wire: each
 * simple Query ('Q') and each Sync ('S', which ends one extended-protocol statement: Parse/Bind/Execute)
 * is one request the client then waits on. BEGIN and COMMIT are statements too, so they count.
 */
export class PgRoundTrips {
  count = 0;
  private readonly pending = new WeakMap<Socket, { buf: Buffer; started: boolean }>();

  /** For TcpProxy's `inspect`: every chunk a client sends, in order. */
  readonly inspect = (chunk: Buffer, client: Socket): void => {
    const s = this.pending.get(client) ?? { buf: Buffer.alloc(0), started: false };
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
      if (type === 'Q' || type === 'S') this.count += 1;
      s.buf = s.buf.subarray(len + 1);
    }
  };
}
