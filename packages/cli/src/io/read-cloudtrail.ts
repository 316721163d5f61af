/**
 * Reading CloudTrail log files as CloudTrail delivers them to S3: one JSON object
 * `{"Records": [...]}` per file, gzipped (`.json.gz`) or not (`.json`). Files are streamed, never
 * loaded whole: a small state machine over the bytes finds each record of the `Records` array
 * (tracking strings, escapes and nesting depth), and only the record is given to `JSON.parse`.
 * Memory is one read buffer plus the largest record, however large the file.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-examples.html
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-find-log-files.html
 */
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { Diagnostic } from '@accessloop/core';
import { fileError } from './read-json-file.js';

/**
 * The largest record read. CloudTrail caps an event at 256 KB; a file with a larger one is not
 * what CloudTrail writes, and the cap keeps a hostile file from taking all memory.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/WhatIsCloudTrail-Limits.html
 */
export const MAX_RECORD_BYTES = 16 * 1024 * 1024;

/** What reading one file gave. */
export interface CloudTrailFileRead {
  /** Records handed to `onRecord`. */
  readonly records: number;
  /** Bytes of JSON read (after gunzip). */
  readonly bytes: number;
  /** Problems, each with `file` set; an error means the file was not read to its end or a record was skipped. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Splits the bytes of one `{"Records": [...]}` document into the texts of its records. */
export interface RecordSplitter {
  /** Feeds the next bytes. */
  write(chunk: Buffer): void;
  /** Ends the document; returns the diagnostics found (file-level and per record). */
  end(): Diagnostic[];
  /** Bytes fed so far. */
  readonly bytes: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const RECORDS = 'Records';
/** What separates two records in the compact JSON CloudTrail writes. */
const NEXT_RECORD = Buffer.from('},{"eventVersion":');

/** How many backslashes immediately precede `at`, counting back no further than `from`. */
function backslashesBefore(bytes: Buffer, at: number, from: number): number {
  let k = at - 1;
  while (k >= from && bytes[k] === BACKSLASH) k--;
  return at - 1 - k;
}

function isWhitespace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

/**
 * A splitter that calls `onRecord` with each parsed element of the top-level `Records` array.
 * A record that is not valid JSON or not an object is reported (`usage.invalid-cloudtrail-record`,
 * path `Records[<n>]`) and skipped; a document that is not `{"Records": [...]}` or ends early is
 * one `usage.invalid-cloudtrail-file` error with the byte position, and reading stops there.
 * A record longer than `maxRecordBytes` is reported and skipped without being kept in memory.
 */
export function createRecordSplitter(
  onRecord: (record: unknown) => void,
  maxRecordBytes: number = MAX_RECORD_BYTES,
): RecordSplitter {
  const diagnostics: Diagnostic[] = [];
  let offset = 0; // bytes before the current chunk
  let depth = 0;
  let inString = false;
  let escaped = false;
  let failed = false;
  let seenTop = false;
  let inRecords = false;
  let recordsDone = false;
  let recordIndex = 0;
  // The string being read at depth 1 (a top-level key), when short enough to be `Records`.
  let topString: number[] | undefined;
  let lastTopString = '';
  // The record being read: whether one is open, its pieces from earlier chunks, and where it
  // starts in the current chunk (-1: in an earlier one).
  let recordOpen = false;
  let pieces: Buffer[] = [];
  let piecesLength = 0;
  let recordStart = -1;
  let recordOffset = 0;
  let oversized = false;
  // An element of `Records` that is not an object is being skipped.
  let inScalar = false;

  const fileError = (at: number, message: string) => {
    failed = true;
    diagnostics.push({
      code: 'usage.invalid-cloudtrail-file',
      severity: 'error',
      path: `byte ${at}`,
      message,
    });
  };
  const recordError = (message: string) =>
    diagnostics.push({
      code: 'usage.invalid-cloudtrail-record',
      severity: 'error',
      path: `Records[${recordIndex}]`,
      message,
    });

  const finishRecord = (chunk: Buffer, end: number) => {
    const start = recordStart < 0 ? 0 : recordStart;
    if (oversized) {
      recordError(`the record at byte ${recordOffset} is larger than ${maxRecordBytes} bytes; it is skipped`);
    } else {
      const text =
        pieces.length === 0
          ? chunk.toString('utf8', start, end)
          : Buffer.concat([...pieces, chunk.subarray(start, end)]).toString('utf8');
      try {
        onRecord(JSON.parse(text));
      } catch (cause) {
        recordError(
          `the record at byte ${recordOffset} is not valid JSON (${cause instanceof Error ? cause.message : String(cause)}); it is skipped`,
        );
      }
    }
    recordIndex++;
    recordOpen = false;
    pieces = [];
    piecesLength = 0;
    recordStart = -1;
    oversized = false;
  };

  /**
   * The fast path for the compact JSON CloudTrail writes, where each record after the first
   * follows `},` and starts with `{"eventVersion":`: the record starting at `start` is taken to
   * end before the next `},{"eventVersion":` and parsed at once, without scanning its bytes.
   * The guess is safe: a slice that starts at a record's `{` and ends at any other `}` than the
   * record's own is not balanced, so JSON.parse refuses it, and the record is then read byte by
   * byte like any other. Returns the end (exclusive) when it worked, else -1.
   */
  const fastRecordEnd = (bytes: Buffer, start: number): number => {
    const next = bytes.indexOf(NEXT_RECORD, start);
    if (next < 0) return -1;
    let record: unknown;
    try {
      record = JSON.parse(bytes.toString('utf8', start, next + 1));
    } catch {
      return -1;
    }
    onRecord(record);
    return next + 1;
  };

  const scalarElement = () => {
    if (inScalar) return;
    inScalar = true;
    recordError('a record must be an object; it is skipped');
    recordIndex++;
  };

  return {
    get bytes() {
      return offset;
    },

    write(chunk) {
      if (failed) {
        offset += chunk.length;
        return;
      }
      const length = chunk.length;
      // Searched as bytes: every structural character of JSON is ASCII, and the fast path
      // calls indexOf about once per record, so no copy of the chunk as a string is made.
      const bytes = chunk;
      for (let i = 0; i < length; i++) {
        if (inString) {
          // Jump to the closing quote: one preceded by an even run of backslashes.
          let from = i;
          if (escaped) {
            escaped = false;
            from = i + 1;
          }
          let quote = bytes.indexOf(QUOTE, from);
          while (quote >= 0 && backslashesBefore(bytes, quote, from) % 2 === 1)
            quote = bytes.indexOf(QUOTE, quote + 1);
          const stop = quote < 0 ? length : quote;
          if (topString && topString.length < 16)
            topString.push(...chunk.subarray(from, Math.min(stop, from + 16)));
          if (quote < 0) {
            // The string goes on in the next chunk; an odd run of backslashes escapes its first byte.
            escaped = backslashesBefore(bytes, length, from) % 2 === 1;
            break;
          }
          i = quote;
          inString = false;
          if (topString) {
            lastTopString = String.fromCharCode(...topString.slice(0, 16));
            topString = undefined;
          }
          continue;
        }
        const b = bytes[i] as number;
        if (isWhitespace(b)) continue;
        if (!seenTop) {
          if (b === 0xef && offset + i === 0) {
            i += 2; // a UTF-8 byte order mark
            continue;
          }
          if (b !== OPEN_BRACE) {
            fileError(
              offset + i,
              'a CloudTrail log file is one JSON object `{"Records": [...]}`; this one does not start with `{`',
            );
            break;
          }
          seenTop = true;
          depth = 1;
          continue;
        }
        if (depth === 0) {
          fileError(offset + i, 'there is more after the end of the `{"Records": [...]}` object');
          break;
        }
        const elementLevel = inRecords && depth === 2;
        if (b === QUOTE) {
          inString = true;
          if (depth === 1) topString = [];
          else if (elementLevel) scalarElement();
        } else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
          if (elementLevel) {
            if (b === OPEN_BRACE && !inScalar) {
              const end = fastRecordEnd(bytes, i);
              if (end >= 0) {
                // Parsed whole: go on after it, still at the level of the records.
                recordIndex++;
                i = end - 1;
                continue;
              }
              recordOpen = true;
              recordStart = i;
              recordOffset = offset + i;
            } else scalarElement();
          }
          depth++;
          if (depth === 2 && b === OPEN_BRACKET && lastTopString === RECORDS && !recordsDone)
            inRecords = true;
        } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
          // Inside a record, JSON.parse checks the brackets; outside, the two levels are known.
          const expected = depth === 1 ? CLOSE_BRACE : depth === 2 && inRecords ? CLOSE_BRACKET : b;
          if (b !== expected) {
            fileError(offset + i, `\`${String.fromCharCode(b)}\` does not match its opening bracket`);
            break;
          }
          depth--;
          if (depth === 2 && recordOpen) finishRecord(chunk, i + 1);
          else if (depth === 1 && inRecords) {
            inRecords = false;
            inScalar = false;
            recordsDone = true;
          }
        } else if (elementLevel) {
          if (b === COMMA) inScalar = false;
          else scalarElement();
        }
      }
      // A record continues in the next chunk: keep its bytes (up to the cap).
      if (!failed && recordOpen) {
        const start = recordStart < 0 ? 0 : recordStart;
        piecesLength += length - start;
        if (piecesLength > maxRecordBytes) {
          oversized = true;
          pieces = [];
        } else if (!oversized) pieces.push(Buffer.from(chunk.subarray(start, length)));
        recordStart = -1;
      }
      offset += length;
    },

