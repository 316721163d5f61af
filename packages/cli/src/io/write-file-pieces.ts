import { closeSync, openSync, writeSync } from 'node:fs';

/** Text handed to `write` piece by piece. */
export type Pieces = (write: (piece: string) => void) => void;

/** Size of the buffer pieces are encoded into before they are written. */
const BUFFER_BYTES = 1 << 20;

/**
 * Writes text to a new file (or over an old one) as `give` hands it over, piece by piece: each
 * piece is encoded as UTF-8 straight into a buffer, written out a megabyte at a time, so neither
 * the whole text nor strings joined from the pieces are ever built.
 */
export function writeFilePieces(path: string, give: Pieces): void {
  const fd = openSync(path, 'w');
  try {
    const buffer = Buffer.allocUnsafe(BUFFER_BYTES);
    let used = 0;
    give((piece) => {
      // A UTF-16 code unit takes at most 3 bytes in UTF-8.
      const most = piece.length * 3;
      if (used + most > BUFFER_BYTES) {
        writeAll(fd, buffer.subarray(0, used));
        used = 0;
      }
      if (most > BUFFER_BYTES) writeAll(fd, Buffer.from(piece));
      else used += buffer.write(piece, used);
    });
    writeAll(fd, buffer.subarray(0, used));
  } finally {
    closeSync(fd);
  }
}

/** Writes all of `bytes`: a write may take fewer bytes than it was given. */
function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
}
