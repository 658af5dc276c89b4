import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import zlib from 'node:zlib';
import { UserError } from './user-error.js';

/**
 * A file written as a stream, with backpressure, that appears under its name only when complete:
 * it is written as `NAME.partial` and renamed by `close()`. `abort()` removes the partial file, so
 * a failure never leaves a half-written report or package behind.
 */
export class OutputFile {
  private readonly file: fs.WriteStream;
  private readonly sink: Writable;
  private failed: Error | undefined;
  private bytes = 0;

  private constructor(readonly target: string, private readonly partial: string, gzip: boolean) {
    this.file = fs.createWriteStream(partial, { mode: 0o600 });
    this.file.on('error', (err) => (this.failed ??= err));
    if (gzip) {
      const z = zlib.createGzip({ level: 6 });
      z.on('error', (err) => (this.failed ??= err));
      z.pipe(this.file);
      this.sink = z;
    } else {
      this.sink = this.file;
    }
  }

  static create(target: string, options: { gzip?: boolean } = {}): OutputFile {
    const resolved = path.resolve(target);
    const dir = path.dirname(resolved);
    if (!fs.existsSync(dir)) throw new UserError('invalid', `The folder ${dir} does not exist. Create it or choose another output path.`);
    return new OutputFile(resolved, `${resolved}.partial`, options.gzip ?? false);
  }

  /** Uncompressed bytes written so far. */
  get written(): number {
    return this.bytes;
  }

  async write(text: string): Promise<void> {
    if (this.failed) throw this.failed;
    this.bytes += Buffer.byteLength(text);
    if (!this.sink.write(text)) await this.drained();
    if (this.failed) throw this.failed;
  }

  /** Waits for 'drain', or for the file to fail or close (then `failed` says why). */
  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.sink.off('drain', done);
        this.file.off('error', done);
        this.file.off('close', done);
        resolve();
      };
      this.sink.on('drain', done);
      this.file.on('error', done);
      this.file.on('close', done);
    });
  }

  async close(): Promise<void> {
    if (this.failed) throw this.failed;
    const finished = once(this.file, 'close');
    this.sink.end();
    await finished;
    if (this.failed) throw this.failed;
    fs.renameSync(this.partial, this.target);
  }

  async abort(): Promise<void> {
    this.sink.destroy();
    this.file.destroy();
    fs.rmSync(this.partial, { force: true });
  }
}
