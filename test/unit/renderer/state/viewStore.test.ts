import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { currentFrame, framesInCondition, viewActions, viewStore } from '../../../../renderer/state/viewStore';
import type { AppStatistics } from '../../../../renderer/workers/protocol';
import { runAnalysis } from '../../../../shared/analysis/engine/runAnalysis';
import { frameStatistics } from '../../../../shared/analysis/frameStatistics';
import { POINT_ESTIMATES_ONLY, resolveSettings } from '../../../../shared/analysis/settings';
import type { Dataset } from '../../../../shared/dataset/types';
import { createPlaybackClock } from '../../../../renderer/ui/playbackClock';
import { buildTimeline, type Timeline } from '../../../../shared/network/timeline';
import { syntheticTimeline } from '../../../../shared/network/syntheticTimeline';
import { simulateLearningDataset } from '../../../../shared/simulate/learningDemo';

/**
 * The demo under neutral condition names, the passive rig listed first and one passive day missing:
 * conditions come out as ["rig B", "rig A"], with 2 and 3 sessions of 3 epochs. Only behaviour (choices
 * in "rig A") tells which one is the task.
 */
const demo = simulateLearningDataset({ neurons: 8, sessions: 3, trialsPerSide: 30, zeroSignalTrials: 6 });
const renamed = demo.sessions.map((s) => ({ ...s, condition: s.condition === 'task' ? 'rig A' : 'rig B' }));
const dataset: Dataset = { ...demo, sessions: [...renamed.filter((s) => s.condition === 'rig B' && s.order < 3), ...renamed.filter((s) => s.condition === 'rig A')] };

/** 4 sessions × 3 epochs in each of "task" and "passive": 12 frames per condition. */
const synthetic = syntheticTimeline(6, 10, 4, 3, 7);

const initial = viewStore.getState();
beforeEach(() => viewStore.setState(initial, true));

let timeline: Timeline;
let statistics: AppStatistics;
beforeAll(async () => {
  const settings = resolveSettings(POINT_ESTIMATES_ONLY);
  const output = await runAnalysis(dataset, settings);
  timeline = buildTimeline(dataset, output.frames, { topPerFrame: 5, maxEdges: 20 });
  statistics = { frames: output.frames.map(frameStatistics), summary: output.summary, settings, fixedNeurons: output.fixedNeurons };
});

describe('showing a timeline', () => {
  it('starts paused at the first frame of the task condition, found by role and not by position or name', () => {
    expect(timeline.conditions).toEqual(['rig B', 'rig A']);
    viewStore.setState({ conditionIndex: 0, position: 4.5, playing: true, statistics, statisticsProgress: { done: 1, total: 2 } });
    viewActions.showTimeline(timeline, 'demo.chorus.json');
    const state = viewStore.getState();
    expect(state.conditionIndex).toBe(1);
    expect(state).toMatchObject({ timeline, source: 'demo.chorus.json', timelineVersion: 1, position: 0, playing: false, statistics: null, statisticsProgress: null });
  });

  it('starts at the first condition when no condition plays the task role', () => {
    viewActions.showTimeline({ ...synthetic, comparison: null }, 'a');
    expect(viewStore.getState().conditionIndex).toBe(0);
  });

  it('counts timelines, so the scene knows to rebuild its buffers', () => {
    viewActions.showTimeline(synthetic, 'a');
    viewActions.showTimeline(synthetic, 'b');
    expect(viewStore.getState().timelineVersion).toBe(2);
  });
});

describe('moving through frames', () => {
  it('counts the current condition\'s frames and splits a position into session and epoch', () => {
    viewActions.showTimeline(timeline, 'demo');
    expect(framesInCondition(viewStore.getState())).toBe(9);
    viewStore.setState({ position: 7.4 });
    expect(currentFrame(viewStore.getState())).toEqual({ sessionOrdinal: 2, epochIndex: 1 });
    viewActions.setCondition(0);
    expect(framesInCondition(viewStore.getState())).toBe(6);
  });

  it('keeps the frame when changing condition, clamped to the last frame of a shorter condition', () => {
    viewActions.showTimeline(timeline, 'demo');
    viewStore.setState({ position: 3.6 });
    viewActions.setCondition(0);
    expect(viewStore.getState()).toMatchObject({ conditionIndex: 0, position: 4 });
    viewActions.setCondition(1);
    viewStore.setState({ position: 8 });
    viewActions.setCondition(0);
    expect(viewStore.getState()).toMatchObject({ conditionIndex: 0, position: 5 });
  });

  it('sets the session keeping the epoch, and the epoch keeping the session', () => {
    viewActions.showTimeline(synthetic, 'a');
    viewActions.setEpoch(2);
    viewActions.setSession(3);
    expect(viewStore.getState().position).toBe(11);
    viewActions.setEpoch(1);
    expect(viewStore.getState().position).toBe(10);
  });

  it('steps one frame at a time, wrapping around both ends, and pauses', () => {
    viewActions.showTimeline(synthetic, 'a');
    viewStore.setState({ playing: true });
    viewActions.step(-1);
    expect(viewStore.getState()).toMatchObject({ position: 11, playing: false });
    viewActions.step(1);
    expect(viewStore.getState().position).toBe(0);
    viewStore.setState({ position: 4.6 });
    viewActions.step(1);
    expect(viewStore.getState().position).toBe(6);
    viewActions.step(-14);
    expect(viewStore.getState().position).toBe(4);
  });

  it('does nothing before a timeline is shown', () => {
    viewActions.step(1);
    viewActions.setCondition(1);
    viewActions.togglePlay();
    expect(viewStore.getState()).toEqual(initial);
  });

  it('jumps to a session of a condition, keeping the epoch and pausing', () => {
    viewActions.showTimeline(synthetic, 'a');
    viewStore.setState({ position: 2, playing: true });
    viewActions.showSession(1, 3);
    expect(viewStore.getState()).toMatchObject({ conditionIndex: 1, position: 11, playing: false });
  });
});

