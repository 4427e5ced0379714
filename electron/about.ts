/** Help ▸ About's text: Chorus's version and what it runs on, as a bug report needs them. */
export function aboutDetail(version: string, versions: Partial<Record<'electron' | 'chrome' | 'node' | 'v8', string>>, platform: string, arch: string): string {
  return [
    `Chorus ${version}`,
    `Electron ${versions.electron ?? '?'}`,
    `Chromium ${versions.chrome ?? '?'}`,
    `Node.js ${versions.node ?? '?'}`,
    `V8 ${versions.v8 ?? '?'}`,
    `${platform} ${arch}`,
  ].join('\n');
}
