/** Where a command writes: the process's streams, or buffers in tests. */
export interface Io {
  readonly stdout: Writable;
  readonly stderr: Writable;
}

/** The part of a stream the commands use. */
export interface Writable {
  write(text: string): boolean;
  once?(event: 'drain', listener: () => void): unknown;
  readonly isTTY?: boolean;
}
