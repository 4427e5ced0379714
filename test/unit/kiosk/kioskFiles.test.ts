import { describe, expect, it } from 'vitest';
import { posix } from 'node:path';
import { fileNameOf, KIOSK_CONFIG_URL, kioskDatasetUrl, kioskRoutes, kioskSetup, KIOSK_STORY_URL, type KioskDisk } from '../../../shared/kiosk/kioskFiles';
import { parseKioskConfig } from '../../../shared/kiosk/kioskConfig';
import { kioskTimeScale, MAX_TIME_SCALE } from '../../../shared/kiosk/timeScale';
import { demoStory } from '../../../shared/story/demoStory';
import { storyFileText } from '../../../shared/story/storyFile';
import { pointEstimateTimeline } from '../../../shared/network/pointTimeline';
import { simulateLearningDataset } from '../../../shared/simulate/learningDemo';

/** A disk of the files given (path → text), resolving as POSIX paths do. */
function diskOf(files: Record<string, string>): KioskDisk {
  return { readText: (path) => files[path] ?? '', isFile: (path) => path in files, resolveFrom: posix.resolve };
}

describe('kiosk files', () => {
  it('names a file by its last path part on any system', () => {
    expect(fileNameOf('/srv/exhibit/v4 learning.nwb')).toBe('v4 learning.nwb');
    expect(fileNameOf('C:\\Exhibit\\v4.chorus.json')).toBe('v4.chorus.json');
    expect(fileNameOf('v4.mat')).toBe('v4.mat');
    expect(kioskDatasetUrl('/srv/exhibit/v4 learning.nwb')).toBe('/kiosk/dataset/v4%20learning.nwb');
  });

  it('serves kiosk.json, its dataset and its story, the paths relative to kiosk.json\'s folder', () => {
    const config = parseKioskConfig(JSON.stringify({ chorusKiosk: 1, dataset: 'data/v4.nwb', story: '/stories/tour.chorus-story.json' }));
    expect(kioskRoutes('/srv/exhibit/kiosk.json', config, posix.resolve)).toEqual({
      [KIOSK_CONFIG_URL]: '/srv/exhibit/kiosk.json',
      '/kiosk/dataset/v4.nwb': '/srv/exhibit/data/v4.nwb',
      [KIOSK_STORY_URL]: '/stories/tour.chorus-story.json',
    });
    expect(kioskRoutes('/srv/kiosk.json', parseKioskConfig('{"chorusKiosk": 1}'), posix.resolve)).toEqual({ [KIOSK_CONFIG_URL]: '/srv/kiosk.json' });
  });

  it('checks the setup at start, naming the file and the field that is wrong', async () => {
    const config = (fields: object) => JSON.stringify({ chorusKiosk: 1, ...fields });
    const { timeline } = await pointEstimateTimeline(simulateLearningDataset({ seed: 3, neurons: 10, sessions: 3, trialsPerSide: 20, zeroSignalTrials: 10 }), []);
    const story = storyFileText(demoStory(timeline));
    expect(() => kioskSetup('/k/kiosk.json', diskOf({}))).toThrow('/k/kiosk.json: no such file');
    expect(() => kioskSetup('/k/kiosk.json', diskOf({ '/k/kiosk.json': config({ idleTimeoutSeconds: 1 }) }))).toThrow(/^\/k\/kiosk\.json: idleTimeoutSeconds: /);
    expect(() => kioskSetup('/k/kiosk.json', diskOf({ '/k/kiosk.json': config({ dataset: 'v4.nwb' }) }))).toThrow('/k/kiosk.json: dataset: /k/v4.nwb is not a file');
    expect(() => kioskSetup('/k/kiosk.json', diskOf({ '/k/kiosk.json': config({ story: 'tour.json' }) }))).toThrow('/k/kiosk.json: story: /k/tour.json is not a file');
    expect(() => kioskSetup('/k/kiosk.json', diskOf({ '/k/kiosk.json': config({ story: 'tour.json' }), '/k/tour.json': '{"chorusStory": 1}' }))).toThrow(/^\/k\/kiosk\.json: story: \/k\/tour\.json: title: /);
    const good = kioskSetup('/k/kiosk.json', diskOf({ '/k/kiosk.json': config({ dataset: 'v4.nwb', story: 'tour.json' }), '/k/v4.nwb': 'HDF', '/k/tour.json': story }));
    expect(good.config.dataset).toBe('v4.nwb');
    expect(Object.values(good.routes).sort()).toEqual(['/k/kiosk.json', '/k/tour.json', '/k/v4.nwb']);
  });
});

describe('kiosk time scale (test-only)', () => {
  it('is 1 unless the URL asks for a number from 1 to the limit', () => {
    expect(kioskTimeScale('?kiosk')).toBe(1);
    expect(kioskTimeScale('?kiosk&timeScale=50')).toBe(50);
    expect(kioskTimeScale('?kiosk&timeScale=2.5')).toBe(2.5);
    for (const bad of ['', '0', '0.5', '-3', 'fast', 'Infinity', 'NaN', String(MAX_TIME_SCALE + 1)]) expect(kioskTimeScale(`?kiosk&timeScale=${bad}`), bad).toBe(1);
  });
});
