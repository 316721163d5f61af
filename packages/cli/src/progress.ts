import type { Writable } from './io-streams.js';

/** A progress bar for long work: drawn on a terminal only, at most about ten times a second. */
export interface ProgressBar {
  /** Reports `done` of `total` items. */
  readonly update: (done: number, total: number) => void;
  /** Clears the bar. */
  readonly done: () => void;
}

/**
 * A one-line progress bar on `stream` when it is a terminal (`[=====>    ] 1,234/5,000 principals`);
 * nothing when output goes to a file or a pipe, so logs and tests stay clean.
 */
export function progressBar(stream: Writable, unit: string, now: () => number = Date.now): ProgressBar {
  if (!stream.isTTY) return { update: () => {}, done: () => {} };
  let last = 0;
  let drawn = false;
  return {
    update(done, total) {
      const time = now();
      if (done < total && time - last < 100) return;
      last = time;
      const width = 30;
      const filled = total === 0 ? width : Math.round((done / total) * width);
      const head = filled > 0 && filled < width ? '>' : '';
      const bar = `${'='.repeat(filled - head.length)}${head}${' '.repeat(width - filled)}`;
      stream.write(`\r[${bar}] ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${unit}`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}
