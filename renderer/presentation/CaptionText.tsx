import { Fragment } from 'react';
import { captionLines } from '../../shared/story/caption';

/** A caption's markup as text with <strong>, <em> and line breaks (never as HTML: see caption.ts). */
export function CaptionText({ text }: { text: string }) {
  return (
    <p>
      {captionLines(text).map((line, k) => (
        <Fragment key={k}>
          {k > 0 && <br />}
          {line.map((run, r) => {
            const content = run.italic ? <em>{run.text}</em> : run.text;
            return <Fragment key={r}>{run.bold ? <strong>{content}</strong> : content}</Fragment>;
          })}
        </Fragment>
      ))}
    </p>
  );
}
