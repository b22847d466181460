import { Writable } from 'node:stream';

/** Every line the app's logger writes (the pino destination of createTestApp), as text. */
export class LogCapture extends Writable {
  text = '';
  _write(chunk: Buffer, _: BufferEncoding, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}
