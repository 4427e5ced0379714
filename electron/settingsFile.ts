import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DEFAULT_SETTINGS, patchSettings, readSettings, settingsNotice, settingsText, type Settings, type SettingsPatch } from '../shared/desktop/settings';
import type { LoadedSettings } from '../shared/platform/chorusApi';

/**
 * settings.json in the user-data folder (shared/desktop/settings.ts has its format). Read once at start:
 * a file that could not be used whole is kept as settings.json.bak (an older backup is replaced) and
 * the settings written back, so the notice is shown once. Written whole through a temporary file and a
 * rename, so a crash mid-write leaves the old file, not half a file.
 */
export class SettingsFile {
  private current: Settings = DEFAULT_SETTINGS;
  private notice: LoadedSettings['notice'] = null;

  constructor(
    readonly file: string,
    private readonly log: (line: string) => void = () => {},
  ) {}

  load(): Settings {
    let text: string | null = null;
    try {
      text = existsSync(this.file) ? readFileSync(this.file, 'utf8') : null;
    } catch (error) {
      this.log(`settings: ${this.file} could not be read (${(error as Error).message}); the defaults are used`);
    }
    const read = readSettings(text);
    this.current = read.settings;
    let backup: string | null = null;
    if (read.backUp) {
      backup = `${this.file}.bak`;
      try {
        renameSync(this.file, backup);
      } catch (error) {
        this.log(`settings: could not keep ${this.file} as ${backup} (${(error as Error).message})`);
        backup = null;
      }
      this.write();
    }
    this.notice = settingsNotice(this.file, read, backup);
    for (const problem of read.problems) this.log(`settings: ${this.file}: ${problem}`);
    return this.current;
  }

  /** The settings, and the notice from loading the first time the page asks (it shows it once). */
  forPage(): LoadedSettings {
    const loaded = { settings: this.current, notice: this.notice };
    this.notice = null;
    return loaded;
  }

  get settings(): Settings {
    return this.current;
  }

  update(patch: SettingsPatch): Settings {
    this.current = patchSettings(this.current, patch);
    this.write();
    return this.current;
  }

  private write(): void {
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const temporary = `${this.file}.tmp`;
      writeFileSync(temporary, settingsText(this.current));
      renameSync(temporary, this.file);
    } catch (error) {
      // A read-only or full disk costs the saving of settings, not the app.
      this.log(`settings: ${this.file} could not be written (${(error as Error).message})`);
    }
  }
}
