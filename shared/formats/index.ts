import { sessionOrder, type OrderRule } from '../dataset/sessionOrder';
import type { Dataset, DatasetIssue } from '../dataset/types';
import { DatasetError, failureIn } from '../dataset/datasetError';
import { checkSilentNeurons } from '../dataset/silentNeurons';
import { mergeSessions } from '../dataset/mergeSessions';
import { readMatchingTable } from './matchingTable';
import { EMPTY_MAPPING, mergeMappings, parseMapping, sessionLabels, type DatasetMapping } from './mapping';
import { groupInputs } from './groupInputs';
import { checkpoint, type ReadControl } from './readControl';
import { extensionIn, type ReaderId } from './readerCatalog';
import type { SourceGroup, SourceOpened } from './reader';
import { baseName, wholeText, type InputFile } from './source';
import type { MappingChoices } from './mappingError';

export type { InputFile } from './source';
export { inputFromBytes } from './source';
export { MappingError, type MappingChoices } from './mappingError';
export { groupInputs, type GroupedInputs } from './groupInputs';
export type { ReaderId } from './readerCatalog';

/**
 * The one way into Chorus for data: files (a folder's files carry its name: `plane0/F.npy`) are grouped
 * into sources — one per file, or one per Kilosort / suite2p / .npy folder — each detected by content
 * through the reader registry (registry.ts). Each source becomes the sessions of one dataset, read with
 * one mapping (detected where it is silent), and several sources are merged (optionally through a
 * matching table). A mapping preset among the files is applied; a trials CSV goes with the folder it sits in.
 */
export interface OpenOptions extends ReadControl {
  /** Leave out neurons that never fire instead of refusing the file. */
  readonly dropSilent: boolean;
  readonly mapping?: DatasetMapping;
}

export interface OpenedDataset {
  readonly dataset: Dataset;
  /** The readers of the sources, each once, in session order. */
  readonly readers: readonly ReaderId[];
  /** Their labels, for people (`NWB 2.x`, `CSV/TSV long format, NWB 2.x`). */
  readonly formatLabel: string;
  readonly warnings: readonly DatasetIssue[];
  /** The mapping as applied: the given one with every detected field filled in. */
  readonly mapping: DatasetMapping;
  readonly choices: MappingChoices;
  /** The sources, in session order, as the dialog's sessions table lists them. */
  readonly sources: readonly { readonly name: string; readonly reader: ReaderId; readonly condition: string; readonly order: number; readonly recordedAt?: string }[];
  /** How the sources were put in learning order (sessionOrder.ts). */
  readonly orderRule: OrderRule;
}

const refuse = (file: string, field: string, message: string): never => failureIn(file)(field, message);

function openGroup(group: SourceGroup, mapping: DatasetMapping, index: number, control: ReadControl): Promise<SourceOpened> {
  const labels = sessionLabels(mapping, group.name, index);
  // The session is named after its file without the reader's own extension (`day3.nwb` → `day3`), or its folder.
  const name = baseName(group.name);
  const id = name.slice(0, name.length - (extensionIn(name, group.reader.extensions)?.length ?? 0)) || group.name;
  return group.reader.open(group, { mapping, session: { id, condition: labels.condition, order: labels.order }, index, control });
}

/** Every reader's dataset goes through the same checks (silent neurons) before it is used. */
function checked(dataset: Dataset, file: string, options: OpenOptions): { dataset: Dataset; issues: DatasetIssue[] } {
  const { dataset: kept, issues } = checkSilentNeurons(dataset, file, options.dropSilent);
  const errors = issues.filter((issue) => issue.severity === 'error');
  if (errors.length > 0) throw new DatasetError(errors);
  return { dataset: kept, issues };
}

/**
 * One file, or several files as the sessions of one dataset (optionally matched by a matching table,
 * read with a mapping preset): the one path the app's worker and the CLI open data through. The merge
 * note comes first among the warnings, since it says how to read the whole dataset. Cancellable between
 * files (and inside them, between units, slices and variables) through `options.signal`.
 */
