import { DATA_EXTENSIONS, extensionIn } from '../formats/readerCatalog';

/**
 * What a launch asks Chorus to open: the files after the app on the command line (a file manager's
 * "Open with", a double-clicked associated file, a second launch handing over to the first) and
 * chorus:// links. Plain functions over the argv, so main's single-instance hand-off is tested without
 * Electron.
 */
export type LaunchRequest =
  | { readonly kind: 'dataset'; readonly path: string }
  | { readonly kind: 'view'; readonly path: string }
  | { readonly kind: 'story'; readonly path: string }
  | { readonly kind: 'view-link'; readonly hash: string };

/** The link scheme the installers register; `chorus://app/` stays the app's own pages, never a link. */
export const LINK_SCHEME = 'chorus';

export const VIEW_FILE_ENDING = '.chorus-view.json';
export const STORY_FILE_ENDING = '.chorus-story.json';

/** What a path opens as, by its name: a view, a story, else a dataset (a folder, or a file a reader reads); null for anything else. */
export function requestForPath(path: string, isFolder: boolean): LaunchRequest | null {
  const lower = path.toLowerCase();
  if (isFolder) return { kind: 'dataset', path };
  if (lower.endsWith(VIEW_FILE_ENDING)) return { kind: 'view', path };
  if (lower.endsWith(STORY_FILE_ENDING)) return { kind: 'story', path };
  return extensionIn(path, DATA_EXTENSIONS) ? { kind: 'dataset', path } : null;
}

/** chorus://view/#view=… (or chorus://view?view=…, as some launchers drop the hash): the view's hash; null for anything else. */
export function viewLinkHash(link: string): string | null {
  // By hand: shared/ is typed without the DOM's and Node's globals (URL among them), and the form is fixed.
  const match = new RegExp(`^${LINK_SCHEME}://view/?(?:\\?([^#]*))?(#.*)?$`, 'i').exec(link);
  if (!match) return null;
  const [, query = '', hash = ''] = match;
  if (hash.startsWith('#view=')) return hash;
  const value = query.split('&').find((part) => part.startsWith('view='))?.slice('view='.length);
  if (value === undefined) return null;
  try {
    return `#view=${encodeURIComponent(decodeURIComponent(value.replaceAll('+', ' ')))}`;
  } catch {
    return null;
  }
}

export interface LaunchDisk {
  /** 'file', 'folder', or null where nothing is. */
  kindOf(path: string): 'file' | 'folder' | null;
  resolveFrom(cwd: string, path: string): string;
}

export interface LaunchRequests {
  readonly requests: readonly LaunchRequest[];
  /** Arguments that looked like files but were not opened, each with why. */
  readonly skipped: readonly string[];
}

/**
 * The requests in a launch's argv. The executable (and, unpackaged, the app's folder) come first and
 * are skipped by `firstArgument`; flags (`--kiosk`, Chromium's switches) and their values are not files.
 * Relative paths are of the launching shell's folder, which a second launch reports as its own cwd.
 */
export function launchRequests(argv: readonly string[], firstArgument: number, cwd: string, disk: LaunchDisk): LaunchRequests {
  const requests: LaunchRequest[] = [];
  const skipped: string[] = [];
  const args = argv.slice(firstArgument);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--kiosk-config') {
      i++;
      continue;
    }
    if (arg.startsWith('-')) continue;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) {
      const hash = viewLinkHash(arg);
      if (hash) requests.push({ kind: 'view-link', hash });
      else skipped.push(`${arg}: not a chorus://view link`);
      continue;
    }
    const path = disk.resolveFrom(cwd, arg);
    const kind = disk.kindOf(path);
    if (kind === null) {
      skipped.push(`${path}: no such file or folder`);
      continue;
    }
    const request = requestForPath(path, kind === 'folder');
    if (request) requests.push(request);
    else skipped.push(`${path}: not a file Chorus opens`);
  }
  return { requests, skipped };
}

/** Several dataset files in one launch are one dataset's sessions, as when chosen together in the dialog. */
export function groupDatasetRequests(requests: readonly LaunchRequest[]): ({ kind: 'dataset'; paths: string[] } | Exclude<LaunchRequest, { kind: 'dataset' }>)[] {
  const paths = requests.filter((r) => r.kind === 'dataset').map((r) => r.path);
  const others = requests.filter((r): r is Exclude<LaunchRequest, { kind: 'dataset' }> => r.kind !== 'dataset');
  return [...(paths.length > 0 ? [{ kind: 'dataset' as const, paths }] : []), ...others];
}
