/**
 * Benchmark of CloudTrail ingestion: the streamed reader of `accessloop usage` and `score`
 * (`readCloudTrailFile`: gunzip, the record splitter, `JSON.parse` per record) feeding the usage
 * collector (event to IAM action against the catalog, role sessions to roles, aggregation).
 *
 * A seeded generator writes CloudTrail log files of growing size (50, 200 and 800 MB of JSON) in
 * the format CloudTrail delivers (`{"Records": [...]}`, every usual field, a mix of management and
 * data events from 300 role sessions and IAM users across 12 services, 2% refused calls), once as
 * `.json` and once as `.json.gz`, into a temporary folder that is deleted afterwards. Each file is
 * read in its own process, so each peak memory is that file's alone; the rate is MB of
 * uncompressed JSON per second of reading, on one core. The target (issue 4) is 50 MB/s, with
 * peak memory flat as the input grows.
 *
 * Run with `npm run bench` (which builds the packages first), or alone:
 * `npm run build && npx tsc -p bench/tsconfig.json && node bench/dist/cloudtrail.js`.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createGzip } from 'node:zlib';
import { createCloudTrailUsageCollector, loadCatalog } from '@accessloop/core';
import { createRandom, type Random } from './lib/random.js';
import { type BenchmarkRow, emitReport, formatCount, progress } from './lib/result.js';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const readerModule = join(root, 'packages/cli/dist/io/read-cloudtrail.js');

const MB = 1_000_000;
const SIZES_MB = [50, 200, 800];
const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';

/** The reader, loaded from the built CLI (the benchmark measures what the command runs). */
type ReadCloudTrailFile = (
  path: string,
  onRecord: (record: unknown) => void,
) => Promise<{ records: number; bytes: number; diagnostics: readonly { message: string }[] }>;

/** What one reading process reports. */
interface ReadResult {
  readonly ms: number;
  /** CPU time of the process while reading (all its threads, gunzip included). */
  readonly cpuMs: number;
  readonly bytes: number;
  readonly records: number;
  readonly used: number;
  readonly actions: number;
  readonly peakRssMb: number;
}

