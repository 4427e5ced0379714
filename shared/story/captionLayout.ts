import { captionLines, type CaptionRun } from './caption';

/** A piece of a caption placed on a row: its text, style and where it starts (pixels from the row's left). */
export interface PlacedRun extends CaptionRun {
  readonly x: number;
}
export interface CaptionRow {
  readonly runs: readonly PlacedRun[];
  readonly width: number;
}

/**
 * A caption broken into rows no wider than `maxWidth`, as a canvas draws it (a video's burned-in
 * caption): the caption's own line breaks are kept, and a line too long for the width breaks between
 * words; styles carry across the break. A word longer than the width gets a row of its own. `measure`
 * is the drawing surface's text width for a run's style (canvas measureText with the run's font).
 */
export function layoutCaption(caption: string, maxWidth: number, measure: (text: string, style: CaptionRun) => number): CaptionRow[] {
  const rows: CaptionRow[] = [];
  for (const line of captionLines(caption)) {
    let runs: PlacedRun[] = [];
    let x = 0;
    const close = () => {
      // A row does not end in the space it broke at.
      const last = runs[runs.length - 1];
      if (last && last.text.endsWith(' ')) {
        const text = last.text.replace(/ +$/, '');
        runs[runs.length - 1] = { ...last, text };
        x = last.x + measure(text, last);
      }
      rows.push({ runs: runs.filter((run) => run.text.length > 0), width: x });
      runs = [];
      x = 0;
    };
    for (const run of line) {
      // Words with the space after them, so a row's runs join without adding spaces.
      for (const word of run.text.match(/[^ ]+ *| +/g) ?? []) {
        const width = measure(word, run);
        if (x > 0 && x + measure(word.trimEnd(), run) > maxWidth) close();
        if (x === 0 && word.trim() === '') continue; // no row starts with a space
        const previous = runs[runs.length - 1];
        if (previous && previous.bold === run.bold && previous.italic === run.italic) runs[runs.length - 1] = { ...previous, text: previous.text + word };
        else runs.push({ text: word, bold: run.bold, italic: run.italic, x });
        x += width;
      }
    }
    close();
  }
  return rows;
}
