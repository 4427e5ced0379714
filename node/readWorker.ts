// The CLI's read worker (bundled to dist/node/readWorker.mjs): one read — inspect a path, or open files as
// a dataset — on its own thread, so that the CLI can stop it when it stops making progress (guardedRead.ts).
// A damaged HDF5 file can send the HDF5 library into an endless loop inside WebAssembly, which nothing
// on the same thread can interrupt; a worker thread can be terminated.
import { parentPort } from 'node:worker_threads';
import { openSessionFiles } from '../shared/formats/index';
import { HDF5_LIBRARY } from '../shared/formats/hdf5/hdf5Library';
import { inputFromBytes, type InputFile } from '../shared/formats/source';
import type { ReadControl } from '../shared/formats/readControl';
import { inspectInput } from './cliInspect';
import { inputsAt } from './cli';
import { nodeFiles } from './nodeFiles';
import { answerOf, type ReadAnswer, type ReadRequest, type ReadSource } from './readRequest';

const port = parentPort!;
const files = nodeFiles();
const send = (answer: ReadAnswer) => port.postMessage(answer, answer.type === 'done' ? buffersIn(answer.value) : []);

/** The ArrayBuffers under a result (a dataset's responses), moved rather than copied to the CLI's thread. */
function buffersIn(value: unknown, found = new Set<ArrayBuffer>(), depth = 0): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) found.add(value.buffer);
  } else if (value !== null && typeof value === 'object' && depth < 8) {
    for (const item of Object.values(value)) buffersIn(item, found, depth + 1);
  }
  return [...found];
}

async function inputsOf(sources: readonly ReadSource[]): Promise<InputFile[]> {
  return (await Promise.all(sources.map((source) => ('path' in source ? inputsAt(source.path, files) : [inputFromBytes(source.name, source.bytes)])))).flat();
}

/** Each checkpoint and progress step is a heartbeat: the guard stops the read only when they stop coming. */
function control(memoryLimit: number, file: string): ReadControl {
  const current = file;
  return {
    memoryLimit,
    onProgress: () => send({ type: 'beat', file: current }),
    pause: () => {
      send({ type: 'beat', file: current });
      return new Promise((resolve) => setImmediate(resolve));
    },
  };
}

async function read(request: ReadRequest): Promise<unknown> {
  if (request.kind === 'inspect') {
    const inputs = request.sources ? await inputsOf(request.sources) : await inputsAt(request.path, files);
    return inspectInput(request.path, inputs, request.mapping, control(request.memoryLimit, request.path));
  }
  const inputs = await inputsOf(request.sources);
  const matching = request.matching ? (await inputsOf([request.matching]))[0] : undefined;
  const first = inputs[0]?.name ?? '';
  return openSessionFiles(inputs, { ...control(request.memoryLimit, first), dropSilent: request.dropSilent, mapping: request.mapping, ...(matching ? { matching } : {}) });
}

/**
 * The HDF5 library is compiled before the read starts and the guard's clock with it: compiling takes a
 * second or more on a busy machine, with no checkpoint to show for it.
 */
async function ready(): Promise<void> {
  await HDF5_LIBRARY.acquire();
  HDF5_LIBRARY.release(false);
  send({ type: 'ready' });
}

const started = ready();

// Reads one after another, as the host sends them (one at a time).
port.on('message', (request: ReadRequest) => {
  void started
    .then(() => read(request))
    .then((value) => send({ type: 'done', value }), (error: unknown) => send(answerOf(error)))
    .finally(() => files.closeAll());
});
