import { isChorusJson, readChorusJson } from './chorusJson';
import { isLongCsv, readLongCsv } from './csvLong';
import { headerNames } from './csvHeader';
import { withChoices } from './mappingError';
import { extensionIn, readerInfo } from './readerCatalog';
import type { FileReader } from './reader';
import { wholeText } from './source';

/** Text formats, parsed whole from their text (and synchronously too: openDataset). */

export const chorusJsonReader: FileReader = {
  ...readerInfo('chorus-json'),
  reads: 'file',
  canOpen: (probe) => isChorusJson(probe.text),
  readText: (text, file) => ({ dataset: readChorusJson(text, file), warnings: [] }),
  // The file describes itself: nothing for the dialog to map, and its errors offer no choices.
  open: async (group) => ({ dataset: readChorusJson(wholeText(group.files[0]!), group.name), warnings: [], detected: {}, choices: {} }),
};

const longCsv = readerInfo('long-csv');

export const longCsvReader: FileReader = {
  ...longCsv,
  reads: 'file',
  canOpen: (probe) => isLongCsv(probe.text, probe.mapping.columns),
  // Another table: read as the long format, whose reader names the columns it misses (the dialog then
  // offers the header's columns for each role).
  canTry: (probe) => extensionIn(probe.name, longCsv.extensions) !== undefined && headerNames(probe.text).length >= 3,
  readText: (text, file, mapping) => readLongCsv(text, file, mapping.columns),
  open: async (group, { mapping }) => {
    const text = wholeText(group.files[0]!);
    // The header's names, for the dialog's column selectors.
    const choices = { columns: headerNames(text) };
    const { dataset, warnings } = await withChoices(choices, () => readLongCsv(text, group.name, mapping.columns));
    return { dataset, warnings, detected: {}, choices };
  },
};
