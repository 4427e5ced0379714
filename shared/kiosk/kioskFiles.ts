import { parseStoryFile } from '../story/storyFile';
import { parseKioskConfig, type KioskConfig } from './kioskConfig';

/**
 * Where the kiosk's page finds its files. The page cannot read the kiosk computer's disk, so whatever
 * serves it (`npm start -- --kiosk` without Electron, Electron's app protocol, the tests' server) maps
 * these URL paths to the files kiosk.json names: the configuration itself, its dataset (under its own
 * file name, so the reader knows the format by its extension) and its story.
 */
export const KIOSK_CONFIG_URL = '/kiosk.json';
export const KIOSK_STORY_URL = '/kiosk/story.chorus-story.json';
const KIOSK_DATASET_FOLDER = '/kiosk/dataset/';

/** The file name at the end of a path written on any system ("C:\\data\\v4.nwb", "/srv/v4.nwb"). */
export function fileNameOf(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).at(-1) ?? path;
}

/** The URL path the page fetches a kiosk.json `dataset` at. */
export function kioskDatasetUrl(datasetPath: string): string {
  return `${KIOSK_DATASET_FOLDER}${encodeURIComponent(fileNameOf(datasetPath))}`;
}

/**
 * URL path → file on disk, for a kiosk started with `configPath` holding `config`. The dataset and
 * story paths in kiosk.json are relative to the folder of kiosk.json (as a museum copies the three
 * together); `resolveFrom(folder, path)` is node:path's resolve, passed in to keep this module pure.
 */
export function kioskRoutes(configPath: string, config: KioskConfig, resolveFrom: (folder: string, path: string) => string): Record<string, string> {
  const folder = configPath.replace(/[\\/][^\\/]*$/, '') || '/';
  const routes: Record<string, string> = { [KIOSK_CONFIG_URL]: configPath };
  if (config.dataset !== null) routes[kioskDatasetUrl(config.dataset)] = resolveFrom(folder, config.dataset);
  if (config.story !== null) routes[KIOSK_STORY_URL] = resolveFrom(folder, config.story);
  return routes;
}

/** What kioskSetup needs of the disk (node:fs and node:path where it runs), passed in to keep this module pure. */
export interface KioskDisk {
  readText(path: string): string;
  isFile(path: string): boolean;
  resolveFrom(folder: string, path: string): string;
}

/**
 * A kiosk's setup checked before it starts (`npm start -- --kiosk --kiosk-config FILE`, Electron's
 * `--kiosk-config`): kiosk.json valid, its dataset a file, its story a valid story. A mistake is said
 * at start to whoever sets the exhibit up, naming the file and the field, not found on the museum floor
 * (where the page logs it and falls back to the demo). Returns the configuration and its routes.
 */
export function kioskSetup(configPath: string, disk: KioskDisk): { config: KioskConfig; routes: Record<string, string> } {
  if (!disk.isFile(configPath)) throw new Error(`${configPath}: no such file`);
  let config: KioskConfig;
  try {
    config = parseKioskConfig(disk.readText(configPath));
  } catch (error) {
    throw new Error(`${configPath}: ${(error as Error).message}`);
  }
  const routes = kioskRoutes(configPath, config, disk.resolveFrom);
  if (config.dataset !== null) {
    const dataset = routes[kioskDatasetUrl(config.dataset)]!;
    if (!disk.isFile(dataset)) throw new Error(`${configPath}: dataset: ${dataset} is not a file (a path relative to kiosk.json's folder, or absolute)`);
  }
  if (config.story !== null) {
    const story = routes[KIOSK_STORY_URL]!;
    if (!disk.isFile(story)) throw new Error(`${configPath}: story: ${story} is not a file (a path relative to kiosk.json's folder, or absolute)`);
    try {
      parseStoryFile(disk.readText(story));
    } catch (error) {
      throw new Error(`${configPath}: story: ${story}: ${(error as Error).message}`);
    }
  }
  return { config, routes };
}
