import type { Clock } from '../../src/clock';

/** A clock that stands still until the test moves it (BuildOptions.clock). */
export interface ManualClock extends Clock {
  /** Moves the time forward by `ms`. */
  advance(ms: number): void;
}

/** Starts at `start` (default: the real time now, so tokens signed with real claims are current). */
export function manualClock(start = Date.now()): ManualClock {
  let now = start;
  return Object.assign(() => now, {
    advance(ms: number) {
      now += ms;
    },
  });
}
