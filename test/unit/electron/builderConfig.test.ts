import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { load } from 'js-yaml';
import { Ajv } from 'ajv';

const require = createRequire(import.meta.url);
const root = new URL('../../../', import.meta.url);
/** The YAML as read: its shape is what the tests check, field by field (the schema test checks it whole). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML, checked by the tests below
type Yaml = any;
const config = load(readFileSync(new URL('build/electron-builder.yml', root), 'utf8')) as Yaml;

const targets = (platform: Yaml) => Object.fromEntries((platform.target as { target: string; arch: string[] }[]).map((t) => [t.target, t.arch]));

describe('the installers’ configuration (build/electron-builder.yml)', () => {
  it('is valid against electron-builder’s own schema', () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
    const valid = ajv.validate(schema, config);
    expect(ajv.errors ?? [], JSON.stringify(ajv.errors?.slice(0, 3))).toEqual([]);
    expect(valid).toBe(true);
  });

  it('sets the fuses of Electron’s security checklist', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('packs the built app only: no source maps, sources, tests or node_modules', () => {
    expect(config.files).toEqual(['dist/electron/**', 'dist/renderer/**', 'package.json', '!**/*.map', '!node_modules/**']);
    expect(config.extraMetadata.main).toBe(JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).main);
  });

  it('builds AppImage and .deb, NSIS and dmg, each for x64 and arm64, with the version and app id from one place', () => {
    expect(targets(config.linux)).toEqual({ AppImage: ['x64', 'arm64'], deb: ['x64', 'arm64'] });
    expect(targets(config.win)).toEqual({ nsis: ['x64', 'arm64'] });
    expect(targets(config.mac)).toEqual({ dmg: ['x64', 'arm64'] });
    expect(config.appId).toBe('org.chorus.app');
    expect(config.version).toBeUndefined(); // package.json's version
    for (const platform of [config.linux, config.win, config.mac]) expect(platform.icon).toBe('build/icon.png');
  });

  it('associates .nwb everywhere, the Chorus JSON files on Linux too, and chorus:// links', () => {
    expect(config.fileAssociations.map((a: { ext: string }) => a.ext)).toEqual(['nwb']);
    expect(config.fileAssociations[0].mimeType).toBe('application/x-nwb');
    expect(config.linux.fileAssociations.map((a: { ext: string; mimeType: string }) => [a.ext, a.mimeType])).toEqual([
      ['chorus.json', 'application/x-chorus-dataset+json'],
      ['chorus-view.json', 'application/x-chorus-view+json'],
      ['chorus-story.json', 'application/x-chorus-story+json'],
    ]);
    expect(config.protocols).toEqual([{ name: 'Chorus view link', schemes: ['chorus'] }]);
    // Windows associations need a per-machine install.
    expect(config.nsis.perMachine).toBe(true);
  });
});

describe('the workflow that builds every platform’s installers (.github/workflows/dist.yml)', () => {
  const workflow = load(readFileSync(new URL('.github/workflows/dist.yml', root), 'utf8')) as Yaml;
  const job = workflow.jobs.installers;
  const runs = (job.steps as { run?: string }[]).flatMap((step) => (step.run ? [step.run] : []));

  it('builds Linux, Windows and macOS installers with this configuration, publishing nothing', () => {
    expect(job.strategy.matrix.include.map((entry: { platform: string }) => entry.platform)).toEqual(['--linux', '--win', '--mac']);
    expect(runs).toContain('npm ci --no-audit --no-fund');
    expect(runs).toContain('npm run build');
    expect(runs.some((run) => run.includes('electron-builder --config build/electron-builder.yml ${{ matrix.platform }} --publish never'))).toBe(true);
  });

  it('keeps each installer the configuration makes as an artifact', () => {
    const upload = (job.steps as { uses?: string; with?: { path: string } }[]).find((step) => step.uses?.startsWith('actions/upload-artifact'))!;
    for (const ending of ['AppImage', 'deb', 'exe', 'dmg']) expect(upload.with!.path).toContain(`release/*.${ending}`);
    expect(config.directories.output).toBe('release');
  });
});
