import type { OrderRule } from '../../shared/dataset/sessionOrder';
import { useEffect, useState } from 'react';
import { AXIS_NAMES, LONG_CSV_ROLES, parseMapping, type AxisName, type DatasetMapping, type EpochWindowSpec } from '../../shared/formats/mapping';
import { readerInfo, type ReaderId } from '../../shared/formats/readerCatalog';
import { download, pickJsonFile } from '../platform/download';
import { datasetDialogStore, mappingPresets, presetOf, useDatasetDialog } from '../state/datasetDialogStore';
import { isolated } from './isolated';
import { ModalDialog } from './ModalDialog';
import { AnalysisChoicesFields } from './AnalysisChoicesFields';
import { EMPTY_CHOICES_DRAFT, checkedChoices, type AnalysisChoicesDraft } from '../state/analysisChoices';
import type { AnalysisChoices } from '../../shared/analysis/settings';

interface Props {
  /** Read the files again with this mapping and show what was found. */
  onPreview(mapping: DatasetMapping): void;
  onOpen(mapping: DatasetMapping, dropSilent: boolean, choices: AnalysisChoices): void;
  /** Whether a dataset is on screen (it stays whatever happens here). */
  hasDataset: boolean;
  onCancel(): void;
}

/** The caption's words for how the sessions were ordered (shared/dataset/sessionOrder.ts: the same rule as the CLI's). */
const ORDER_RULES: Record<OrderRule, string> = {
  given: '(the orders given)',
  'recording date': '(by recording date in the files)',
  name: '(by name: not every file says when it was recorded)',
};

/**
 * Every opening passes through here: what was found (neurons, sessions, trials per condition, epochs,
 * warnings) and how the files are read (response, axes, stimulus, choice, conditions and order of the
 * sessions, epoch windows, sample rate), editable, with presets saved in settings or as a file.
 */
