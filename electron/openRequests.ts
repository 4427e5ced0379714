import { basename } from 'node:path';
import type { OpenRequest } from '../shared/platform/chorusApi';
import { groupDatasetRequests, type LaunchRequest } from '../shared/desktop/launchRequests';
import { grantDataset, readTextFile, type ShellServices } from './ipcHandlers';

type Services = Pick<ShellServices, 'listFolder' | 'fileSize' | 'grants' | 'readText' | 'noteOpened'>;

/**
 * What main sends the page for a launch's requests (files from the command line, the file manager, a
 * second launch, the recent list, a chorus:// link): datasets granted (several files are one dataset's
 * sessions), views and stories read, links passed on; what cannot be opened becomes a problem the page
 * shows, naming the file. Opened files go on the recent lists.
 */
export async function openRequestsFor(requests: readonly LaunchRequest[], skipped: readonly string[], services: Services): Promise<OpenRequest[]> {
  const out: OpenRequest[] = [];
  for (const request of groupDatasetRequests(requests)) {
    try {
      if (request.kind === 'dataset') {
        out.push({ kind: 'dataset', files: await grantDataset(request.paths, services) });
        services.noteOpened('dataset', request.paths[0]!);
      } else if (request.kind === 'view-link') out.push(request);
      else {
        out.push({ kind: request.kind, file: await readTextFile(request.path, services) });
        services.noteOpened(request.kind, request.path);
      }
    } catch (error) {
      const what = request.kind === 'dataset' ? request.paths.map((path) => basename(path)).join(', ') : request.kind === 'view-link' ? 'the link' : basename(request.path);
      out.push({ kind: 'problem', title: `Could not open ${what}`, lines: [(error as Error).message] });
    }
  }
  if (skipped.length > 0) out.push({ kind: 'problem', title: 'Some of what Chorus was asked to open was left out', lines: [...skipped] });
  return out;
}
