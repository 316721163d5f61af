import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createRecordSplitter, readCloudTrailFile } from './read-cloudtrail.js';

const dir = mkdtempSync(join(tmpdir(), 'accessloop-cloudtrail-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Splits `text` fed in chunks of the given sizes (cycled). */
function split(text: string | Buffer, sizes: readonly number[] = [1 << 20], maxRecordBytes?: number) {
  const records: unknown[] = [];
  const splitter = createRecordSplitter((r) => records.push(r), maxRecordBytes);
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const size = Math.max(1, sizes[k % sizes.length] as number);
    splitter.write(bytes.subarray(at, at + size));
    at += size;
  }
  return { records, diagnostics: splitter.end() };
}

// The shape CloudTrail delivers: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-examples.html
const hostile = {
  eventVersion: '1.09',
  eventSource: 's3.amazonaws.com',
  eventName: 'GetObject',
  requestParameters: { bucketName: 'b', key: 'a "quoted} {key\\ with ] [ brackets\u2028 and é 🙂' },
  resources: [{ ARN: 'arn:aws:s3:::b/x', type: 'AWS::S3::Object' }],
};

describe('createRecordSplitter', () => {
  it('gives every record of `Records`, whatever is in its strings and however the bytes are chunked', () => {
    const json = {
      fileVersion: 'x',
      Records: [hostile, { a: [1, { b: '}' }] }, {}],
      after: { Records: [9] },
    };
    const expected = [hostile, { a: [1, { b: '}' }] }, {}];
    for (const sizes of [[1], [2, 3], [7], [64]]) {
      expect(split(JSON.stringify(json, null, 2), sizes)).toEqual({ records: expected, diagnostics: [] });
    }
  });

  it('agrees with JSON.parse on any records and any chunking (property)', () => {
    const record = fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 5 });
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 5 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1 }),
        fc.boolean(),
        (records, sizes, pretty) => {
          const text = JSON.stringify({ Records: records }, null, pretty ? 2 : undefined);
          expect(split(text, sizes)).toEqual({ records: JSON.parse(text).Records, diagnostics: [] });
        },
      ),
    );
  });

  it('agrees with JSON.parse on compact files with any unicode, braces and escapes, split anywhere (property)', () => {
    // Strings of any code points, so multi-byte UTF-8 characters are cut by chunk ends too.
    const text = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: fc.constantFrom('\\', '"', '{', '}', '[', ']', ',', 'é', '🙂', '\u2028') }),
    );
    const record = fc.record({
      eventVersion: fc.constant('1.11'),
      eventName: text,
      requestParameters: fc.dictionary(text, fc.oneof(text, fc.array(text, { maxLength: 2 })), {
        maxKeys: 3,
      }),
    });
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 48 }), { minLength: 1 }),
        (records, sizes) => {
          const file = JSON.stringify({ Records: records });
          const expected = { records: JSON.parse(file).Records, diagnostics: [] };
          expect(split(file, sizes)).toEqual(expected);
          expect(split(file)).toEqual(expected);
        },
      ),
    );
  });

  it('finds string ends through any run of backslashes and quotes, split anywhere (property)', () => {
    const tricky = fc.string({
      unit: fc.constantFrom('\\', '"', 'a', '}', '{', ']', '[', ','),
      maxLength: 12,
    });
    const record = fc.dictionary(tricky, tricky, { maxKeys: 3 });
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1 }),
        (records, sizes) => {
          const text = JSON.stringify({ Records: records });
          expect(split(text, sizes)).toEqual({ records, diagnostics: [] });
        },
      ),
    );
  });

  it("takes the fast path on CloudTrail's compact form, and falls back whenever its guess is wrong (property)", () => {
    const tricky = fc.string({
      unit: fc.constantFrom('\\', '"', 'a', '}', '{', ',', ':', 'eventVersion'),
      maxLength: 10,
    });
    // Nested objects whose first key is also eventVersion make the `},{"eventVersion":` guess wrong.
    const nested = fc.array(fc.record({ eventVersion: tricky, x: tricky }), { maxLength: 2 });
    const record = fc.record({ eventVersion: tricky, items: nested, name: tricky });
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 5 }),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1 }),
        (records, sizes) => {
          const text = JSON.stringify({ Records: records });
          expect(split(text, sizes)).toEqual({ records, diagnostics: [] });
          expect(split(text)).toEqual({ records, diagnostics: [] });
        },
      ),
    );
  });

  it('reports a bad record in the compact form like any other', () => {
    const text = '{"Records":[{"eventVersion":"1.11"},{"eventVersion":tru},{"eventVersion":"1.11"}]}';
    const { records, diagnostics } = split(text);
    expect(records).toEqual([{ eventVersion: '1.11' }, { eventVersion: '1.11' }]);
    expect(diagnostics).toMatchObject([{ code: 'usage.invalid-cloudtrail-record', path: 'Records[1]' }]);
  });

  it('reports a bad record with its index and byte, and goes on with the next', () => {
    const { records, diagnostics } = split('{"Records":[{"a":1},{"a":tru},{"a":3}, 7]}');
    expect(records).toEqual([{ a: 1 }, { a: 3 }]);
    expect(diagnostics).toMatchObject([
      { code: 'usage.invalid-cloudtrail-record', severity: 'error', path: 'Records[1]' },
      {
        code: 'usage.invalid-cloudtrail-record',
        path: 'Records[3]',
        message: 'a record must be an object; it is skipped',
      },
    ]);
    expect(diagnostics[0]?.message).toMatch(/^the record at byte 20 is not valid JSON/);
  });

  it.each([
    ['', 'byte 0', 'the file is empty'],
    ['[{"a":1}]', 'byte 0', 'does not start with `{`'],
    ['{"Records":[{"a":1},{"a":', 'byte 25', 'ends inside record 1'],
    ['{"Events":[]}', 'byte 13', 'no `Records` array'],
    ['{"Records":[]} {}', 'byte 15', 'more after the end'],
    ['{"Records":[}]}', 'byte 12', 'does not match'],
  ])('%j is an invalid file at %s', (text, path, message) => {
    const { diagnostics } = split(text);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'usage.invalid-cloudtrail-file', severity: 'error', path });
    expect(diagnostics[0]?.message).toContain(message);
  });

  it('skips a record above the size cap without keeping it, and goes on', () => {
    const big = { data: 'x'.repeat(200) };
    const { records, diagnostics } = split(JSON.stringify({ Records: [{ a: 1 }, big, { b: 2 }] }), [16], 100);
    expect(records).toEqual([{ a: 1 }, { b: 2 }]);
    expect(diagnostics).toEqual([
      {
        code: 'usage.invalid-cloudtrail-record',
        severity: 'error',
        path: 'Records[1]',
        message: 'the record at byte 20 is larger than 100 bytes; it is skipped',
      },
    ]);
  });

  it('skips a UTF-8 byte order mark', () => {
    expect(split(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"Records":[{}]}')]))).toEqual({
      records: [{}],
      diagnostics: [],
    });
  });
});

