import { describe, expect, it } from 'vitest';
import { captionLines, captionText } from '../../../shared/story/caption';

const run = (text: string, bold = false, italic = false) => ({ text, bold, italic });

describe('captionLines', () => {
  it('reads **bold**, *italic*, nested markers and line breaks', () => {
    expect(captionLines('Plain **bold** and *italic*\nsecond **line *both***')).toEqual([
      [run('Plain '), run('bold', true), run(' and '), run('italic', false, true)],
      [run('second '), run('line ', true), run('both', true, true)],
    ]);
  });

  it('keeps unclosed markers and escaped asterisks as text, and never reads HTML', () => {
    expect(captionLines('2 * 3 = 6, **not closed')).toEqual([[run('2 * 3 = 6, **not closed')]]);
    expect(captionLines('a \\*literal\\* star')).toEqual([[run('a *literal* star')]]);
    expect(captionLines('<b>x</b> & <script>')).toEqual([[run('<b>x</b> & <script>')]]);
  });

  it('gives empty lines for blank lines and CRLF breaks', () => {
    expect(captionLines('one\r\n\r\nthree')).toEqual([[run('one')], [], [run('three')]]);
    expect(captionText('**Day 1** of *learning*\nnext')).toBe('Day 1 of learning\nnext');
  });
});