/** Child mode: read one file, print what it measured. */
async function readOne(path: string): Promise<void> {
  const { readCloudTrailFile } = (await import(pathToFileURL(readerModule).href)) as {
    readCloudTrailFile: ReadCloudTrailFile;
  };
  const collector = createCloudTrailUsageCollector(await loadCatalog());
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const read = await readCloudTrailFile(path, (record) => collector.add(record));
  const usage = collector.usage();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const cpuUsed = process.cpuUsage(cpu);
  if (read.diagnostics.length > 0) throw new Error(read.diagnostics.map((d) => d.message).join('; '));
  const result: ReadResult = {
    ms,
    cpuMs: (cpuUsed.user + cpuUsed.system) / 1000,
    bytes: read.bytes,
    records: read.records,
    used: collector.stats().used,
    actions: usage.actions.length,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Event kinds of the generated logs: source, name, and the request parameters they carry. */
const EVENTS: readonly {
  source: string;
  name: string;
  data: boolean;
  params: (r: Random) => Record<string, unknown>;
}[] = [
  {
    source: 's3.amazonaws.com',
    name: 'GetObject',
    data: true,
    params: (r) => s3(r, `data/${r.int(1, 99999)}.parquet`),
  },
  {
    source: 's3.amazonaws.com',
    name: 'PutObject',
    data: true,
    params: (r) => s3(r, `upload/${r.int(1, 99999)}.json`),
  },
  {
    source: 's3.amazonaws.com',
    name: 'HeadObject',
    data: true,
    params: (r) => s3(r, `data/${r.int(1, 99999)}.parquet`),
  },
  {
    source: 's3.amazonaws.com',
    name: 'ListObjectsV2',
    data: true,
    params: (r) => ({ ...s3(r), 'list-type': '2', prefix: 'data/' }),
  },
  {
    source: 'dynamodb.amazonaws.com',
    name: 'GetItem',
    data: true,
    params: (r) => ({ tableName: `table-${r.int(1, 20)}`, key: { id: 'HIDDEN_DUE_TO_SECURITY_REASONS' } }),
  },
  {
    source: 'dynamodb.amazonaws.com',
    name: 'PutItem',
    data: true,
    params: (r) => ({ tableName: `table-${r.int(1, 20)}`, key: { id: 'HIDDEN_DUE_TO_SECURITY_REASONS' } }),
  },
  {
    source: 'dynamodb.amazonaws.com',
    name: 'Query',
    data: true,
    params: (r) => ({ tableName: `table-${r.int(1, 20)}`, keyConditionExpression: 'pk = :p' }),
  },
  {
    source: 'sqs.amazonaws.com',
    name: 'SendMessage',
    data: true,
    params: (r) => ({
      queueUrl: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/queue-${r.int(1, 10)}`,
      messageBody: 'HIDDEN_DUE_TO_SECURITY_REASONS',
    }),
  },
  {
    source: 'sqs.amazonaws.com',
    name: 'ReceiveMessage',
    data: true,
    params: (r) => ({
      queueUrl: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/queue-${r.int(1, 10)}`,
      maxNumberOfMessages: 10,
    }),
  },
  {
    source: 'kms.amazonaws.com',
    name: 'Decrypt',
    data: false,
    params: () => ({ encryptionAlgorithm: 'SYMMETRIC_DEFAULT' }),
  },
  {
    source: 'kms.amazonaws.com',
    name: 'GenerateDataKey',
    data: false,
    params: (r) => ({ keyId: `alias/app-${r.int(1, 5)}`, keySpec: 'AES_256' }),
  },
  {
    source: 'secretsmanager.amazonaws.com',
    name: 'GetSecretValue',
    data: false,
    params: (r) => ({
      secretId: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:app-${r.int(1, 30)}-AbCdEf`,
    }),
  },
  {
    source: 'sts.amazonaws.com',
    name: 'AssumeRole',
    data: false,
    params: (r) => ({
      roleArn: `arn:aws:iam::${ACCOUNT}:role/app-${r.int(1, 300)}`,
      roleSessionName: `s-${r.int(1, 1e6)}`,
    }),
  },
  {
    source: 'lambda.amazonaws.com',
    name: 'Invoke',
    data: true,
    params: (r) => ({ functionName: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:fn-${r.int(1, 40)}` }),
  },
  {
    source: 'lambda.amazonaws.com',
    name: 'GetFunction20150331v2',
    data: false,
    params: (r) => ({ functionName: `fn-${r.int(1, 40)}` }),
  },
  {
    source: 'ec2.amazonaws.com',
    name: 'DescribeInstances',
    data: false,
    params: () => ({ maxResults: 100 }),
  },
  {
    source: 'monitoring.amazonaws.com',
    name: 'PutMetricData',
    data: false,
    params: (r) => ({ namespace: `App/${r.int(1, 9)}` }),
  },
  {
    source: 'logs.amazonaws.com',
    name: 'CreateLogStream',
    data: false,
    params: (r) => ({ logGroupName: `/app/${r.int(1, 50)}`, logStreamName: `s-${r.int(1, 1e6)}` }),
  },
  {
    source: 'ecr.amazonaws.com',
    name: 'BatchGetImage',
    data: false,
    params: (r) => ({ repositoryName: `repo-${r.int(1, 30)}`, imageIds: [{ imageTag: 'latest' }] }),
  },
  {
    source: 'iam.amazonaws.com',
    name: 'GetRole',
    data: false,
    params: (r) => ({ roleName: `app-${r.int(1, 300)}` }),
  },
];

function s3(r: Random, key?: string): Record<string, unknown> {
  const bucketName = `bucket-${r.int(1, 25)}-${ACCOUNT}`;
  return {
    bucketName,
    Host: `${bucketName}.s3.${REGION}.amazonaws.com`,
    ...(key === undefined ? {} : { key }),
  };
}

function hex(r: Random, length: number): string {
  let out = '';
  while (out.length < length)
    out += Math.floor(r.next() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  return out.slice(0, length);
}

function uuid(r: Random): string {
  const h = hex(r, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** One CloudTrail record (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html). */
function record(r: Random, time: number): Record<string, unknown> {
  const event = r.pick(EVENTS);
  const user = r.chance(0.05);
  const n = r.int(1, 300);
  const identity = user
    ? {
        type: 'IAMUser',
        principalId: `AIDA${hex(r, 16).toUpperCase()}`,
        arn: `arn:aws:iam::${ACCOUNT}:user/svc-${n % 20}`,
        accountId: ACCOUNT,
        accessKeyId: `AKIA${hex(r, 16).toUpperCase()}`,
        userName: `svc-${n % 20}`,
      }
    : {
        type: 'AssumedRole',
        principalId: `AROA${n}EXAMPLE:session-${r.int(1, 50)}`,
        arn: `arn:aws:sts::${ACCOUNT}:assumed-role/app-${n}/session-${r.int(1, 50)}`,
        accountId: ACCOUNT,
        accessKeyId: `ASIA${hex(r, 16).toUpperCase()}`,
        sessionContext: {
          sessionIssuer: {
            type: 'Role',
            principalId: `AROA${n}EXAMPLE`,
            arn: `arn:aws:iam::${ACCOUNT}:role/app/app-${n}`,
            accountId: ACCOUNT,
            userName: `app-${n}`,
          },
          webIdFederationData: {},
          attributes: {
            creationDate: new Date(time - 600_000).toISOString().replace('.000Z', 'Z'),
            mfaAuthenticated: 'false',
          },
        },
      };
  const denied = r.chance(0.02);
  return {
    eventVersion: '1.11',
    userIdentity: identity,
    eventTime: new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    eventSource: event.source,
    eventName: event.name,
    awsRegion: REGION,
    sourceIPAddress: `10.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`,
    userAgent: 'aws-sdk-js/3.692.0 ua/2.1 os/linux#5.10.228-219.884.amzn2.x86_64 lang/js md/nodejs#20.18.0',
    ...(denied
      ? {
          errorCode: 'AccessDenied',
          errorMessage: `User is not authorized to perform: ${event.name} "with \\"quotes\\" and {braces}"`,
        }
      : {}),
    requestParameters: event.params(r),
    responseElements: null,
    requestID: uuid(r),
    eventID: uuid(r),
    readOnly: /^(Get|List|Describe|Head|Query|Receive|Decrypt)/.test(event.name),
    ...(event.source === 'kms.amazonaws.com'
      ? {
          resources: [
            {
              accountId: ACCOUNT,
              type: 'AWS::KMS::Key',
              ARN: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${uuid(r)}`,
            },
          ],
        }
      : {}),
    eventType: 'AwsApiCall',
    managementEvent: !event.data,
    recipientAccountId: ACCOUNT,
    eventCategory: event.data ? 'Data' : 'Management',
    tlsDetails: {
      tlsVersion: 'TLSv1.3',
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      clientProvidedHostHeader: `${event.source.split('.')[0]}.${REGION}.amazonaws.com`,
    },
  };
}

/** Writes one log file of about `megabytes` MB as `.json` and `.json.gz`; returns the JSON size. */
async function generate(
  dir: string,
  megabytes: number,
  seed: number,
): Promise<{ json: string; gz: string; bytes: number }> {
  const r = createRandom(seed);
  const json = join(dir, `${ACCOUNT}_CloudTrail_${REGION}_${megabytes}MB.json`);
  const gzPath = `${json}.gz`;
  const fd = openSync(json, 'w');
  const gzFd = openSync(gzPath, 'w');
  const gzip = createGzip();
  gzip.on('data', (chunk: Buffer) => writeSync(gzFd, chunk));
  const gzipDone = new Promise<void>((done, fail) => {
    gzip.on('end', done);
    gzip.on('error', fail);
  });
  let bytes = 0;
  let time = Date.parse('2026-11-09T00:00:00Z');
  const write = async (text: string) => {
    const buffer = Buffer.from(text);
    writeSync(fd, buffer);
    bytes += buffer.length;
    if (!gzip.write(buffer)) await new Promise((done) => gzip.once('drain', done));
  };
  await write('{"Records":[');
  let first = true;
  while (bytes < megabytes * MB) {
    const batch: string[] = [];
    for (let i = 0; i < 500; i++) {
      time += r.int(1, 400);
      batch.push(JSON.stringify(record(r, time)));
    }
    await write(`${first ? '' : ','}${batch.join(',')}`);
    first = false;
  }
  await write(']}');
  gzip.end();
  await gzipDone;
  closeSync(fd);
  closeSync(gzFd);
  return { json, gz: gzPath, bytes };
}

function readInChild(path: string): Promise<ReadResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--read', path], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0
        ? done(JSON.parse(out.trim()) as ReadResult)
        : fail(new Error(`reading ${path} exited ${code}`)),
    );
  });
}

/** Parses every record of a generated file, each with its own JSON.parse; returns how many. */
function parseEachRecord(text: string): number {
  const separator = '},{"eventVersion":';
  let start = text.indexOf('[') + 1;
  let count = 0;
  for (let end = text.indexOf(separator, start); end >= 0; end = text.indexOf(separator, start)) {
    JSON.parse(text.slice(start, end + 1));
    count++;
    start = end + 2;
  }
  return count;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'accessloop-bench-cloudtrail-'));
  const rows: BenchmarkRow[] = [];
  const notes: string[] = [];
  try {
    for (const [i, size] of SIZES_MB.entries()) {
      progress(`cloudtrail: generating ${size} MB`);
      const files = await generate(dir, size, 20261116 + i);
      if (i === 0) {
        // What any JSON reader pays, on this machine now: one JSON.parse of the whole text, and
        // one JSON.parse per record (what the reader does; its floor).
        const text = readFileSync(files.json, 'utf8');
        const mbPerSecond = (parse: () => void) => {
          const start = process.hrtime.bigint();
          parse();
          return (files.bytes / MB / (Number(process.hrtime.bigint() - start) / 1e9)).toFixed(0);
        };
        notes.push(
          `JSON.parse of the whole ${size} MB file in one call, for reference: ${mbPerSecond(() => JSON.parse(text))} MB/s`,
          `JSON.parse of each record alone (the reader's floor), for reference: ${mbPerSecond(() => parseEachRecord(text))} MB/s`,
        );
      }
      for (const [format, path] of [
        ['.json', files.json],
        ['.json.gz', files.gz],
      ] as const) {
        progress(`cloudtrail: reading ${size} MB ${format}`);
        const read = await readInChild(path);
        if (read.bytes !== files.bytes) throw new Error(`read ${read.bytes} bytes of ${files.bytes}`);
        rows.push({
          benchmark: `CloudTrail ${format}`,
          inputSize: `${formatCount(read.bytes / MB)} MB, ${formatCount(read.records)} records`,
          wallMs: read.ms,
          rate: `${(read.bytes / MB / (read.ms / 1000)).toFixed(0)} MB/s`,
          peakRssMb: read.peakRssMb,
        });
        notes.push(
          `${size} MB ${format}: ${(read.bytes / MB / (read.cpuMs / 1000)).toFixed(0)} MB per CPU second (wall-clock rate is lower when the machine is shared)`,
        );
        if (format === '.json')
          notes.push(
            `${size} MB: ${formatCount(read.used)} records became usage (the rest refused), aggregated into ${formatCount(read.actions)} (principal, action) pairs`,
          );
      }
      rmSync(files.json);
      rmSync(files.gz);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  emitReport({
    name: 'cloudtrail',
    description:
      'CloudTrail ingestion as `accessloop usage` runs it: files streamed (gunzip, record splitter, JSON.parse per record) into the usage collector (event to IAM action, role sessions to roles, aggregation). Generated logs of 300 roles and 20 users across 12 services; each file read in its own process. Rate: MB of uncompressed JSON per second of reading.',
    rows,
    notes,
  });
}

// `--read FILE` reads one file (the child mode of `main`); `--generate DIR MB` only writes the
// two files of one size, for A/B runs of `--read` against two builds.
const readAt = process.argv.indexOf('--read');
const generateAt = process.argv.indexOf('--generate');
if (readAt >= 0) await readOne(process.argv[readAt + 1] as string);
else if (generateAt >= 0)
  progress(
    JSON.stringify(
      await generate(process.argv[generateAt + 1] as string, Number(process.argv[generateAt + 2]), 20261116),
    ),
  );
else await main();
