import type { ViewFile } from '../../shared/view/viewSchema';

/**
 * A valid `.chorus-view.json` (version 1) with `fields` over it: the tests and the fuzzer each start from
 * one and change what they are about. The base is of no dataset in particular: pass `dataset` and ids.
 */
export function aView(fields: Partial<ViewFile> = {}): ViewFile {
  return {
    chorusView: 1,
    dataset: 'a dataset',
    condition: 'task',
    position: 0,
    layout: 'functional',
    camera: { position: [0, 1.05, 1.75], target: [0, 0, 0] },
    filter: { mode: 'top', count: 300 },
    colourBy: 'relevance',
    selection: null,
    viewMode: 'single',
    theme: 'dark',
    ...fields,
  };
}
