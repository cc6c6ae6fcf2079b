/** What a call queue is told to hold, and whom it tells when its waiting line fills up or frees. */
export interface CallQueueOptions {
  /** Calls running at once. */
  readonly maxInFlight: number;
  /** Waiting calls at which the queue counts as full. It never refuses a call: its owner stops taking them. */
  readonly maxQueued: number;
  /** The waiting line just reached `maxQueued`. */
  readonly onFull: () => void;
  /** The waiting line was full and now has room. */
  readonly onRoom: () => void;
}

/** A call waiting in the queue: started when a slot frees, it must resolve, never reject. */
export type QueuedCall = () => Promise<void>;

/**
 * One connection's calls: at most `maxInFlight` run at once, later ones start in arrival order as
 * earlier ones finish. It knows nothing of sockets: its owner stops reading while it is full
 * (that is what bounds the waiting line), and drops it when the connection goes.
 */
export class CallQueue {
  private readonly waitingCalls: QueuedCall[] = [];
  private running = 0;
  private full = false;

  constructor(private readonly options: CallQueueOptions) {}

  /** Calls started and not yet finished. */
  get inFlight(): number {
    return this.running;
  }

  /** Calls waiting for a slot. */
  get waiting(): number {
    return this.waitingCalls.length;
  }

  /** Starts `call` when a slot is free, else puts it at the end of the waiting line. */
  push(call: QueuedCall): void {
    if (this.running < this.options.maxInFlight) {
      this.start(call);
      return;
    }
    this.waitingCalls.push(call);
    if (!this.full && this.waitingCalls.length >= this.options.maxQueued) {
      this.full = true;
      this.options.onFull();
    }
  }

  /** Forgets every waiting call; the running ones finish, and nothing starts after them. */
  drop(): void {
    this.waitingCalls.length = 0;
    this.full = false;
  }

  private start(call: QueuedCall): void {
    this.running += 1;
    void call().finally(() => {
      this.running -= 1;
      const next = this.waitingCalls.shift();
      if (next !== undefined) this.start(next);
      if (this.full && this.waitingCalls.length < this.options.maxQueued) {
        this.full = false;
        this.options.onRoom();
      }
    });
  }
}
