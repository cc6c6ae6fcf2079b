import { Worker } from 'node:worker_threads';
import { FILE_CREATE_FLAGS, InlineFileCreator, type FileCreator } from './file-creator.js';

/** File data and operations are sent to the thread in batches of about this many bytes. */
const BATCH_BYTES = 1 << 20;
/** Batches handed over but not yet done: the reader may run this far ahead of the thread. */
const MAX_IN_FLIGHT = 16;
/** Ops recorded per batch: open (path, mode, mtime, chmod), write (bytes), close, hardlink (target, path). */
const OPEN = 0;
const WRITE = 1;
const CLOSE = 2;
const HARDLINK = 3;

/**
 * The thread's code, evaluated as a CommonJS script: a file on disk would not be found from the
 * TypeScript sources under test nor inside the bundled app. It runs each batch's operations with
 * plain synchronous calls, checks the shared stop flag before each one, and stops at the first failure.
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { closeSync, fchmodSync, futimesSync, linkSync, openSync, writeSync } = require('node:fs');
const stop = new Int32Array(workerData.stop);
let fd = -1;
let path = '';
let mode = 0;
let mtime = 0;
let chmod = false;
let failed = false;

function closeFile() {
  const open = fd;
  fd = -1;
  try {
    if (chmod) fchmodSync(open, mode);
    futimesSync(open, mtime, mtime);
  } finally {
    closeSync(open);
  }
}

function run(ops, data) {
  let at = 0;
  for (let i = 0; i < ops.length && Atomics.load(stop, 0) === 0; ) {
    const op = ops[i];
    if (op === ${OPEN}) {
      path = ops[i + 1];
      mode = ops[i + 2];
      mtime = ops[i + 3];
      chmod = ops[i + 4];
      fd = openSync(path, ${FILE_CREATE_FLAGS}, mode);
      i += 5;
    } else if (op === ${WRITE}) {
      const end = at + ops[i + 1];
      while (at < end) at += writeSync(fd, data, at, end - at);
      i += 2;
    } else if (op === ${CLOSE}) {
      closeFile();
      i += 1;
    } else {
      path = ops[i + 2];
      linkSync(ops[i + 1], path);
      i += 3;
    }
  }
}

function closeQuietly() {
  if (fd < 0) return;
  try { closeSync(fd); } catch {}
  fd = -1;
}

parentPort.on('message', (message) => {
  if (message.type === 'end') {
    closeQuietly();
    parentPort.postMessage({ type: 'ended' });
    return;
  }
  let failure;
  if (!failed) {
    try {
      run(message.ops, new Uint8Array(message.data));
    } catch (error) {
      failed = true;
      failure = { path, code: error && error.code, message: error && error.message ? error.message : String(error) };
      closeQuietly();
    }
  }
  parentPort.postMessage({ type: 'done', failure, data: message.data }, [message.data]);
});
`;

type ThreadMessage =
  | { readonly type: 'done'; readonly failure?: { readonly path: string; readonly code?: string; readonly message: string }; readonly data: ArrayBuffer }
  | { readonly type: 'ended' };

/** A file the thread could not create or write: `path` and the system error, for the caller to word. */
export class FileCreationFailure extends Error {
  constructor(
    readonly path: string,
    override readonly cause: NodeJS.ErrnoException,
  ) {
    super(cause.message);
  }
}

/**
 * Creates extracted files on a worker thread, in the order they are given, while the caller's thread
 * goes on decompressing and validating. Creating thousands of small files is mostly system calls;
 * on their own thread they overlap with gunzip and parsing instead of following them. Paths reach
 * the thread only after the caller has validated them and made their parent folders. Until the
 * thread has started (~30 ms), files are created on the caller's thread, so no time is lost waiting.
 */
export class FileCreationThread implements FileCreator {
  /** Resolves once the thread runs: from then on every file goes to it. */
  readonly online: Promise<void>;
  private readonly worker: Worker;
  private readonly stopFlag = new Int32Array(new SharedArrayBuffer(4));
  private readonly inline = new InlineFileCreator();
  /** From the first file opened after this turns true, files go to the thread; never back. */
  private threadRunning = false;
  private readonly spare: ArrayBuffer[] = [];
  private data: Buffer;
  private used = 0;
  private ops: (string | number | boolean)[] = [];
  /** Index in `ops` of the last write op, while nothing followed it: the next write extends it. */
  private openWrite = -1;
  private inFlight = 0;
  private batchesSent = 0;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;
  private ended: (() => void) | undefined;
  private ending: Promise<void> | undefined;
  private exited = false;

