import { describe, expect, it } from 'vitest';
import { bufferedChannel } from '../../../shared/platform/bufferedChannel';

describe('a channel that keeps messages until someone listens', () => {
  it('hands the waiting messages to the first listener in order, then passes new ones at once', () => {
    const channel = bufferedChannel<number>(3);
    for (const n of [1, 2, 3, 4]) channel.push(n);
    const got: number[] = [];
    const stop = channel.listen((n) => got.push(n));
    expect(got).toEqual([2, 3, 4]);
    channel.push(5);
    expect(got).toEqual([2, 3, 4, 5]);
    stop();
    channel.push(6);
    expect(got).toEqual([2, 3, 4, 5]);
    const later: number[] = [];
    channel.listen((n) => later.push(n));
    expect(later).toEqual([6]);
  });
});
