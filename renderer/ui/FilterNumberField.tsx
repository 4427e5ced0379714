import { useEffect, useId, useState } from 'react';
import type { FilterInput } from '../state/linkFilterInput';

interface Props {
  readonly label: string;
  readonly value: number;
  readonly step: number | 'any';
  readonly min: number;
  readonly disabled: boolean;
  /** What the typed text does (see linkFilterInput). */
  readonly read: (text: string) => FilterInput;
  readonly apply: (value: number) => void;
}

/**
 * A number field of the link filter that says what it did with what was typed: a refused value keeps
 * the one in force and says so; a clamped one is applied and explained. The typed text stays while
 * the field has the focus, and shows the value in force when it leaves.
 */
export function FilterNumberField({ label, value, step, min, disabled, read, apply }: Props) {
  const [draft, setDraft] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const messageId = useId();
  useEffect(() => setMessage(null), [disabled]);
  const onText = (text: string) => {
    setDraft(text);
    const input = read(text);
    setMessage(input.message);
    if (input.value !== null && input.value !== value) apply(input.value);
  };
  return (
    <div className="field-with-note">
      <label className="field narrow">
        <span>{label}</span>
        <input
          type="number"
          min={min}
          step={step}
          value={draft ?? value}
          disabled={disabled}
          aria-invalid={message !== null && read(draft ?? String(value)).value === null}
          aria-describedby={message ? messageId : undefined}
          onChange={(e) => onText(e.target.value)}
          onBlur={() => setDraft(null)}
          onKeyDown={(e) => e.key === 'Enter' && setDraft(null)}
        />
      </label>
      {message && (
        <p id={messageId} className="field-note" role="status">
          {message}
        </p>
      )}
    </div>
  );
}
