import { useId } from 'react';
import { needsDiscrimination, type AnalysisChoicesDraft } from '../state/analysisChoices';

interface Props {
  readonly stimulusValues: readonly number[];
  readonly value: AnalysisChoicesDraft;
  readonly onChange: (next: AnalysisChoicesDraft) => void;
  readonly problem: { readonly text: string; readonly field: 'discriminate' | 'neurons' } | null;
}

/**
 * The analysis choices a design may need (issue 11, item 16), as `chorus analyze --discriminate A,B
 * --neurons N` takes them: the two stimulus values to discriminate (designs of more than two unsigned
 * values) and the population size compared across sessions.
 */
export function AnalysisChoicesFields({ stimulusValues, value, onChange, problem }: Props) {
  const noteId = useId();
  const discrimination = needsDiscrimination(stimulusValues);
  const values = stimulusValues.map(String);
  return (
    <fieldset className="dialog-analysis">
      <legend>Analysis</legend>
      {discrimination && (
        <>
          <label className="field">
            <span>Discriminate stimulus</span>
            <select value={value.first} onChange={(event) => onChange({ ...value, first: event.target.value, second: event.target.value === '' ? '' : value.second })}>
              <option value="">every adjacent pair</option>
              {values.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          </label>
          {value.first !== '' && (
            <label className="field">
              <span>from stimulus</span>
              <select value={value.second} onChange={(event) => onChange({ ...value, second: event.target.value })}>
                <option value="">choose…</option>
                {values
                  .filter((v) => v !== value.first)
                  .map((v) => (
                    <option key={v} value={v}>
                      {v}
                    </option>
                  ))}
              </select>
            </label>
          )}
        </>
      )}
      <label className="field">
        <span>Neurons compared (fixed N)</span>
        <input
          type="text"
          inputMode="numeric"
          placeholder="smallest session's N"
          value={value.neurons}
          aria-invalid={problem?.field === 'neurons'}
          aria-describedby={problem ? noteId : undefined}
          onChange={(event) => onChange({ ...value, neurons: event.target.value })}
        />
      </label>
      {problem && (
        <p id={noteId} className="dialog-note" role="alert">
          {problem.text}
        </p>
      )}
    </fieldset>
  );
}
