import { describe, expect, it } from 'vitest';
import { recordingTime, sessionOrder } from '../../../shared/dataset/sessionOrder';
import { inputFromBytes, openSessionFiles } from '../../../shared/formats/index';
import { nwbBytes } from '../../helpers/nwbWriter';

describe('the learning order of sessions from several files', () => {
  it('is by recording date where every file has one, whatever order the files came in', () => {
    const sources = [
      { name: 'z-first.nwb', recordedAt: '2017-02-28T00:00:00-06:00' },
      { name: 'a-second.nwb', recordedAt: '2017-05-08T00:00:00-05:00' },
    ];
    expect(sessionOrder(sources)).toEqual({ indices: [0, 1], rule: 'recording date' });
    expect(sessionOrder([...sources].reverse())).toEqual({ indices: [1, 0], rule: 'recording date' });
  });

  it('is by name in natural order where a file has no date, or one that cannot be read as a time', () => {
    expect(sessionOrder([{ name: 'day10' }, { name: 'day2', recordedAt: '2020-01-01' }, { name: 'Day1' }])).toEqual({ indices: [2, 1, 0], rule: 'name' });
    expect(sessionOrder([{ name: 'b', recordedAt: 'last Tuesday' }, { name: 'a', recordedAt: '2020-01-01' }])).toEqual({ indices: [1, 0], rule: 'name' });
  });

  it('keeps orders the user gave, those without one after them by name', () => {
    expect(sessionOrder([{ name: 'a', recordedAt: '2020-01-02' }, { name: 'b', explicitOrder: 1, recordedAt: '2020-01-03' }, { name: 'c', explicitOrder: 0 }])).toEqual({ indices: [2, 1, 0], rule: 'given' });
  });

  it('reads ISO 8601 times with and without zones, and NWB 1.x "YYYY-MM-DD hh:mm:ss" as UTC', () => {
    expect(recordingTime('2017-02-28T00:00:00-06:00')).toBe(Date.UTC(2017, 1, 28, 6));
    expect(recordingTime('2022-04-05T03:07:59.411186+00:00')).toBe(Date.UTC(2022, 3, 5, 3, 7, 59, 411));
    expect(recordingTime('2008-06-06 11:22:24')).toBe(Date.UTC(2008, 5, 6, 11, 22, 24));
    expect(recordingTime('2008-06-06')).toBe(Date.UTC(2008, 5, 6));
    expect(recordingTime('June 6')).toBeNaN();
  });
});

describe('opening two NWB sessions', () => {
  const session = (identifier: string, sessionStartTime: string | undefined, rate: number) =>
    nwbBytes({
      identifier,
      ...(sessionStartTime ? { sessionStartTime } : {}),
      units: [Array.from({ length: 40 * rate }, (_, k) => k / rate + 0.01), Array.from({ length: 30 }, (_, k) => k * 1.3 + 0.2)],
      trials: [
        ['start_time', Array.from({ length: 20 }, (_, t) => t * 2)],
        ['stop_time', Array.from({ length: 20 }, (_, t) => t * 2 + 2)],
        ['stimulus', Array.from({ length: 20 }, (_, t) => (t % 2 ? 1 : -1))],
      ],
    });

  it('puts the earlier recording first in whichever order the files are given (the app and the CLI read through here), and says by what rule', async () => {
    const early = inputFromBytes('z-session.nwb', await session('early', '2017-02-28T00:00:00-06:00', 1));
    const late = inputFromBytes('a-session.nwb', await session('late', '2017-05-08T00:00:00-05:00', 2));
    for (const files of [[early, late], [late, early]]) {
      const opened = await openSessionFiles(files, { dropSilent: false });
      expect(opened.dataset.sessions.map((s) => [s.id, s.order, s.recordedAt])).toEqual([
        ['z-session', 1, '2017-02-28T00:00:00-06:00'],
        ['a-session', 2, '2017-05-08T00:00:00-05:00'],
      ]);
      expect(opened.orderRule).toBe('recording date');
      expect(opened.sources.map((s) => [s.name, s.order])).toEqual([['z-session.nwb', 1], ['a-session.nwb', 2]]);
      expect(opened.warnings.map((w) => w.message)).toContain('learning order by recording date (session_start_time): z-session.nwb (2017-02-28T00:00:00-06:00), a-session.nwb (2017-05-08T00:00:00-05:00)');
    }
  });

  it('without dates, orders by name', async () => {
    const files = [inputFromBytes('day10.nwb', await session('x', undefined, 1)), inputFromBytes('day2.nwb', await session('y', undefined, 2))];
    const opened = await openSessionFiles(files, { dropSilent: false });
    expect(opened.dataset.sessions.map((s) => s.id)).toEqual(['day2', 'day10']);
    expect(opened.orderRule).toBe('name');
  });
});