export async function openSessionFiles(files: readonly InputFile[], options: OpenOptions & { readonly matching?: InputFile }): Promise<OpenedDataset> {
  const given = options.mapping ?? EMPTY_MAPPING;
  const grouped = groupInputs(files, given);
  if (grouped.unreadable.length > 0) throw new DatasetError(grouped.unreadable);
  const presetMapping = grouped.preset ? parseMapping(wholeText(grouped.preset), grouped.preset.name) : undefined;
  // A preset chosen with the files is the base; what the user set in the dialog or on the command line wins.
  const mapping = mergeMappings(presetMapping, given);
  const matching = options.matching ?? grouped.matching;
  if (grouped.groups.length === 0) {
    refuse(matching?.name ?? grouped.preset?.name ?? '(no file)', '(file)', matching ? 'is a matching table: open it together with the session files it matches' : 'holds no data: choose the data files too');
  }
  const parts: { dataset: Dataset; file: string }[] = [];
  const warnings: DatasetIssue[] = [];
  const detected: Partial<DatasetMapping>[] = [];
  const choices: Partial<MappingChoices>[] = [];
  for (const [index, group] of grouped.groups.entries()) {
    await checkpoint(options, group.name);
    options.onProgress?.(`reading ${baseName(group.name)}`, index, grouped.groups.length);
    const opened = await openGroup(group, mapping, index, options);
    const { dataset, issues } = checked(opened.dataset, group.name, options);
    parts.push({ dataset, file: group.name });
    warnings.push(...opened.warnings, ...issues);
    detected.push(opened.detected);
    choices.push(opened.choices);
  }
  // One learning order for every entry point, whatever order the files came in (sessionOrder.ts).
  const { indices, rule } = sessionOrder(
    grouped.groups.map((group, k) => {
      const recordedAt = parts[k]!.dataset.sessions[0]?.recordedAt;
      const explicitOrder = mapping.sessions?.find((s) => s.source === group.name)?.order;
      return { name: group.name, ...(recordedAt !== undefined ? { recordedAt } : {}), ...(explicitOrder !== undefined ? { explicitOrder } : {}) };
    }),
  );
  const groups = indices.map((k) => grouped.groups[k]!);
  parts.splice(0, parts.length, ...indices.map((k) => parts[k]!));
  if (parts.length > 1) warnings.unshift({ severity: 'warning', field: 'sessions', message: orderNote(rule, parts) });
  const table = matching ? readMatchingTable(wholeText(matching), matching.name) : null;
  const merged = mergeSessions(parts, table, matching?.name);
  const unique = (lists: (readonly string[] | undefined)[]) => [...new Set(lists.flatMap((list) => list ?? []))];
  const readers = [...new Set(groups.map((group) => group.reader))];
  let cursor = 0;
  return {
    dataset: merged.dataset,
    readers: readers.map((reader) => reader.id),
    formatLabel: readers.map((reader) => reader.label).join(', '),
    warnings: [...merged.warnings, ...warnings],
    mapping: mergeMappings(detected[0], mapping),
    choices: {
      variables: choices.flatMap((c) => c.variables ?? []).filter((v, k, all) => all.findIndex((w) => w.name === v.name) === k),
      responses: unique(choices.map((c) => c.responses)),
      columns: unique(choices.map((c) => c.columns)),
      events: unique(choices.map((c) => c.events)),
    },
    orderRule: rule,
    // The merged sessions are the parts' sessions in sequence, each with its place in learning order.
    sources: groups.flatMap((group, k) =>
      parts[k]!.dataset.sessions.map((s) => {
        const { order } = merged.dataset.sessions[cursor++]!;
        return { name: group.name, reader: group.reader.id, condition: s.condition, order, ...(s.recordedAt !== undefined ? { recordedAt: s.recordedAt } : {}) };
      }),
    ),
  };
}

/** Says which rule put the sessions in order, and the order: "by recording date (session_start_time): a (2017-02-28…), b (…)". */
function orderNote(rule: OrderRule, parts: readonly { dataset: Dataset; file: string }[]): string {
  const names = parts.map(({ dataset, file }) => (rule === 'recording date' ? `${baseName(file)} (${dataset.sessions[0]!.recordedAt})` : baseName(file)));
  const how = rule === 'recording date' ? 'by recording date (session_start_time)' : rule === 'given' ? 'as the session orders given' : 'by name (not every file says when it was recorded)';
  return `learning order ${how}: ${names.join(', ')}`;
}

/**
 * One file of a text format (Chorus JSON, long CSV) opened synchronously, with the same detection and
 * checks as openSessionFiles: for conversions, tests and benchmarks that hold the text already.
 */
export function openDataset(file: InputFile, options: OpenOptions): { dataset: Dataset; warnings: DatasetIssue[] } {
  const mapping = options.mapping ?? EMPTY_MAPPING;
  const grouped = groupInputs([file], mapping);
  if (grouped.unreadable.length > 0) throw new DatasetError(grouped.unreadable);
  const reader = grouped.groups[0]?.reader;
  if (reader?.reads !== 'file' || !reader.readText) return refuse(file.name, '(file)', 'is not a Chorus dataset or long-format CSV; open it with openSessionFiles');
  const read = reader.readText(wholeText(file), file.name, mapping);
  const { dataset, issues } = checked(read.dataset, file.name, options);
  return { dataset, warnings: [...read.warnings, ...issues] };
}
