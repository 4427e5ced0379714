import { RECENT_LIMIT, type RecentEntry } from './settings';

/**
 * The recent list: newest first, one entry a path (opening it again moves it to the top), at most
 * RECENT_LIMIT. Paths are compared as the OS gives them; on a case-insensitive disk a file opened by two
 * spellings shows twice, which is harmless.
 */
export function addRecent(list: readonly RecentEntry[], entry: Omit<RecentEntry, 'openedAt'>, now: Date): RecentEntry[] {
  const kept = list.filter((old) => old.path !== entry.path);
  return [{ ...entry, openedAt: now.toISOString() }, ...kept].slice(0, RECENT_LIMIT);
}

export function removeRecent(list: readonly RecentEntry[], path: string): RecentEntry[] {
  return list.filter((entry) => entry.path !== path);
}

/** The menu's label for an entry: the file's name, then its folder, so two "units.nwb" can be told apart. */
export function recentLabel(entry: RecentEntry, separator: '/' | '\\'): string {
  const cut = Math.max(entry.path.lastIndexOf('/'), separator === '\\' ? entry.path.lastIndexOf('\\') : -1);
  const name = cut < 0 ? entry.path : entry.path.slice(cut + 1);
  const folder = cut <= 0 ? '' : entry.path.slice(0, cut);
  const kind = entry.kind === 'dataset' ? '' : ` (${entry.kind})`;
  // "&" would mark a mnemonic in Windows and Linux menus.
  return `${name}${kind}${folder ? ` — ${folder}` : ''}`.replaceAll('&', '&&');
}
