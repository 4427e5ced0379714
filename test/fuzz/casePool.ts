import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { FuzzFile } from './targets';
import type { CaseReply, CaseRequest, Outcome } from './outcome';

/**
 * A few long-lived worker processes (worker.ts, bundled) that read fuzz cases one at a time each. The
 * pool times every case and polls its worker's resident memory (Linux /proc; V8's heap is capped too,
 * since typed arrays and WebAssembly memory live outside it): past the timeout or the memory limit it
 * kills the worker, answers `hang` or `blow-up`, and starts a fresh one for the next case. A worker
 * whose memory between cases has grown past half the limit is replaced too (`recycled`), so a leak
 * cannot turn later cases into blow-ups.
 */
export interface PoolOptions {
  /** The bundled worker.ts. */
  readonly script: string;
  readonly workers: number;
  readonly timeoutMs: number;
  readonly rssLimitMb: number;
}

export interface PoolResult {
  readonly caseId: number;
  readonly outcome: Outcome;
  readonly message?: string;
  readonly ms: number;
  readonly peakRssMb: number;
}

interface Job {
  readonly request: CaseRequest;
  readonly timeoutMs: number;
  readonly fresh: boolean;
  readonly resolve: (result: PoolResult) => void;
  readonly reject: (error: Error) => void;
}

interface Worker {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  stderr: string;
  /** What to do when the process exits (set while a case runs). */
  onExit: ((code: number | null, signal: NodeJS.Signals | null) => void) | null;
}

const MB = 1024 * 1024;
const POLL_MS = 20;

function residentBytes(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export class CasePool {
  /** Workers replaced, by why. */
  readonly restarts = { hang: 0, 'blow-up': 0, died: 0, recycled: 0 };
  /** Crashes reported for cases already answered (a stray rejection after the read), for the caller to count. */
  readonly strays: { caseId: number; message: string }[] = [];
  private readonly slots: (Worker | null)[];
  private readonly busy: boolean[];
  private readonly queue: Job[] = [];
  private nextId = 0;
  private closed = false;

  constructor(readonly options: PoolOptions) {
    this.slots = Array.from({ length: options.workers }, () => null);
    this.busy = this.slots.map(() => false);
  }

  /** Reads one case in a worker; `fresh` first replaces the worker (a case alone, in a clean process). */
  run(target: string, files: readonly FuzzFile[], overrides: { timeoutMs?: number; fresh?: boolean } = {}): Promise<PoolResult> {
    if (this.closed) return Promise.reject(new Error('the case pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, target, files }, timeoutMs: overrides.timeoutMs ?? this.options.timeoutMs, fresh: overrides.fresh ?? false, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((worker, slot) => (worker ? this.stop(slot, 'SIGTERM') : undefined)));
  }

  private pump(): void {
    for (let slot = 0; slot < this.slots.length && this.queue.length > 0; slot++) {
      if (this.busy[slot]) continue;
      const job = this.queue.shift()!;
      this.busy[slot] = true;
      void this.dispatch(slot, job)
        .then(job.resolve, job.reject)
        .finally(() => {
          this.busy[slot] = false;
          this.pump();
        });
    }
  }

  private spawn(): Worker {
    const child = fork(this.options.script, [], {
      // Only the heap cap: a parent run under vitest must not pass its loaders on.
      execArgv: [`--max-old-space-size=${this.options.rssLimitMb}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const worker: Worker = {
      child,
      stderr: '',
      onExit: null,
      ready: new Promise((resolve, reject) => {
        const onMessage = (message: unknown) => {
          if (message !== 'ready') return;
          child.off('message', onMessage);
          resolve();
        };
        child.on('message', onMessage);
        child.once('exit', (code) => reject(new Error(`the fuzz worker ${this.options.script} exited (${code}) before it was ready: ${worker.stderr.slice(-500)}`)));
      }),
    };
    child.stderr!.on('data', (chunk: Buffer) => (worker.stderr = (worker.stderr + chunk.toString()).slice(-4000)));
    child.on('exit', (code, signal) => worker.onExit?.(code, signal));
    // Replies to cases already answered: a stray rejection after the read.
    child.on('message', (message: CaseReply | 'ready') => {
      if (message !== 'ready' && worker.onExit === null && message.outcome === 'crash') this.strays.push({ caseId: message.id, message: message.message ?? '' });
    });
    return worker;
  }

  private async stop(slot: number, signal: NodeJS.Signals): Promise<void> {
    const worker = this.slots[slot];
    this.slots[slot] = null;
    if (!worker || worker.child.exitCode !== null || worker.child.signalCode !== null) return;
    worker.onExit = null;
    await new Promise<void>((resolve) => {
      worker.child.once('exit', () => resolve());
      worker.child.kill(signal);
    });
  }

  private async dispatch(slot: number, job: Job): Promise<PoolResult> {
    if (job.fresh && this.slots[slot]) await this.stop(slot, 'SIGKILL');
    const worker = (this.slots[slot] ??= this.spawn());
    await worker.ready;
    const { request } = job;
    const limit = this.options.rssLimitMb * MB;
    const started = performance.now();
    let peak = 0;
    return new Promise<PoolResult>((resolve) => {
      let settled = false;
      const finish = (outcome: Outcome, message: string | undefined, replace: keyof CasePool['restarts'] | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearInterval(poll);
        worker.child.off('message', onReply);
        worker.onExit = null;
        const result: PoolResult = { caseId: request.id, outcome, ...(message !== undefined ? { message } : {}), ms: performance.now() - started, peakRssMb: peak / MB };
        if (replace) {
          this.restarts[replace]++;
          void this.stop(slot, 'SIGKILL').then(() => resolve(result));
        } else resolve(result);
      };
      const onReply = (reply: CaseReply | 'ready') => {
        if (reply === 'ready' || reply.id !== request.id) return;
        peak = Math.max(peak, reply.rssBytes);
        finish(reply.outcome, reply.message, reply.rssBytes > limit / 2 ? 'recycled' : null);
      };
      worker.child.on('message', onReply);
      worker.onExit = (code, signal) => {
        const outOfHeap = /heap out of memory|Reached heap limit|Allocation failed/.test(worker.stderr);
        const why = `the worker process died (${signal ?? `exit code ${code}`}): ${worker.stderr.trim().split('\n').slice(-2).join(' | ').slice(0, 300)}`;
        finish(outOfHeap ? 'blow-up' : 'crash', why, outOfHeap ? 'blow-up' : 'died');
      };
      const timer = setTimeout(() => finish('hang', `no answer within ${job.timeoutMs} ms`, 'hang'), job.timeoutMs);
      const poll = setInterval(() => {
        const rss = residentBytes(worker.child.pid!);
        if (rss === null) return;
        peak = Math.max(peak, rss);
        if (rss > limit) finish('blow-up', `resident memory ${(rss / MB).toFixed(0)} MB passed the ${this.options.rssLimitMb} MB limit`, 'blow-up');
      }, POLL_MS);
      worker.stderr = '';
      worker.child.send(request);
    });
  }
}
