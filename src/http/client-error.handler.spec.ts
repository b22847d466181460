import { Socket } from 'node:net';
import { clientErrorHandler } from './client-error.handler';

function fakeSocket(): { socket: Socket; written: string[]; destroyed: jest.Mock } {
  const written: string[] = [];
  const destroyed = jest.fn();
  const socket = {
    destroyed: false,
    writable: true,
    write: (s: string) => written.push(s),
    destroy: destroyed,
  };
  return { socket: socket as unknown as Socket, written, destroyed };
}

const err = (code: string) => Object.assign(new Error(code), { code });

describe('clientErrorHandler', () => {
  it('answers a header overflow with 431, a JSON detail and the security headers, then closes', () => {
    const { socket, written, destroyed } = fakeSocket();
    clientErrorHandler(err('HPE_HEADER_OVERFLOW'), socket);
    expect(written).toHaveLength(1);
    const [head, body] = written[0].split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(head).toContain('Content-Type: application/json');
    expect(head).toContain('X-Frame-Options: DENY');
    expect(head).toContain('X-Content-Type-Options: nosniff');
    expect(head).toContain(`Content-Length: ${Buffer.byteLength(body)}`);
    expect(JSON.parse(body)).toEqual({ detail: 'Request header fields too large.' });
    expect(destroyed).toHaveBeenCalled();
  });

  it('answers any other parser error with 400', () => {
    const { socket, written } = fakeSocket();
    clientErrorHandler(err('HPE_INVALID_CONTENT_LENGTH'), socket);
    expect(written[0]).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
  });

  it('writes nothing on a reset connection', () => {
    const { socket, written } = fakeSocket();
    clientErrorHandler(err('ECONNRESET'), socket);
    expect(written).toEqual([]);
  });
});