  constructor() {
    this.data = Buffer.from(new ArrayBuffer(BATCH_BYTES));
    this.worker = new Worker(THREAD_SOURCE, { eval: true, workerData: { stop: this.stopFlag.buffer } });
    this.online = new Promise((resolve) => {
      this.worker.once('online', () => {
        this.threadRunning = true;
        resolve();
      });
    });
    this.worker.on('message', (message: ThreadMessage) => this.onMessage(message));
    this.worker.on('error', (error) => this.onExit(error));
    this.worker.on('exit', () => this.onExit(new Error('the file-creation thread stopped unexpectedly')));
  }

  // Whatever was made inline was made synchronously, before the thread gets its first file: a file
  // or hardlink it makes later finds everything that came before it.
  openFile(path: string, mode: number, mtime: number, chmod: boolean): void {
    if (!this.threadRunning) {
      this.inline.openFile(path, mode, mtime, chmod);
      return;
    }
    this.ops.push(OPEN, path, mode, mtime, chmod);
    this.openWrite = -1;
  }

  write(chunk: Buffer): void {
    if (this.inline.isOpen) {
      this.inline.write(chunk);
      return;
    }
    let at = 0;
    while (at < chunk.length) {
      if (this.used === this.data.length) this.flush();
      const n = Math.min(chunk.length - at, this.data.length - this.used);
      chunk.copy(this.data, this.used, at, at + n);
      this.used += n;
      at += n;
      if (this.openWrite >= 0) {
        this.ops[this.openWrite] = (this.ops[this.openWrite] as number) + n;
      } else {
        this.ops.push(WRITE, n);
        this.openWrite = this.ops.length - 1;
      }
    }
  }

  closeFile(): void {
    if (this.inline.isOpen) {
      this.inline.closeFile();
      return;
    }
    this.ops.push(CLOSE);
    this.openWrite = -1;
    if (this.used >= this.data.length - 4096 || this.ops.length >= 4096) this.flush();
  }

  hardlink(target: string, path: string): void {
    if (!this.threadRunning) {
      this.inline.hardlink(target, path);
      return;
    }
    this.ops.push(HARDLINK, target, path);
    this.openWrite = -1;
  }

  /** Undefined while the thread keeps up; otherwise resolves when it has caught up. Throws its first failure. */
  ready(): Promise<void> | undefined {
    if (this.failure !== undefined) throw this.failure;
    if (this.inFlight < MAX_IN_FLIGHT) return undefined;
    return new Promise<void>((resolve) => (this.wake = resolve)).then(() => {
      if (this.failure !== undefined) throw this.failure;
    });
  }

  /** Hands over what is left and waits until every file is written and closed; throws the first failure. */
  async finish(): Promise<void> {
    this.flush();
    await this.end();
    if (this.failure !== undefined) throw this.failure;
  }

  /** Stops at the next operation and waits until the thread has closed its file and writes nothing more. */
  async stop(): Promise<void> {
    Atomics.store(this.stopFlag, 0, 1);
    try {
      await this.inline.stop();
    } finally {
      await this.end();
    }
  }

  private flush(): void {
    if (this.ops.length === 0) return;
    const data = this.data.buffer as ArrayBuffer;
    this.worker.postMessage({ type: 'batch', ops: this.ops, data }, [data]);
    this.inFlight += 1;
    this.batchesSent += 1;
    const next = this.spare.pop() ?? new ArrayBuffer(BATCH_BYTES);
    this.data = Buffer.from(next);
    this.used = 0;
    this.ops = [];
    this.openWrite = -1;
  }

  private end(): Promise<void> {
    this.ending ??= this.endOnce();
    return this.ending;
  }

  private async endOnce(): Promise<void> {
    // A thread that was never handed a batch has no file open: no need to wait for it to start.
    if (!this.exited && this.batchesSent > 0) {
      await new Promise<void>((resolve) => {
        this.ended = resolve;
        this.worker.postMessage({ type: 'end' });
      });
    }
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private onMessage(message: ThreadMessage): void {
    if (message.type === 'ended') {
      this.ended?.();
      return;
    }
    this.inFlight -= 1;
    this.spare.push(message.data);
    if (message.failure !== undefined && this.failure === undefined) {
      const { path, code, message: text } = message.failure;
      this.failure = new FileCreationFailure(path, Object.assign(new Error(text), { code }));
    }
    if (this.inFlight < MAX_IN_FLIGHT || this.failure !== undefined) {
      const wake = this.wake;
      this.wake = undefined;
      wake?.();
    }
  }

  private onExit(error: Error): void {
    this.exited = true;
    // Before it ran, the thread held no file: the caller's thread simply goes on making them all.
    if (this.threadRunning) this.failure ??= error;
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
    this.ended?.();
  }
}
