import type { WorkerReply, WorkerRequest } from './protocol';

export type ExportReply = Extract<WorkerReply, { kind: 'export' | 'export-failed' }>;
import type { ChosenFile } from '../platform/chosenFiles';
import { EMPTY_MAPPING, datasetMappingSchema, type DatasetMapping } from '../../shared/formats/mapping';
import { datasetDialogStore, mappingPresets } from '../state/datasetDialogStore';
import { viewActions, viewStore } from '../state/viewStore';
import { sceneActions } from '../state/sceneStore';
import { shownFilesStore } from '../state/shownFiles';
import { explorerStore } from '../state/explorerStore';
import type { HypothesisOptions } from '../../shared/simulate/hypotheses';
import { NO_ANALYSIS_CHOICES, type AnalysisChoices } from '../../shared/analysis/settings';
import type { Timeline } from '../../shared/network/timeline';
import { decodeTimelineFile, type TimelineFileContent } from '../../shared/network/timelineFile';
import { DEMO_TIMELINE_FILE } from '../../shared/network/shippedDemo';
import { DEMO_SEED } from '../../shared/simulate/learningDemo';
import { afterFirstNetworkFrame } from '../scene/firstNetworkFrame';
import { pageBackend } from '../gpu/pageBackend';

/**
 * Owns two analysis workers: one for the dataset on screen (its analysis and statistics pass) and one
 * for the dataset dialog's reads. A reader loops synchronously over a file (a 200 MB CSV parses in one
 * call), so a cancel message cannot reach it: cancelling a preview ends its worker, which frees whatever
 * it read, and the shown dataset's worker is never disturbed. "Open" after a preview hands the dialog's
 * worker, with the dataset it read, the job, so a large file is not read twice. One job at a time per
 * worker: a new request cancels the running one. On failure the current timeline stays on screen and
 * the problem is shown as a notice.
 */
export class AnalysisClient {
  private shownWorker: Worker | null = null;
  private dialogWorker: Worker | null = null;
  private nextJob = 1;
  private running: number | null = null;

  /** The shown dataset's worker, started on first use (and again after dispose, as React's development remount does). */
  private get worker(): Worker {
    this.shownWorker ??= this.spawn('The analysis stopped unexpectedly');
    return this.shownWorker;
  }

  /** The dialog's worker, started on first use. */
  private get reader(): Worker {
    this.dialogWorker ??= this.spawn('Reading the files stopped unexpectedly');
    return this.dialogWorker;
  }

