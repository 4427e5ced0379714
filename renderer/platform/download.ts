/** Hands a file to the user: the browser's download (Electron shows its save dialog for it). */
export function download(blob: Blob, name: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 2000);
}

/** Asks the user for one JSON file (a preset, a view) and hands over its name and text. */
export function pickJsonFile(use: (name: string, text: string) => void): void {
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = '.json,application/json';
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) void file.text().then((text) => use(file.name, text));
  });
  input.click();
}
