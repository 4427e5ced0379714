import type { DatasetIssue, Neuron } from '../dataset/types';
import { failureIn } from '../dataset/datasetError';
import { readCsvTable } from './csvTable';
import { memoryBudget } from './memoryLimit';
import { readNpy } from './npy';
import { sessionDataset, type FolderInput, type FolderRead } from './recording';
import { wholeFile, wholeText, type InputFile } from './source';
import { trialDesign } from './trialsTable';

/** A cluster table's rows by cluster id, each row's cells by column name (a Map: names come from the file). */
function labelTable(file: InputFile | undefined, warnings: DatasetIssue[]): Map<number, ReadonlyMap<string, string>> {
  const rows = new Map<number, ReadonlyMap<string, string>>();
  if (!file) return rows;
  const table = readCsvTable(wholeText(file), file.name, { delimiter: '\t', transformHeader: (n) => n.trim() });
  warnings.push(...table.warnings);
  for (const cells of table.rows) {
    const row = new Map(table.names.map((name, c) => [name, cells[c]!]));
    const id = Number(row.get('cluster_id') ?? row.get('id'));
    if (Number.isInteger(id)) rows.set(id, row);
  }
  return rows;
}

/**
 * A Kilosort / phy output folder: spike_times.npy (samples), spike_clusters.npy (or spike_templates.npy),
 * params.py for the sample rate, cluster_group.tsv / cluster_KSLabel.tsv / cluster_info.tsv for labels
 * (and depths), plus a trials CSV with event times in seconds on the same clock.
 */
export async function readKilosortFolder({ folder, files, trials, mapping, source, control }: FolderInput): Promise<FolderRead> {
  const warnings: DatasetIssue[] = [];
  const fail = failureIn(folder);
  const params = files.get('params.py');
  const rateText = params ? /^\s*sample_rate\s*=\s*([\d.eE+-]+)/m.exec(wholeText(params))?.[1] : undefined;
  const sampleRate = mapping.sampleRate ?? (rateText !== undefined ? Number(rateText) : Number.NaN);
  if (!(sampleRate > 0)) fail('params.py', 'has no sample_rate (or the file is missing): give the sample rate in the dataset dialog or with --sample-rate HZ', 'missing-sample-rate');

  // One budget for the folder's arrays: what they declare together is checked before each is allocated.
  const memory = memoryBudget(control);
  const samples = readNpy(wholeFile(files.get('spike_times.npy')!), `${folder}/spike_times.npy`, memory).values;
  const clusterFile = files.has('spike_clusters.npy') ? 'spike_clusters.npy' : 'spike_templates.npy';
  const clusters = readNpy(wholeFile(files.get(clusterFile)!), `${folder}/${clusterFile}`, memory).values;
  if (clusters.length !== samples.length) fail(clusterFile, `has ${clusters.length} entries but spike_times.npy has ${samples.length}; they must match spike for spike`);
  if (clusterFile === 'spike_templates.npy') warnings.push({ severity: 'warning', file: folder, field: clusterFile, message: 'no spike_clusters.npy: templates are used as units (not curated)' });

  const table = (name: string) => labelTable(files.get(name), warnings);
  const info = table('cluster_info.tsv');
  const groups = new Map([...table('cluster_KSLabel.tsv'), ...table('cluster_group.tsv')]);
  const label = (row: ReadonlyMap<string, string> | undefined) => row?.get('group') ?? row?.get('KSLabel');
  const labelOf = (id: number) => label(groups.get(id)) ?? label(info.get(id));
  const present = [...new Set(clusters)].sort((a, b) => a - b);
  const hasLabels = present.some((id) => labelOf(id) !== undefined);
  const wanted = mapping.units ?? 'good';
  const kept = present.filter((id) => (!hasLabels ? true : wanted === 'good' ? labelOf(id) === 'good' : labelOf(id) !== 'noise'));
  if (!hasLabels) warnings.push({ severity: 'warning', file: folder, field: 'cluster_group.tsv', message: 'no cluster labels (cluster_group.tsv / cluster_KSLabel.tsv): every cluster is used' });
  else warnings.push({ severity: 'warning', file: folder, field: 'cluster labels', message: `${kept.length} of ${present.length} clusters used (${wanted === 'good' ? 'labelled good' : 'all but noise'})` });
  if (kept.length === 0) fail('cluster labels', `no cluster is labelled ${wanted === 'good' ? 'good' : 'other than noise'}; choose "all" units in the dataset dialog or with --units all`);

  // Spike indices of each kept cluster, by one counting pass (no per-unit scan of all spikes).
  const slot = new Map(kept.map((id, k) => [id, k]));
  const counts = new Uint32Array(kept.length + 1);
  for (const c of clusters) {
    const k = slot.get(c);
    if (k !== undefined) counts[k + 1]!++;
  }
  for (let k = 0; k < kept.length; k++) counts[k + 1]! += counts[k]!;
  const times = new Float64Array(counts[kept.length]!);
  const fill = counts.slice(0, kept.length);
  for (let s = 0; s < clusters.length; s++) {
    const k = slot.get(clusters[s]!);
    if (k !== undefined) times[fill[k]!++] = samples[s]! / sampleRate;
  }
  // Positions: the cluster's channel on the probe (channel_positions.npy: x across, y along the shank =
  // depth), else cluster_info's depth.
  const channels = files.has('channel_positions.npy') ? readNpy(wholeFile(files.get('channel_positions.npy')!), `${folder}/channel_positions.npy`, memory) : null;
  const channelPosition = (channel: number): readonly [number, number, number] | null => {
    const columns = channels?.shape[1] ?? 0;
    if (!channels || columns < 2 || !(channel >= 0 && channel < channels.shape[0]!)) return null;
    return [channels.values[channel * columns]!, 0, channels.values[channel * columns + 1]!];
  };
  const neurons: Neuron[] = kept.map((id) => {
    const row = info.get(id);
    const depth = Number(row?.get('depth'));
    const position = channelPosition(Number(row?.get('ch') ?? row?.get('channel') ?? Number.NaN)) ?? (Number.isFinite(depth) ? ([0, 0, depth] as const) : null);
    return { id: `cluster ${id}`, ...(position ? { position } : {}) };
  });
  const design = trialDesign(trials, mapping, warnings);
  const dataset = await sessionDataset(
    { kind: 'spikes', field: `${folder}/spike_times.npy`, neurons, spikeTimes: (unit) => times.subarray(counts[unit]!, counts[unit + 1]!) },
    design,
    { ...source, file: folder, name: folder || 'kilosort' },
    warnings,
    control,
  );
  return { dataset, warnings, detected: { stimulus: design.used.stimulus, choice: design.used.choice, sampleRate, units: wanted } };
}
