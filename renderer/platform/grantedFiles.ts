import { MAX_SLICE_BYTES, type GrantedFile } from '../../shared/platform/chorusApi';

/**
 * Files main granted (Electron's dialog, the recent list, the file manager), read in slices of
 * MAX_SLICE_BYTES into a Blob: no message carries a whole file, and each slice joins the Blob (held by
 * the browser, on disk when large) as it arrives, so the page never holds the file twice.
 */
export async function readGranted(files: readonly GrantedFile[], read: (token: string, offset: number, length: number) => Promise<Uint8Array<ArrayBuffer>>): Promise<{ name: string; blob: Blob }[]> {
  const chosen: { name: string; blob: Blob }[] = [];
  for (const file of files) {
    let blob = new Blob([]);
    for (let offset = 0; offset < file.size; ) {
      const slice = await read(file.token, offset, Math.min(MAX_SLICE_BYTES, file.size - offset));
      if (slice.length === 0) throw new Error(`${file.name}: the file ended at byte ${offset} of ${file.size} (was it changed while being read?)`);
      blob = new Blob([blob, slice]);
      offset += slice.length;
    }
    chosen.push({ name: file.name, blob });
  }
  return chosen;
}