  private spawn(failure: string): Worker {
    // The page's ?backend= (auto unless asked: pageBackend.ts) travels in the worker's name to its frame workers.
    const worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: `chorus analysis backend=${pageBackend(location.search)}` });
    worker.addEventListener('message', (event: MessageEvent<WorkerReply>) => this.receive(event.data));
    worker.addEventListener('error', (event) => {
      if (worker === this.dialogWorker) {
        this.previewJob = null;
        datasetDialogStore.setState({ status: 'failed', errors: [{ text: `${failure}: ${event.message || 'worker error'}` }], progress: null });
        return;
      }
      this.finish();
      viewActions.setNotice({ kind: 'error', title: failure, lines: [event.message || 'worker error'] });
    });
    return worker;
  }

  /** Ends the dialog's worker: whatever it was reading stops, and whatever it read is freed. */
  private endDialogWorker(): void {
    this.dialogWorker?.terminate();
    this.dialogWorker = null;
    this.previewJob = null;
  }

  /** Ends both workers and their frame workers (with every dataset copy they hold); the owner calls this on unmount. */
  dispose(): void {
    this.shownWorker?.terminate();
    this.shownWorker = null;
    this.endDialogWorker();
    this.running = null;
    this.statisticsJob = null;
    this.pending.clear();
  }

  /**
   * The hypothesis explorer: simulate and show one model (a new call cancels the one before); with
   * `statistics` (the model kept as the dataset), its statistics pass follows.
   */
  explore(options: HypothesisOptions, compare: boolean, statistics = false): void {
    explorerStore.setState({ requestedAt: performance.now(), otherPoints: compare ? explorerStore.getState().otherPoints : null });
    this.start(`hypothesis: ${options.model}`, (job) => ({ kind: 'simulate', job, options, compare, statistics }));
  }

  /**
   * The simulated learning demo. For the demo the app opens with, the point-estimate timeline built with
   * the app is drawn as soon as it arrives; the worker repeats that pass meanwhile, since the statistics
   * pass starts from its plans.
   */
  loadDemo(seed = DEMO_SEED): void {
    const shipped = seed === DEMO_SEED ? fetchShippedDemo() : null;
    this.start(DEMO_LABEL, (job) => ({ kind: 'demo', job, seed }), undefined, shipped ? (job) => this.showShippedDemo(job, shipped) : undefined);
  }

  /** The job whose shipped timeline is on screen while its worker's first pass runs. */
  private shippedShown: number | null = null;

  /**
   * Shows the shipped demo, then waits for its first frame before the worker starts: on 2 cores with
   * software WebGL, the worker's start-up would otherwise take the core that draws it.
   */
  private async showShippedDemo(job: number, shipped: Promise<TimelineFileContent | null>): Promise<void> {
    const content = await shipped;
    // Nothing shipped (a build without the file), or another dataset was asked for meanwhile.
    if (!content || this.running !== job) return;
    this.shippedShown = job;
    shownFilesStore.setState({ files: null });
    viewActions.showTimeline(content.timeline, content.source);
    viewActions.setNotice(content.warnings.length > 0 ? { kind: 'warning', title: `Loaded ${DEMO_LABEL} with warnings`, lines: [...content.warnings] } : null);
    const label = `${DEMO_LABEL}: the first pass for its statistics`;
    this.pending.set(job, { label, retryWithoutSilent: undefined, files: null });
    viewActions.setJob({ id: job, label, done: 0, total: 1, step: 'starting' });
    await afterFirstNetworkFrame(3000);
  }

  /**
   * Chosen files go to the dataset dialog first: it previews them with the detected mapping. Saved results
   * (a results folder or a results JSON file from chorus analyze or merge) are drawn as they are.
   */
  choose(files: readonly ChosenFile[]): void {
    if (files.length === 0) return;
    void holdsResults(files).then((results) => (results ? this.openResults(files) : this.showDialog(files)));
  }

  /** Saved results, drawn without recomputing (the network of each frame's strongest links, and the summary). */
  openResults(files: readonly ChosenFile[]): void {
    this.closeDialog();
    const manifest = files.find((f) => /(^|\/)results\.json$/.test(f.name)) ?? files[0]!;
    const where = manifest.name.includes('/') ? manifest.name.slice(0, manifest.name.lastIndexOf('/') + 1) : manifest.name;
    this.start(`saved results ${where}`, (job) => ({ kind: 'results', job, files: files.map((f) => ({ name: f.name, blob: f.blob })) }), undefined, undefined, files, 'Opening');
  }

  private showDialog(files: readonly ChosenFile[]): void {
    datasetDialogStore.setState({ files, mapping: EMPTY_MAPPING, status: 'reading', progress: null, preview: null, errors: [], found: null, choices: {}, presetReaders: null, dropSilent: false });
    this.preview(EMPTY_MAPPING);
  }

  /** Reads the dialog's files with this mapping and reports what was found (nothing is analysed). */
  preview(mapping: DatasetMapping): void {
    const { files, dropSilent } = datasetDialogStore.getState();
    if (!files) return;
    // An impossible edit (an epoch that ends before it starts, an empty name) is said in the dialog.
    const checked = datasetMappingSchema.safeParse(mapping);
    if (!checked.success) {
      const errors = checked.error.issues.map((issue) => ({ text: `${issue.path.map(String).join('.') || 'mapping'}: ${issue.message}` }));
      datasetDialogStore.setState({ status: 'failed', errors });
      return;
    }
    // A read still running cannot see a cancel message: its worker ends and a fresh one reads.
    if (this.previewJob !== null) this.endDialogWorker();
    const job = this.nextJob++;
    this.previewJob = job;
    datasetDialogStore.setState({ mapping, status: 'reading', progress: null, errors: [], found: null });
    this.reader.postMessage({ kind: 'preview', job, files: files.map((f) => ({ name: f.name, blob: f.blob })), mapping, dropSilent } satisfies WorkerRequest);
  }

  /** Cancel: the dialog closes, its read stops and what it read is freed. */
  closeDialog(): void {
    this.endDialogWorker();
    datasetDialogStore.setState({ files: null, preview: null });
  }

  /** One file, or several as the sessions of one dataset, read with the mapping and analysed. */
  open(files: readonly ChosenFile[], mapping: DatasetMapping, dropSilent = false, choices: AnalysisChoices = NO_ANALYSIS_CHOICES): void {
    if (this.dialogWorker && this.previewJob === null) {
      // The dialog's worker holds the dataset it previewed: it becomes the shown dataset's worker.
      this.shownWorker?.terminate();
      this.shownWorker = this.dialogWorker;
      this.dialogWorker = null;
      this.running = null;
      if (this.statisticsJob !== null) viewActions.setStatistics(null, null);
      this.statisticsJob = null;
    }
    this.closeDialog();
    this.start(
      files.map((f) => f.name).join(' + '),
      (job) => ({ kind: 'open', job, files: files.map((f) => ({ name: f.name, blob: f.blob })), mapping, dropSilent, choices }),
      dropSilent ? undefined : () => this.open(files, mapping, true, choices),
      undefined,
      files,
    );
  }

  private previewJob: number | null = null;

  /** Replies to the dialog's preview job; true when the reply was one. */
  private receivePreview(reply: WorkerReply): boolean {
    if (reply.job !== this.previewJob) return false;
    if (reply.kind === 'progress') {
      datasetDialogStore.setState({ progress: { done: reply.done, total: reply.total, step: reply.step } });
      return true;
    }
    this.previewJob = null;
    if (reply.kind === 'preview') {
      const { preview } = reply;
      const state = datasetDialogStore.getState();
      // A preset saved in settings for this format applies once, to a fresh (undetected) mapping.
      const saved = mappingPresets.get(preview.readers);
      if (saved && state.presetReaders === null && JSON.stringify(state.mapping) === JSON.stringify(EMPTY_MAPPING)) {
        datasetDialogStore.setState({ presetReaders: preview.readers });
        this.preview(saved);
        return true;
      }
      datasetDialogStore.setState({ status: 'ready', preview, choices: preview.choices, progress: null });
    } else if (reply.kind === 'failed') {
      datasetDialogStore.setState((state) => ({ status: 'failed', errors: reply.issues, found: reply.found ?? null, choices: reply.choices ?? state.choices, progress: null }));
    }
    return true;
  }

  cancel(): void {
    if (this.running === null) return;
    // A job not yet sent (the demo waiting for its first frame) is dropped here; the worker never sees it.
    if (this.deferred === this.running) {
      this.deferred = null;
      this.pending.delete(this.running);
      this.finish();
      return;
    }
    this.worker.postMessage({ kind: 'cancel', job: this.running } satisfies WorkerRequest);
  }

  /** The job whose request waits for `before` (see start). */
  private deferred: number | null = null;

  /** Stops the statistics pass of the shown dataset (the network stays). */
  cancelStatistics(): void {
    if (this.statisticsJob !== null) {
      this.worker.postMessage({ kind: 'cancel', job: this.statisticsJob } satisfies WorkerRequest);
      this.statisticsJob = null;
      viewActions.setStatistics(null, null);
    }
  }

  private statisticsJob: number | null = null;

  /**
   * Ends the shown dataset's work in the background, keeping what is on screen: its statistics pass, and
   * for the demo the worker's own first pass (the shipped timeline is on screen already). Used by
   * `chorus render` when the story does not need significance; the next dataset starts a new worker.
   */
  stopBackgroundWork(): void {
    if (this.running !== null && this.shippedShown !== this.running) return; // a dataset is still being read: it is not background work
    this.shownWorker?.terminate();
    this.shownWorker = null;
    this.shippedShown = null;
    this.statisticsJob = null;
    this.pending.clear();
    this.finish();
    viewActions.setStatistics(null, null);
  }

  /** Starts a job on the shown dataset's worker; with `before`, its request is sent once that work is done. */
  private start(
    label: string,
    request: (job: number) => WorkerRequest,
    retryWithoutSilent?: () => void,
    before?: (job: number) => Promise<void>,
    files: readonly ChosenFile[] | null = null,
    action?: string,
  ): void {
    this.cancel();
    // The shown dataset's statistics pass stops: a new dataset is on its way (or, if it fails, the shown one says it has none).
    if (this.statisticsJob !== null) this.cancelStatistics();
    const job = this.nextJob++;
    this.running = job;
    this.pending.set(job, { label, retryWithoutSilent, files, ...(action ? { action } : {}) });
    viewActions.setJob({ id: job, label, done: 0, total: 1, step: 'starting', ...(action ? { action } : {}) });
    if (!before) {
      this.worker.postMessage(request(job));
      return;
    }
    this.deferred = job;
    void before(job).then(() => {
      if (this.deferred !== job) return;
      this.deferred = null;
      this.worker.postMessage(request(job));
    });
  }

  /** Each job's notice label, its retry without silent neurons, and the files it reads (null: the demo, a model). */
  private readonly pending = new Map<number, { label: string; retryWithoutSilent: (() => void) | undefined; files: readonly ChosenFile[] | null; action?: string }>();
  private readonly exports = new Map<number, (reply: ExportReply) => void>();

  /** The last statistics pass as `chorus analyze` writes it (results JSON) and its population values (CSV). */
  exportResults(): Promise<ExportReply> {
    const job = this.nextJob++;
    return new Promise((resolve) => {
      this.exports.set(job, resolve);
      this.worker.postMessage({ kind: 'export', job } satisfies WorkerRequest);
    });
  }

  private receive(reply: WorkerReply): void {
    if (reply.kind === 'export' || reply.kind === 'export-failed') {
      this.exports.get(reply.job)?.(reply);
      this.exports.delete(reply.job);
      return;
    }
    if (this.receivePreview(reply)) return;
    if (reply.kind === 'statistics-progress' || reply.kind === 'statistics' || reply.kind === 'statistics-failed') {
      if (reply.job !== this.statisticsJob) return;
      if (reply.kind === 'statistics-progress') viewActions.setStatistics(null, { done: reply.done, total: reply.total });
      else if (reply.kind === 'statistics') {
        const before = viewStore.getState().timeline;
        viewActions.showStatistics(reply.statistics, reply.timeline);
        if (before && viewStore.getState().timeline === reply.timeline) sceneActions.keepSelectionAcross(before, reply.timeline);
      }
      else {
        viewActions.setStatistics(null, null);
        viewActions.setNotice({ kind: 'warning', title: 'Statistics could not be computed', lines: [reply.message] });
      }
      if (reply.kind !== 'statistics-progress') this.statisticsJob = null;
      return;
    }
    if (reply.kind === 'hypothesis-points') {
      if (reply.job === this.running) explorerStore.setState({ otherPoints: { model: reply.model, points: reply.points } });
      return;
    }
    const { label, retryWithoutSilent, files, action } = this.pending.get(reply.job) ?? { label: '', retryWithoutSilent: undefined, files: null };
    if (reply.kind === 'progress') {
      if (reply.job === this.running) {
        viewActions.setJob({ id: reply.job, label, done: reply.done, total: reply.total, step: reply.step, ...(action ? { action } : {}) });
      }
      return;
    }
    this.pending.delete(reply.job);
    if (reply.job !== this.running) return;
    this.finish();
    if (reply.kind === 'loaded') {
      // What a story saved now names as its dataset (shownDataset.ts).
      shownFilesStore.setState({ files });
      const shipped = this.shippedShown === reply.job ? viewStore.getState().timeline : null;
      this.shippedShown = null;
      // The shipped demo stays as the user has it unless the worker computed something else (a stale file).
      if (shipped && sameWeights(shipped, reply.timeline)) {
        this.statisticsJob = reply.job;
        return;
      }
      viewActions.showTimeline(reply.timeline, reply.source);
      if (reply.source.startsWith('hypothesis')) this.shownHypothesis(reply.timeline);
      this.statisticsJob = reply.job;
      viewActions.setNotice(
        reply.warnings.length > 0 ? { kind: 'warning', title: `Loaded ${label} with warnings`, lines: reply.warnings } : null,
      );
    } else if (reply.kind === 'failed') {
      const previous = viewStore.getState().timeline !== null;
      viewActions.setNotice({
        kind: 'error',
        title: `Could not open ${label}${previous ? '; the previous dataset stays loaded' : ''}`,
        lines: reply.issues.map((issue) => issue.text),
        ...(reply.issues.some((issue) => issue.code === 'silent-neuron') && retryWithoutSilent ? { retryWithoutSilent } : {}),
      });
    }
  }

  /** A model on screen: at its last task session, where learning has done most, with the time it took. */
  private shownHypothesis(timeline: Timeline): void {
    const task = timeline.comparison?.task ?? 0;
    viewActions.showSession(task, timeline.sessionsPerCondition[task]! - 1);
    const { requestedAt } = explorerStore.getState();
    if (requestedAt !== null) explorerStore.setState({ lastUpdateMs: performance.now() - requestedAt, requestedAt: null });
  }

  private finish(): void {
    this.running = null;
    viewActions.setJob(null);
  }
}