    end() {
      if (!failed) {
        if (!seenTop) fileError(offset, 'the file is empty; a CloudTrail log file is `{"Records": [...]}`');
        else if (depth !== 0 || inString)
          fileError(
            offset,
            `the file ends inside ${recordOpen ? `record ${recordIndex}` : inRecords ? 'the `Records` array' : 'the JSON object'}; it is truncated`,
          );
        else if (!recordsDone)
          fileError(offset, 'the object has no `Records` array; is this a CloudTrail log file?');
      }
      return diagnostics;
    },
  };
}

/**
 * Streams one CloudTrail log file (gunzipped when its name ends in `.gz`) and calls `onRecord`
 * with each record. A damaged or truncated gzip stream is a `usage.invalid-cloudtrail-file`
 * error, not a crash; the records before the damage are kept.
 */
export async function readCloudTrailFile(
  path: string,
  onRecord: (record: unknown) => void,
): Promise<CloudTrailFileRead> {
  let records = 0;
  const splitter = createRecordSplitter((record) => {
    records++;
    onRecord(record);
  });
  const diagnostics: Diagnostic[] = [];
  const source = createReadStream(path, { highWaterMark: 1 << 20 });
  const sink = async (chunks: AsyncIterable<Buffer>) => {
    for await (const chunk of chunks) splitter.write(chunk);
  };
  try {
    if (path.endsWith('.gz')) await pipeline(source, createGunzip({ chunkSize: 1 << 20 }), sink);
    else await pipeline(source, sink);
    diagnostics.push(...splitter.end());
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('Z_')) {
      diagnostics.push({
        code: 'usage.invalid-cloudtrail-file',
        severity: 'error',
        path: `byte ${splitter.bytes}`,
        message: `the gzip data is damaged or truncated (${(cause as Error).message}); download the file again`,
      });
    } else diagnostics.push(fileError(path, cause));
  }
  return { records, bytes: splitter.bytes, diagnostics: diagnostics.map((d) => ({ ...d, file: path })) };
}