describe('playback', () => {
  it('advances by seconds × speed only while playing', () => {
    viewActions.showTimeline(synthetic, 'a');
    viewActions.advance(1);
    expect(viewStore.getState().position).toBe(0);
    viewActions.setSpeed(2.4);
    viewActions.togglePlay();
    viewActions.advance(0.5);
    expect(viewStore.getState()).toMatchObject({ position: 1.2, playing: true, speed: 2.4 });
    viewActions.togglePlay();
    viewActions.advance(0.5);
    expect(viewStore.getState()).toMatchObject({ position: 1.2, playing: false });
  });

  it('with loop on, runs past the last frame into the start again', () => {
    viewActions.showTimeline(synthetic, 'a');
    viewActions.setSpeed(2);
    viewStore.setState({ position: 10.5, playing: true });
    viewActions.advance(0.5);
    expect(viewStore.getState()).toMatchObject({ position: 0.5, playing: true });
  });

  it('with loop off, stops on the last frame', () => {
    viewActions.showTimeline(synthetic, 'a');
    viewActions.setLoop(false);
    viewActions.setSpeed(2);
    viewStore.setState({ position: 10.5, playing: true });
    viewActions.advance(0.5);
    expect(viewStore.getState()).toMatchObject({ position: 11, playing: false, loop: false });
  });

  it('follows the wall clock, not the frame rate: at 1 drawn frame per second, 1.2 frames/s plays 9.6 frames in 8 s', () => {
    viewActions.showTimeline(synthetic, 'a');
    viewActions.setSpeed(1.2);
    viewActions.togglePlay();
    const clock = createPlaybackClock();
    for (let second = 0; second <= 8; second++) viewActions.advance(clock.tick(5000 + 1000 * second));
    expect(viewStore.getState().position).toBeCloseTo(9.6, 10);
    // A tick after a restart (the page was hidden, or playback restarted) plays nothing of the gap.
    clock.restart();
    viewActions.advance(clock.tick(600_000));
    expect(viewStore.getState().position).toBeCloseTo(9.6, 10);
  });

  it('a tick longer than the whole condition wraps round as often as it needs to with loop on', () => {
    viewActions.showTimeline(synthetic, 'a');
    viewActions.setSpeed(1);
    viewStore.setState({ position: 2, playing: true });
    viewActions.advance(3 * 11 + 4.5);
    expect(viewStore.getState().position).toBeCloseTo(6.5, 10);
  });

  it('cannot play without a timeline', () => {
    viewActions.togglePlay();
    expect(viewStore.getState().playing).toBe(false);
  });
});

describe('the statistics pass', () => {
  it('swaps in its timeline of the same frames and neurons, keeping condition, position and playback', () => {
    viewActions.showTimeline(timeline, 'demo');
    viewActions.setCondition(0);
    viewStore.setState({ position: 4.25, playing: true, statisticsProgress: { done: 3, total: 15 } });
    const withSignificance = { ...timeline, edgeSignificant: new Uint8Array(timeline.edgeWeights.length) };
    viewActions.showStatistics(statistics, withSignificance);
    expect(viewStore.getState()).toMatchObject({ timeline: withSignificance, timelineVersion: 2, statistics, statisticsProgress: null, conditionIndex: 0, position: 4.25, playing: true });
    // The same dataset: the view (selection, camera) does not start over.
    expect(viewStore.getState().datasetVersion).toBe(1);
  });

  it('keeps the timeline on screen when the statistics are of other frames (another dataset opened meanwhile)', () => {
    viewActions.showTimeline(synthetic, 'a');
    viewActions.showStatistics(statistics, timeline);
    expect(viewStore.getState()).toMatchObject({ timeline: synthetic, timelineVersion: 1, statistics, statisticsProgress: null });
  });

  it('records its progress and a notice as given', () => {
    viewActions.setStatistics(null, { done: 2, total: 9 });
    viewActions.setNotice({ kind: 'warning', title: 'One neuron only', lines: [] });
    viewActions.setJob({ id: 3, label: 'demo', done: 1, total: 4, step: 'analysing frames' });
    expect(viewStore.getState()).toMatchObject({ statistics: null, statisticsProgress: { done: 2, total: 9 }, notice: { title: 'One neuron only' }, job: { id: 3 } });
  });
});