const DEMO_LABEL = 'Simulated learning demo';

/** Whether the files are saved results: a JSON file among them says `"format": "chorus-results"` near its start. */
async function holdsResults(files: readonly ChosenFile[]): Promise<boolean> {
  for (const file of files.filter((f) => /\.json$/i.test(f.name)).slice(0, 20)) {
    const head = await file.blob.slice(0, 200).text();
    if (/"format"\s*:\s*"chorus-results"/.test(head)) return true;
  }
  return false;
}

/** The demo's point-estimate timeline shipped beside index.html, or null where this build has none. */
async function fetchShippedDemo(): Promise<TimelineFileContent | null> {
  try {
    const response = await fetch(new URL(DEMO_TIMELINE_FILE, document.baseURI));
    if (!response.ok) return null;
    return decodeTimelineFile(await response.arrayBuffer(), DEMO_TIMELINE_FILE);
  } catch {
    return null; // The worker's own pass shows the demo a few seconds later.
  }
}

/** The same pairs with the same weights in every frame. */
function sameWeights(a: Timeline, b: Timeline): boolean {
  const same = (x: ArrayLike<number>, y: ArrayLike<number>) => x.length === y.length && Array.prototype.every.call(x, (v: number, i: number) => Object.is(v, y[i]));
  return a.frames.length === b.frames.length && same(a.edges, b.edges) && same(a.edgeWeights, b.edgeWeights) && same(a.nodeWeights, b.nodeWeights);
}
