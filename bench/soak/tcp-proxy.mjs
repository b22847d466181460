import { createServer, Socket } from 'node:net';

/**
 * A TCP proxy between the apps and Postgres, so the soak can take the database away without touching the
 * machine's shared server: `cut()` drops every connection and black-holes new ones (accepted, never
 * answered, as a dead host), `restore()` forwards again.
 */
export class TcpProxy {
  constructor(port, target) {
    Object.assign(this, { port, target, up: true, sockets: new Set() });
    this.server = createServer((client) => this.accept(client));
  }

  listen() {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, '127.0.0.1', resolve);
    });
  }

  cut() {
    this.up = false;
    this.dropAll();
  }

  restore() {
    this.up = true;
    this.dropAll(); // black-holed clients fail now and reconnect through a live link
  }

  close() {
    this.cut();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  dropAll() {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  accept(client) {
    this.track(client);
    if (!this.up) return;
    const upstream = new Socket();
    this.track(upstream);
    upstream.connect(this.target.port, this.target.host);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }

  track(s) {
    this.sockets.add(s);
    s.on('error', () => s.destroy());
    s.on('close', () => this.sockets.delete(s));
  }
}
