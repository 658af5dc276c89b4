import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../../util/user-error.js';

export class StagingPathError extends UserError {
  constructor(message: string) {
    super('refused', message);
  }
}

const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

/**
 * The one local folder the Databricks driver may read for PUT (its `stagingAllowedLocalPath`):
 * a fresh private temp folder per load, holding only the file being uploaded. The driver checks
 * the server's local path against it, and we check the file before asking.
 */
export class StagingArea {
  private constructor(readonly dir: string) {}

  static create(parent = os.tmpdir()): StagingArea {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(parent, 'pacs-mcp-staging-')));
    fs.chmodSync(dir, 0o700);
    return new StagingArea(dir);
  }

  /** What the driver gets as stagingAllowedLocalPath: only this folder. */
  get allowedLocalPaths(): string[] {
    return [this.dir];
  }

  /** Moves `file` in under `name` and returns its path inside the area. */
  adopt(file: string, name: string): string {
    if (!FILE_NAME.test(name) || name.includes('..')) throw new StagingPathError(`"${name}" is not a safe staging file name.`);
    const target = path.join(this.dir, name);
    try {
      fs.renameSync(file, target);
    } catch {
      fs.copyFileSync(file, target);
      fs.rmSync(file, { force: true });
    }
    return this.assertInside(target);
  }

  /** Refuses any path that is not a regular file directly inside the area (no "..", no symlink out). */
  assertInside(file: string): string {
    const resolved = path.resolve(file);
    const relative = path.relative(this.dir, resolved);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative) || relative.includes(path.sep)) {
      throw new StagingPathError(`${file} is outside the staging folder ${this.dir}; only files PACS MCP wrote there may be uploaded.`);
    }
    const stat = fs.lstatSync(resolved, { throwIfNoEntry: false });
    if (!stat || !stat.isFile() || stat.isSymbolicLink()) throw new StagingPathError(`${file} is not a regular file in the staging folder.`);
    if (fs.realpathSync(resolved) !== resolved) throw new StagingPathError(`${file} resolves outside the staging folder.`);
    return resolved;
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
