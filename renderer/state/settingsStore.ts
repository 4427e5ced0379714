import { createStore } from 'zustand/vanilla';
import { chorus } from '../platform/chorus';
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../../shared/desktop/settings';
import { sceneActions, sceneStore } from './sceneStore';
import { viewActions } from './viewStore';

/**
 * The user's settings as the page knows them (shared/desktop/settings.ts; stored by the platform:
 * Electron's settings.json, the web build's localStorage). Loaded once at start: the theme, default
 * layout and link filter apply to the scene; a settings file that could not be used whole is said in
 * the view notice. Afterwards the scene's theme, layout and link filter are saved as they change.
 */
export const settingsStore = createStore<Settings>(() => DEFAULT_SETTINGS);

/** Saves part of the settings (the page's copy at once, the platform's soon after). */
export function saveSettings(patch: SettingsPatch): void {
  settingsStore.setState(patch);
  void chorus.saveSettings(patch).catch((error: Error) => console.warn(`settings were not saved: ${error.message}`));
}

let started = false;

/** Loads the settings and keeps the scene's choices saved; once per page. Resolves once they apply. */
export async function startSettings(): Promise<void> {
  if (started) return;
  started = true;
  try {
    const { settings, notice } = await chorus.loadSettings();
    settingsStore.setState(settings, true);
    sceneActions.setTheme(settings.theme);
    sceneActions.setLayout(settings.defaultLayout);
    sceneActions.setFilter(settings.linkFilter);
    if (notice) viewActions.setViewNotice({ kind: 'warning', title: notice.title, lines: notice.lines });
  } catch (error) {
    console.warn(`settings could not be loaded; the defaults are used: ${(error as Error).message}`);
  }
  let timer: ReturnType<typeof setTimeout> | null = null;
  sceneStore.subscribe((state, previous) => {
    if (state.theme === previous.theme && state.layout === previous.layout && state.filter === previous.filter) return;
    // A filter typed digit by digit is saved once, when the typing stops.
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      const { theme, layout, filter } = sceneStore.getState();
      saveSettings({ theme, defaultLayout: layout, linkFilter: filter });
    }, 500);
  });
}
