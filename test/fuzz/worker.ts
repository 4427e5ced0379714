// One fuzz worker process (bundled by scripts/fuzz.mjs and the fuzz unit test, forked by CasePool):
// reads the cases it is sent one at a time and answers with each one's outcome. The parent watches the
// time and memory of each case and kills this process when one hangs or blows up.
import { describeError, runCase, type CaseReply, type CaseRequest } from './outcome';
import { targetById } from './targets';

const send = (reply: CaseReply) => process.send!(reply);
let current: number | null = null;
let last = -1;

// A reader's stray promise that rejects after its case was answered still marks that case as a crash.
const stray = (error: unknown) => send({ id: current ?? last, outcome: 'crash', message: `unhandled after the read: ${describeError(error)}`, rssBytes: process.memoryUsage.rss() });
process.on('unhandledRejection', stray);
process.on('uncaughtException', stray);

process.on('message', (request: CaseRequest) => {
  current = request.id;
  void runCase(targetById(request.target), request.files).then((result) => {
    current = null;
    last = request.id;
    send({ id: request.id, ...result, rssBytes: process.memoryUsage.rss() });
  });
});
process.on('disconnect', () => process.exit(0));
process.send!('ready');
