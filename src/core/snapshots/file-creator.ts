import { closeSync, constants, fchmodSync, futimesSync, linkSync, openSync, writeSync } from 'node:fs';

/** Create, never overwrite, never follow a link in the last segment. */
export const FILE_CREATE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/**
 * Where extraction makes regular files and hardlinks, in archive order. Paths arrive validated and
 * with their parent folders made; a failure is thrown as the system error (now or, for a thread,
 * from a later call as a FileCreationFailure naming the file).
 */
export interface FileCreator {
  /** Creates `path` with `mode`; `chmod` when the umask could strip bits of it, so it is set again at close. */
  openFile(path: string, mode: number, mtime: number, chmod: boolean): void;
  /** Appends `chunk` to the open file. */
  write(chunk: Buffer): void;
  /** Applies the open file's mode and mtime and closes it. */
  closeFile(): void;
  /** Links `path` to the earlier file `target`. */
  hardlink(target: string, path: string): void;
  /** Undefined when more can be handed over now; otherwise settles when it can. */
  ready(): Promise<void> | undefined;
  /** Waits until every file is written and closed. */
  finish(): Promise<void>;
  /** Stops writing and closes any open file, so the destination can be removed. */
  stop(): Promise<void>;
}

/** Creates files with synchronous calls on the caller's thread: cheapest for small archives. */
export class InlineFileCreator implements FileCreator {
  private fd: number | undefined;
  private mode = 0;
  private mtime = 0;
  private chmod = false;

  /** True between openFile and closeFile. */
  get isOpen(): boolean {
    return this.fd !== undefined;
  }

  openFile(path: string, mode: number, mtime: number, chmod: boolean): void {
    this.fd = openSync(path, FILE_CREATE_FLAGS, mode);
    this.mode = mode;
    this.mtime = mtime;
    this.chmod = chmod;
  }

  write(chunk: Buffer): void {
    let written = 0;
    while (written < chunk.length) written += writeSync(this.fd ?? -1, chunk, written, chunk.length - written);
  }

  closeFile(): void {
    const fd = this.fd;
    if (fd === undefined) return;
    this.fd = undefined;
    try {
      if (this.chmod) fchmodSync(fd, this.mode);
      futimesSync(fd, this.mtime, this.mtime);
    } finally {
      closeSync(fd);
    }
  }

  hardlink(target: string, path: string): void {
    linkSync(target, path);
  }

  ready(): undefined {
    return undefined;
  }

  finish(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    const fd = this.fd;
    this.fd = undefined;
    if (fd !== undefined) closeSync(fd);
    return Promise.resolve();
  }
}
