import { useEffect, useState } from 'react';
import type { KioskConfig } from '../../shared/kiosk/kioskConfig';
import { fileNameOf, kioskDatasetUrl, KIOSK_STORY_URL } from '../../shared/kiosk/kioskFiles';
import { EMPTY_MAPPING } from '../../shared/formats/mapping';
import type { Timeline } from '../../shared/network/timeline';
import { demoStory } from '../../shared/story/demoStory';
import { storyDatasetProblem } from '../../shared/story/storyDataset';
import { parseStoryFile, type Story } from '../../shared/story/storyFile';
import type { AnalysisClient } from '../workers/analysisClient';
import { shownDataset } from '../presentation/storyCommands';
import { useView } from '../state/viewStore';

export interface KioskContent {
  readonly timeline: Timeline;
  readonly story: Story;
}

/**
 * What the kiosk shows: kiosk.json's dataset (else the demo) and its story (else the demo story, told on
 * whatever dataset is shown). Nothing here reaches a visitor as an error: a dataset that cannot be
 * fetched or read, or a story that cannot be read or is of another dataset, is logged for the staff
 * (console.warn; Electron's kiosk writes it to its log) and the demo, or the demo story, is shown.
 * Null until both are ready.
 */
export function useKioskContent(config: KioskConfig | null, analysis: AnalysisClient): KioskContent | null {
  const timeline = useView((s) => s.timeline);
  const notice = useView((s) => s.notice);
  const [fellBack, setFellBack] = useState(false);
  const [story, setStory] = useState<Story | null>(null);

  useEffect(() => {
    if (!config) return;
    if (config.dataset === null) {
      analysis.loadDemo();
      return;
    }
    const dataset = config.dataset;
    let current = true;
    void fetch(`.${kioskDatasetUrl(dataset)}`, { cache: 'no-store' })
      .then(async (response) => {
        if (!response.ok) throw new Error(`not served (HTTP ${response.status})`);
        const blob = await response.blob();
        // Silent neurons are dropped (with a warning), not refused: an exhibit shows the rest.
        if (current) analysis.open([{ name: fileNameOf(dataset), blob }], EMPTY_MAPPING, true);
      })
      .catch((error: Error) => {
        if (!current) return;
        console.warn(`kiosk.json dataset "${dataset}": ${error.message}; the demo is shown`);
        setFellBack(true);
      });
    return () => {
      current = false;
    };
  }, [config, analysis]);

  // A dataset that was read but refused ends in an error notice with nothing on screen: the demo instead.
  useEffect(() => {
    if (!config?.dataset || timeline || notice?.kind !== 'error' || fellBack) return;
    console.warn(`kiosk.json dataset "${config.dataset}": ${notice.title}: ${notice.lines.join('; ')}; the demo is shown`);
    setFellBack(true);
  }, [config, timeline, notice, fellBack]);
  useEffect(() => {
    if (fellBack) analysis.loadDemo();
  }, [fellBack, analysis]);

  useEffect(() => {
    if (!config || !timeline) return;
    let current = true;
    const settle = (found: Story) => current && setStory(found);
    if (config.story === null) {
      settle(demoStory(timeline));
      return;
    }
    const named = config.story;
    void fetch(`.${KIOSK_STORY_URL}`, { cache: 'no-store' })
      .then(async (response) => {
        if (!response.ok) throw new Error(`not served (HTTP ${response.status})`);
        const found = parseStoryFile(await response.text());
        const problem = storyDatasetProblem(found.dataset, await shownDataset());
        if (problem) throw new Error(problem);
        settle(found);
      })
      .catch((error: Error) => {
        console.warn(`kiosk.json story "${named}": ${error.message}; the demo story is shown`);
        settle(demoStory(timeline));
      });
    return () => {
      current = false;
    };
  }, [config, timeline]);

  // Until a new timeline's story is settled, the last one stays: a new pass of the same dataset does not restart the kiosk.
  return timeline && story ? { timeline, story } : null;
}