export function DatasetDialog({ onPreview, onOpen, onCancel, hasDataset }: Props) {
  const files = useDatasetDialog((s) => s.files);
  const status = useDatasetDialog((s) => s.status);
  const progress = useDatasetDialog((s) => s.progress);
  const preview = useDatasetDialog((s) => s.preview);
  const errors = useDatasetDialog((s) => s.errors);
  const choices = useDatasetDialog((s) => s.choices);
  const found = useDatasetDialog((s) => s.found);
  const sent = useDatasetDialog((s) => s.mapping);
  const presetReaders = useDatasetDialog((s) => s.presetReaders);
  const dropSilent = useDatasetDialog((s) => s.dropSilent);
  const [draft, setDraft] = useState<DatasetMapping>(sent);
  const [note, setNote] = useState<string | null>(null);
  const [choicesDraft, setChoicesDraft] = useState<AnalysisChoicesDraft>(EMPTY_CHOICES_DRAFT);

  // The draft follows what the worker applied (detected fields filled in) after each preview.
  useEffect(() => setDraft(preview?.mapping ?? sent), [preview, sent]);
  // New files, new choices: a value of the last dataset's stimulus may not exist in this one.
  useEffect(() => setChoicesDraft(EMPTY_CHOICES_DRAFT), [files]);
  if (!files) return null;
  const checked = preview ? checkedChoices(choicesDraft, preview.neurons) : null;
  const choicesProblem = checked && 'problem' in checked ? { text: checked.problem, field: checked.field } : null;

  const apply = (next: DatasetMapping) => {
    setDraft(next);
    onPreview(next);
  };
  const set = <K extends keyof DatasetMapping>(key: K, value: DatasetMapping[K] | undefined, now = true) => {
    const next = { ...draft } as Record<string, unknown>;
    if (value === undefined) delete next[key];
    else next[key] = value;
    if (now) apply(next as DatasetMapping);
    else setDraft(next as DatasetMapping);
  };
  // What the readers of these files need mapped (readerCatalog.ts), never their display labels.
  const readers = (preview?.readers ?? []).map(readerInfo);
  const anyReaderMaps = (kind: 'none' | 'columns' | 'roles') => readers.some((reader) => reader.mapping === kind);
  // Long CSV: its mapping is which column holds each role (also when the roles could not be found: then
  // only the long format offers columns without events or variables).
  const longCsv = anyReaderMaps('columns') || (!preview && (choices.columns?.length ?? 0) > 0 && (choices.variables?.length ?? 0) === 0 && (choices.events?.length ?? 0) === 0);
  const responses = choices.responses ?? [];
  // Before anything was detected (ambiguous axes, say), the first response-like array is the one shown.
  const responseName = draft.response ?? responses[0];
  const variable = choices.variables?.find((v) => v.name === responseName);
  const stimulusOptions = choices.columns?.length ? choices.columns : (choices.variables ?? []).filter((v) => v.name !== draft.response).map((v) => v.name);
  const events = choices.events ?? [];
  const usesRate =
    readers.some((reader) => reader.needsSampleRate) ||
    (draft.response !== undefined && draft.response.startsWith('/processing')) ||
    errors.some((issue) => issue.code === 'missing-sample-rate' || issue.code === 'epoch-without-frames') ||
    // A rate once entered stays editable: a later, different error used to hide the field with its value.
    draft.sampleRate !== undefined;
  const epochs = draft.epochs ?? [];
  const setEpoch = (k: number, change: Partial<EpochWindowSpec>, now = false) => set('epochs', epochs.map((w, j) => (j === k ? { ...w, ...change } : w)), now);
  const sessions = preview?.sessions ?? [];
  const sessionEntry = (source: string) => draft.sessions?.find((s) => s.source === source);
  const setSession = (source: string, change: { condition?: string; order?: number }) => {
    const others = (draft.sessions ?? []).filter((s) => s.source !== source);
    set('sessions', [...others, { ...sessionEntry(source), source, ...change }], false);
  };
  // Sessions of sources mapped role by role; a Chorus dataset or a long CSV names its own.
  const editableSessions = sessions.length > 0 && new Set(sessions.map((s) => s.name)).size === sessions.length && readers.every((reader) => reader.mapping === 'roles');
  // Whether the files offer anything to choose: an NWB 1.x file offers nothing, and gets no empty box.
  const adjustable = responses.length > 0 || stimulusOptions.length > 0 || (choices.variables?.length ?? 0) > 0 || events.length > 0 || usesRate || editableSessions;

  const savePreset = () => {
    if (!preview) return;
    const preset = presetOf(draft);
    mappingPresets.save(preview.readers, preset);
    download(new Blob([`${JSON.stringify(preset, null, 2)}\n`], { type: 'application/json' }), `${preview.name.replace(/[^\w.-]+/g, '_')}.chorus-mapping.json`);
    setNote(`Saved: files read as ${preview.formatLabel} will open with this mapping; the preset file was downloaded too.`);
  };
  const loadPreset = () =>
    pickJsonFile((name, text) => {
      try {
        apply({ ...parseMapping(text, name), ...(draft.sessions ? { sessions: draft.sessions } : {}) });
        setNote(`Preset ${name} applied.`);
      } catch (error) {
        setNote((error as Error).message);
      }
    });

  return (
    <ModalDialog titleId="dataset-dialog-title" title="Open dataset" onEscape={onCancel} focusKey={files}>
      <p className="dialog-files">
        {files.length === 1 ? <bdi>{files[0]!.name}</bdi> : <>{files.length} files: <Names values={files.map((f) => f.name).slice(0, 6)} />{files.length > 6 ? ', …' : ''}</>}
      </p>

      {status === 'reading' && (
        <div className="dialog-reading">
          <progress aria-label="Reading files" max={progress?.total || 1} value={progress?.done ?? 0} />
          <span>{progress?.step ?? 'reading'}…</span>
        </div>
      )}
      {status === 'failed' && (
        <div role="alert" className="dialog-errors" aria-label="Problems reading the files">
          <p>
            Could not read {files.length === 1 ? <bdi>{files[0]!.name}</bdi> : 'these files'} this way{hasDataset ? '; the previous dataset stays loaded' : ''}.{' '}
            {adjustable ? 'Change how they are read below, or cancel.' : 'Nothing in them can be mapped otherwise: cancel, or choose other files.'}
          </p>
          <ul>
            {errors.slice(0, 8).map((issue, k) => (
              <li key={k}>{issue.text}</li>
            ))}
          </ul>
          {found && (
            <section className="dialog-found" aria-label="Found in the files">
              <p>
                Found: <bdi>{found.format}</bdi>
              </p>
              <ul>
                {found.facts.map((fact, k) => (
                  <li key={k}>{fact}</li>
                ))}
              </ul>
            </section>
          )}
          {!dropSilent && errors.some((issue) => issue.code === 'silent-neuron') && (
            <button type="button" onClick={() => (datasetDialogStore.setState({ dropSilent: true }), onPreview(draft))}>
              Load without silent neurons
            </button>
          )}
        </div>
      )}
      {presetReaders && (
        <p className="dialog-note">
          Using your saved mapping for {labelsOf(presetReaders)}.{' '}
          <button type="button" onClick={() => (mappingPresets.forget(presetReaders), datasetDialogStore.setState({ presetReaders: null }), apply({ chorusMapping: 1 }))}>
            Forget saved mapping
          </button>
        </p>
      )}

      {preview && status !== 'failed' && (
        <section aria-label="What was found" className="dialog-preview">
          <dl>
            <dt>Format</dt>
            <dd>{preview.formatLabel}</dd>
            <dt>Neurons</dt>
            <dd>{preview.neurons}</dd>
            <dt>Sessions</dt>
            <dd>{preview.sessions.length}</dd>
            <dt>Trials per condition</dt>
            <dd>
              {Object.entries(preview.trialsPerCondition).map(([c, n], k) => (
                <span key={k}>
                  {k > 0 && ', '}
                  <bdi>{c}</bdi> {n}
                </span>
              ))}
            </dd>
            <dt>Stimulus values</dt>
            <dd>{preview.stimulusValues.join(', ')}</dd>
            <dt>Epochs</dt>
            <dd>
              <Names values={preview.epochs} />
            </dd>
            <dt>Choices</dt>
            <dd>{preview.hasChoice ? 'yes' : 'none'}</dd>
          </dl>
          {preview.warnings.length > 0 && (
            <details>
              <summary>{preview.warnings.length} note(s) on how the files were read</summary>
              <ul>
                {preview.warnings.map((line, k) => (
                  <li key={k}>{line}</li>
                ))}
              </ul>
            </details>
          )}
        </section>
      )}

      {preview && status !== 'failed' && (
        <AnalysisChoicesFields stimulusValues={preview.stimulusValues} value={choicesDraft} onChange={setChoicesDraft} problem={choicesProblem} />
      )}

      {adjustable && (
      <fieldset className="dialog-mapping" disabled={status === 'reading'}>
        <legend>How to read the files</legend>
        {responses.length > 0 && (
          <label>
            Response
            <select value={draft.response ?? ''} onChange={(e) => set('response', e.target.value || undefined)}>
              {draft.response === undefined && <option value="">(detect)</option>}
              <Options values={responses} />
            </select>
          </label>
        )}
        {variable && variable.shape.length >= 2 && (
          <fieldset className="dialog-axes">
            <legend>
              Axes of <bdi>{variable.name}</bdi>
            </legend>
            {variable.shape.map((size, k) => (
              <label key={k}>
                Axis {k + 1} ({size})
                <select
                  value={draft.axes?.[k] ?? ''}
                  onChange={(e) => {
                    const axes = variable.shape.map((_, j) => (j === k ? e.target.value : (draft.axes?.[j] ?? ''))) as AxisName[];
                    const next = { ...draft, response: variable.name, axes };
                    // The preview runs once every axis is named.
                    if (axes.every((a) => a)) apply(next);
                    else setDraft(next);
                  }}
                >
                  <option value="">(choose)</option>
                  <Options values={AXIS_NAMES} />
                </select>
              </label>
            ))}
          </fieldset>
        )}
        {longCsv && (
          <fieldset className="dialog-axes">
            <legend>Columns</legend>
            {LONG_CSV_ROLES.map((role) => (
              <label key={role}>
                {role}
                <select
                  aria-label={`Column for ${role}`}
                  value={draft.columns?.[role] ?? ''}
                  onChange={(e) => {
                    const columns = { ...draft.columns } as Record<string, string>;
                    if (e.target.value) columns[role] = e.target.value;
                    else delete columns[role];
                    set('columns', Object.keys(columns).length > 0 ? columns : undefined);
                  }}
                >
                  <option value="">(named {role})</option>
                  <Options values={choices.columns ?? []} />
                </select>
              </label>
            ))}
          </fieldset>
        )}
        {anyReaderMaps('none') && <p className="panel-note">A Chorus dataset says itself how it is read: nothing to map.</p>}
        {stimulusOptions.length > 0 && !longCsv && (
          <label>
            Stimulus
            <select value={draft.stimulus ?? ''} onChange={(e) => set('stimulus', e.target.value || undefined)}>
              <option value="">(detect)</option>
              <Options values={stimulusOptions} />
            </select>
          </label>
        )}
        {stimulusOptions.length > 0 && !longCsv && (
          <label>
            Choice
            <select value={draft.choice === null ? '(none)' : (draft.choice ?? '')} onChange={(e) => set('choice', e.target.value === '(none)' ? null : e.target.value || undefined)}>
              <option value="">(detect)</option>
              <option value="(none)">none</option>
              <Options values={stimulusOptions} />
            </select>
          </label>
        )}
        {usesRate && (
          <label>
            Sample rate (Hz)
            <input type="number" min="0" step="any" value={draft.sampleRate ?? ''} onChange={(e) => set('sampleRate', e.target.value === '' ? undefined : Number(e.target.value), false)} onBlur={() => apply(draft)} />
          </label>
        )}
        {readers.some((reader) => reader.labelledUnits) && (
          <label>
            Units
            <select value={draft.units ?? 'good'} onChange={(e) => set('units', e.target.value as 'good' | 'all')}>
              <option value="good">clusters labelled good</option>
              <option value="all">all clusters but noise</option>
            </select>
          </label>
        )}
        {events.length > 0 && (
          <fieldset className="dialog-epochs">
            <legend>Epoch windows (seconds around a trial event)</legend>
            {epochs.length === 0 && <p>Automatic: between consecutive trial events.</p>}
            {epochs.map((w, k) => (
              <div key={k} className="dialog-epoch" role="group" aria-label={`Epoch window ${k + 1}`}>
                <label>
                  Name
                  <input value={w.name} onChange={(e) => setEpoch(k, { name: e.target.value })} />
                </label>
                <label>
                  Event
                  <select value={w.event} onChange={(e) => setEpoch(k, { event: e.target.value })}>
                    <Options values={events} />
                  </select>
                </label>
                <label>
                  From (s)
                  <input type="number" step="any" value={w.start} onChange={(e) => setEpoch(k, { start: Number(e.target.value) })} />
                </label>
                <label>
                  To (s)
                  <input type="number" step="any" value={w.end} onChange={(e) => setEpoch(k, { end: Number(e.target.value) })} />
                </label>
                <button type="button" aria-label={`Remove epoch window ${k + 1}`} onClick={() => set('epochs', epochs.length > 1 ? epochs.filter((_, j) => j !== k) : undefined, false)}>
                  Remove
                </button>
              </div>
            ))}
            <button type="button" onClick={() => set('epochs', [...epochs, { name: `epoch ${epochs.length + 1}`, event: events[0]!, start: 0, end: 0.5 }], false)}>
              Add epoch window
            </button>
          </fieldset>
        )}
        {editableSessions && (
          <table className="dialog-sessions">
            <caption>Sessions, in learning order {ORDER_RULES[preview!.orderRule]}</caption>
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col">Recorded</th>
                <th scope="col">Trials</th>
                <th scope="col">Condition</th>
                <th scope="col">Order</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.name}>
                  <td>
                    <bdi>{s.name}</bdi>
                  </td>
                  <td>{s.recordedAt ?? '—'}</td>
                  <td>{s.trials}</td>
                  <td>
                    <input aria-label={`Condition of ${s.name}`} value={sessionEntry(s.name)?.condition ?? s.condition} onChange={(e) => setSession(s.name, { condition: e.target.value })} />
                  </td>
                  <td>
                    <input aria-label={`Order of ${s.name}`} type="number" value={sessionEntry(s.name)?.order ?? s.order} onChange={(e) => setSession(s.name, { order: Number(e.target.value) })} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </fieldset>
      )}
      {note && <p className="dialog-note" role="status">{note}</p>}
      <div className="dialog-actions">
        <button type="button" onClick={() => apply(draft)} disabled={status === 'reading'}>
          Update preview
        </button>
        <button type="button" onClick={savePreset} disabled={status !== 'ready'}>
          Save preset
        </button>
        <button type="button" onClick={loadPreset}>
          Load preset…
        </button>
        <span className="spacer" />
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => checked && 'choices' in checked && onOpen(draft, dropSilent, checked.choices)}
          disabled={status !== 'ready' || !checked || 'problem' in checked}
        >
          Open
        </button>
      </div>
    </ModalDialog>
  );
}

const labelsOf = (readers: readonly ReaderId[]) => readers.map((id) => readerInfo(id).label).join(', ');

/** One <option> per value, labelled with the value itself (isolated: see isolated.ts). */
function Options({ values }: { values: readonly string[] }) {
  return (
    <>
      {values.map((value) => (
        <option key={value} value={value}>
          {isolated(value)}
        </option>
      ))}
    </>
  );
}

/** Names from the files, comma-separated, each isolated from the others and from the text around them. */
function Names({ values }: { values: readonly string[] }) {
  return (
    <>
      {values.map((value, k) => (
        <span key={k}>
          {k > 0 && ', '}
          <bdi>{value}</bdi>
        </span>
      ))}
    </>
  );
}
