import { describe, expect, it } from 'vitest';
import { layoutCaption } from '../../../shared/story/captionLayout';

// Every character 10 pixels wide, bold ones 12: a surface whose widths are known.
const measure = (text: string, style: { bold: boolean }) => text.length * (style.bold ? 12 : 10);
const rowText = (row: { runs: readonly { text: string }[] }) => row.runs.map((r) => r.text).join('');

describe('caption layout', () => {
  it('keeps the caption’s line breaks and breaks long lines between words, no row wider than the width', () => {
    const rows = layoutCaption('one two three four five six\nseven', 120, measure);
    expect(rows.map(rowText)).toEqual(['one two', 'three four', 'five six', 'seven']);
    for (const row of rows) expect(row.width).toBeLessThanOrEqual(120);
    expect(rows[0]!.width).toBe(70);
  });

  it('carries bold and italic across a break and places runs where they start', () => {
    const rows = layoutCaption('a **bold run here** and *more*', 130, measure);
    expect(rows.map(rowText)).toEqual(['a bold run', 'here and', 'more']);
    expect(rows[0]!.runs).toEqual([
      { text: 'a ', bold: false, italic: false, x: 0 },
      { text: 'bold run', bold: true, italic: false, x: 20 },
    ]);
    expect(rows[1]!.runs[0]).toMatchObject({ text: 'here', bold: true, x: 0 });
    expect(rows[2]!.runs).toEqual([{ text: 'more', bold: false, italic: true, x: 0 }]);
  });

  it('gives a word longer than the width a row of its own, and an empty line an empty row', () => {
    const rows = layoutCaption('hi extraordinarily long\n\nend', 60, measure);
    expect(rows.map(rowText)).toEqual(['hi', 'extraordinarily', 'long', '', 'end']);
  });
});