describe('readCloudTrailFile', () => {
  const text = JSON.stringify({ Records: [hostile, hostile] });

  it('streams .json and .json.gz files', async () => {
    writeFileSync(join(dir, 'a.json'), text);
    writeFileSync(join(dir, 'a.json.gz'), gzipSync(text));
    for (const name of ['a.json', 'a.json.gz']) {
      const records: unknown[] = [];
      const read = await readCloudTrailFile(join(dir, name), (r) => records.push(r));
      expect(read).toEqual({ records: 2, bytes: Buffer.byteLength(text), diagnostics: [] });
      expect(records).toEqual([hostile, hostile]);
    }
  });

  it('reports a truncated gzip file as an error naming the file, not a crash', async () => {
    const gz = gzipSync(text);
    const path = join(dir, 'cut.json.gz');
    writeFileSync(path, gz.subarray(0, gz.length - 20));
    const read = await readCloudTrailFile(path, () => {});
    expect(read.diagnostics).toHaveLength(1);
    expect(read.diagnostics[0]).toMatchObject({
      code: 'usage.invalid-cloudtrail-file',
      severity: 'error',
      file: path,
    });
    expect(read.diagnostics[0]?.message).toMatch(/gzip data is damaged or truncated/);
  });

  it('reports gzip garbage and a missing file', async () => {
    const path = join(dir, 'garbage.json.gz');
    writeFileSync(path, 'not gzip at all');
    expect((await readCloudTrailFile(path, () => {})).diagnostics[0]).toMatchObject({
      code: 'usage.invalid-cloudtrail-file',
    });
    expect((await readCloudTrailFile(join(dir, 'missing.json'), () => {})).diagnostics[0]).toMatchObject({
      code: 'input.not-found',
    });
  });
});
