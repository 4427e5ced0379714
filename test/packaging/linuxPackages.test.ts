/**
 * electron-builder packages the Linux targets here, against a STAND-IN Electron (standInElectron.ts:
 * Electron's binary cannot be downloaded here) and, for the .deb, a STAND-IN fpm built on dpkg-deb
 * (fpm-stand-in.mjs: electron-builder fetches fpm from GitHub). What electron-builder decides — the
 * files, the asar, the fuses, the desktop entry, the MIME types, the maintainer scripts — is real and
 * inspected. The AppImage target needs appimagetool from GitHub: not built here (.github/workflows/dist.yml builds it).
 * Runs after `npm run build` (the e2e stage), on the built app in dist/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { listPackage, extractFile } from '@electron/asar';
import { getCurrentFuseWire } from '@electron/fuses';
import { writeStandInElectron } from './standInElectron';

const root = fileURLToPath(new URL('../../', import.meta.url));
const hasDpkg = spawnSync('dpkg-deb', ['--version']).status === 0;
const built = existsSync(join(root, 'dist/electron/main.cjs')) && existsSync(join(root, 'dist/renderer/index.html'));
if (!hasDpkg) console.log('packaging test skipped: dpkg-deb is not installed (Debian’s dpkg builds the stand-in .deb)');
if (!built) console.log('packaging test skipped: the app is not built (npm run build)');

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const config = load(readFileSync(join(root, 'build/electron-builder.yml'), 'utf8')) as { electronVersion: string; directories: Record<string, string> } & Record<string, unknown>;
let work = '';
let deb = '';
let unpacked = '';
const run = (command: string, args: string[], input?: Buffer) => {
  const result = spawnSync(command, args, { input, maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr}`);
  return result.stdout as Buffer;
};
const fromDeb = (path: string) => run('tar', ['-xO', `.${path}`], run('dpkg-deb', ['--fsys-tarfile', deb])).toString('utf8');

describe.skipIf(!hasDpkg || !built)('Linux packages (electron-builder, stand-in Electron and fpm)', () => {
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'chorus-packaging-'));
    const bin = join(work, 'bin');
    mkdirSync(bin);
    symlinkSync(join(root, 'test/packaging/fpm-stand-in.mjs'), join(bin, 'fpm'));
    process.env.USE_SYSTEM_FPM = 'true';
    process.env.PATH = `${bin}:${process.env.PATH}`;
    process.env.ELECTRON_BUILDER_CACHE = join(work, 'cache');
    const { build, Platform, Arch } = await import('electron-builder');
    await build({
      projectDir: root,
      publish: 'never',
      targets: Platform.LINUX.createTarget(['deb'], Arch.x64),
      config: { ...config, electronDist: writeStandInElectron(join(work, 'electron'), config.electronVersion), directories: { ...config.directories, output: join(work, 'release') } },
    });
    const release = join(work, 'release');
    deb = join(release, readdirSync(release).find((name) => name.endsWith('.deb'))!);
    unpacked = join(release, 'linux-unpacked');
  }, 600_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('names the package by the app and version, for amd64, with its dependencies', () => {
    expect(deb.endsWith(`chorus_${pkg.version}_amd64.deb`)).toBe(true);
    const control = run('dpkg-deb', ['-f', deb]).toString('utf8');
    expect(control).toMatch(/^Package: chorus$/m);
    expect(control).toMatch(new RegExp(`^Version: ${pkg.version.replaceAll('.', '\\.')}$`, 'm'));
    expect(control).toMatch(/^Architecture: amd64$/m);
    expect(control).toMatch(/^Depends: .*libgtk-3-0.*libnss3/m);
    expect(control).toMatch(/^Section: science$/m);
  });

  it('installs the app under /opt/Chorus with its desktop entry, MIME types and icons', () => {
    const files = run('dpkg-deb', ['-c', deb])
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(/\s+/).slice(5).join(' ').replace(/^\./, '').replace(/ -> .*$/, ''));
    for (const expected of ['/opt/Chorus/chorus', '/opt/Chorus/resources/app.asar', '/opt/Chorus/resources/docs/README.md', '/usr/share/applications/chorus.desktop', '/usr/share/mime/packages/chorus.xml']) {
      expect(files, expected).toContain(expected);
    }
    expect(files.some((file) => /^\/usr\/share\/icons\/hicolor\/\d+x\d+\/apps\/chorus\.png$/.test(file))).toBe(true);
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    expect(files.filter((file) => file.startsWith('/opt/Chorus/resources/app/') || file.includes('node_modules'))).toEqual([]);
  });

  it('the desktop entry opens Chorus with files and chorus:// links, for every associated MIME type', () => {
    const entry = fromDeb('/usr/share/applications/chorus.desktop');
    expect(entry).toMatch(/^Name=Chorus$/m);
    expect(entry).toMatch(/^Exec=\/opt\/Chorus\/chorus %U$/m);
    expect(entry).toMatch(/^Categories=Science;$/m);
    const mimeTypes = /^MimeType=(.*)$/m.exec(entry)![1]!.split(';').filter(Boolean);
    expect(mimeTypes.sort()).toEqual(['application/x-chorus-dataset+json', 'application/x-chorus-story+json', 'application/x-chorus-view+json', 'application/x-nwb', 'x-scheme-handler/chorus']);
    const mime = fromDeb('/usr/share/mime/packages/chorus.xml');
    for (const glob of ['*.nwb', '*.chorus.json', '*.chorus-view.json', '*.chorus-story.json']) expect(mime).toContain(`pattern="${glob}"`);
    console.log(`the .deb's desktop entry:\n${entry}`);
  });

  it('the asar holds the built app only: nothing from the sources, tests or node_modules, no source maps', () => {
    const asar = join(unpacked, 'resources', 'app.asar');
    const entries = listPackage(asar, { isPack: false });
    expect(entries).toContain('/dist/electron/main.cjs');
    expect(entries).toContain('/dist/electron/preload.cjs');
    expect(entries).toContain('/dist/renderer/index.html');
    const strays = entries.filter((entry) => /^\/(node_modules|shared|renderer|electron|node|test|scripts|bench|docs|build)(\/|$)/.test(entry) || entry.endsWith('.map') || entry.endsWith('.ts'));
    expect(strays).toEqual([]);
    const packed = JSON.parse(extractFile(asar, 'package.json').toString('utf8'));
    expect(packed.main).toBe('dist/electron/main.cjs');
    expect(packed.version).toBe(pkg.version);
  });

  it('the fuses of the security checklist are flipped in the packaged executable', async () => {
    const wire = await getCurrentFuseWire(join(unpacked, 'chorus'));
    // @electron/fuses' order; 48 is off, 49 on.
    const [runAsNode, cookieEncryption, nodeOptions, nodeCliInspect, asarIntegrity, onlyAsar, , fileProtocol] = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => (wire as Record<number, number>)[i]);
    expect({ runAsNode, cookieEncryption, nodeOptions, nodeCliInspect, asarIntegrity, onlyAsar, fileProtocol }).toEqual({
      runAsNode: 48,
      cookieEncryption: 49,
      nodeOptions: 48,
      nodeCliInspect: 48,
      asarIntegrity: 49,
      onlyAsar: 49,
      fileProtocol: 48,
    });
  });
});
