// AbortSignal exists in every runtime Chorus targets (Node, browsers, workers), but the ES2022 lib that
// keeps shared/ free of DOM and Node types does not declare it. Readers ask whether it has fired; the
// engine's worker pool also listens for it. This merges with the full declaration in the rooms that have one.
// (Shared by the readers and the analysis engine: extend, do not replace.)
interface AbortSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}
