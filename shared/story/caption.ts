/**
 * A caption's text as lines of styled runs. The markup is deliberately small and never HTML (a story
 * file cannot inject markup into the page): `**bold**`, `*italic*` (either may hold the other), a line
 * break for a new line, and `\*` for a literal asterisk. An unclosed marker is kept as text.
 */
export interface CaptionRun {
  readonly text: string;
  readonly bold: boolean;
  readonly italic: boolean;
}
export type CaptionLine = readonly CaptionRun[];

export function captionLines(caption: string): CaptionLine[] {
  return caption.replace(/\r\n?/g, '\n').split('\n').map(lineRuns);
}

/** The caption as plain text (markers removed): what a screen reader and the presenter's list read. */
export function captionText(caption: string): string {
  return captionLines(caption)
    .map((line) => line.map((run) => run.text).join(''))
    .join('\n');
}

interface Token {
  readonly kind: 'text' | '**' | '*';
  readonly text: string;
}

function tokens(line: string): Token[] {
  const out: Token[] = [];
  let text = '';
  for (let k = 0; k < line.length; k++) {
    const c = line[k]!;
    if (c === '\\' && line[k + 1] === '*') {
      text += '*';
      k++;
    } else if (c === '*') {
      if (text) out.push({ kind: 'text', text });
      text = '';
      if (line[k + 1] === '*') {
        out.push({ kind: '**', text: '**' });
        k++;
      } else out.push({ kind: '*', text: '*' });
    } else text += c;
  }
  if (text) out.push({ kind: 'text', text });
  return out;
}

function lineRuns(line: string): CaptionRun[] {
  const list = tokens(line);
  // A marker counts only when a later marker of its kind closes it; an unmatched one is text.
  const closes = new Map<number, number>();
  const open: Partial<Record<'**' | '*', number>> = {};
  list.forEach((token, k) => {
    if (token.kind === 'text') return;
    const at = open[token.kind];
    if (at === undefined) open[token.kind] = k;
    else {
      closes.set(at, k);
      closes.set(k, at);
      delete open[token.kind];
    }
  });
  const runs: CaptionRun[] = [];
  let bold = false;
  let italic = false;
  const push = (text: string) => {
    const last = runs[runs.length - 1];
    if (last && last.bold === bold && last.italic === italic) runs[runs.length - 1] = { text: last.text + text, bold, italic };
    else runs.push({ text, bold, italic });
  };
  list.forEach((token, k) => {
    if (token.kind === 'text' || !closes.has(k)) push(token.text);
    else if (token.kind === '**') bold = !bold;
    else italic = !italic;
  });
  return runs;
}
