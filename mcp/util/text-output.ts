import { OutputFile } from './output-file.js';

/** Where a streamed report is written: a file (OutputFile) or memory (TextBuffer). */
export interface TextOutput {
  write(text: string): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

/** A file path, or a function that opens the output when writing starts. */
export type OutputTarget = string | (() => TextOutput);

export function openOutput(target: OutputTarget): TextOutput {
  return typeof target === 'string' ? OutputFile.create(target) : target();
}

/** A report kept in memory, for a caller that hands the text on (the desktop app's downloads). */
export class TextBuffer implements TextOutput {
  private chunks: string[] = [];
  private closed = false;

  async write(text: string): Promise<void> {
    this.chunks.push(text);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  async abort(): Promise<void> {
    this.chunks = [];
  }

  /** The whole text, once closed. */
  text(): string {
    if (!this.closed) throw new Error('The report was not finished.');
    return this.chunks.join('');
  }
}
