import { AddressInfo, createServer, Server, Socket } from 'node:net';

/**
 * A TCP proxy between the app and PostgreSQL, so a test can make the database unreachable without
 * touching the shared server: `cut()` drops every open connection and black-holes new ones (accepted,
 * never answered — like a dead host, so only the app's own timeouts end the wait); `restore()` forwards again.
 */
export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private up = true;

  private constructor(
    private readonly server: Server,
    private readonly target: { host: string; port: number },
    private readonly inspect?: (chunk: Buffer, client: Socket) => void,
  ) {
    server.on('connection', (client) => this.accept(client));
  }

  /** `inspect` sees every chunk a client sends (e.g. PgRoundTrips, to count statements). */
  static async start(
    target: { host: string; port: number },
    inspect?: (chunk: Buffer, client: Socket) => void,
  ): Promise<TcpProxy> {
    const proxy = new TcpProxy(createServer(), target, inspect);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  cut(): void {
    this.up = false;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  restore(): void {
    this.up = true;
    for (const s of this.sockets) s.destroy(); // black-holed clients: let them fail and reconnect
    this.sockets.clear();
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    this.track(client);
    if (!this.up) return; // black hole: hold the socket, say nothing
    const upstream = new Socket();
    this.track(upstream);
    upstream.connect(this.target.port, this.target.host);
    const inspect = this.inspect;
    if (inspect) client.on('data', (chunk: Buffer) => inspect(chunk, client));
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }

  private track(s: Socket): void {
    this.sockets.add(s);
    s.on('error', () => s.destroy());
    s.on('close', () => this.sockets.delete(s));
  }
}
