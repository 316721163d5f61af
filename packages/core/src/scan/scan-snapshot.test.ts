import { beforeAll, describe, expect, it } from 'vitest';
import { effectiveAccessOf } from '../access/access-of.js';
import { whoCan } from '../access/who-can.js';
import { capabilitiesFor } from '../capability/capability-map.js';
import { type Catalog, loadCatalog } from '../catalog/catalog.js';
import { loadResourceTypeIndex, type ResourceTypeIndex } from '../catalog/resource-types.js';
import type { Snapshot } from '../snapshot/model.js';
import { loadExampleOrg } from '../testing/example-org.js';
import { describeAccess } from './describe-access.js';
import { renderScanHtml, renderScanMarkdown, renderScanSummary } from './render-scan.js';
import { MAX_LISTED_PRINCIPALS, riskOf, type ScanResult, scanSnapshot } from './scan-snapshot.js';

let snapshot: Snapshot;
let tools: { catalog: Catalog; resourceTypes: ResourceTypeIndex };
let scan: ScanResult;
beforeAll(async () => {
  snapshot = loadExampleOrg();
  const catalog = await loadCatalog();
  tools = { catalog, resourceTypes: await loadResourceTypeIndex(catalog) };
  const result = scanSnapshot(snapshot, tools);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  scan = result.value;
}, 120_000);

const publicBucket = 'arn:aws:s3:::reporting-exports-555566667777';

describe('scanSnapshot on the training organisation', () => {
  it('covers every principal and every inventory resource, in ARN order', () => {
    const principals = snapshot.accounts.flatMap((a) => [...a.users, ...a.roles]).map((p) => p.arn);
    expect(scan.principals.map((p) => p.arn)).toEqual([...principals].sort());
    const resources = snapshot.accounts.flatMap((a) => a.resources.map((r) => r.arn));
    expect(scan.resources.map((r) => r.arn)).toEqual([...resources].sort());
  });

  // The scan also lists other services' actions on a resource (`ssm:SendCommand` writing its
  // output to a bucket), which who-can leaves out: who-can's principals are a part of its count.
  it('counts, for every inventory resource, the principals who-can finds, and lists them when they are few', () => {
    const known = new Set(snapshot.accounts.flatMap((a) => [...a.users, ...a.roles]).map((p) => p.arn));
    let reached = 0;
    for (const resource of scan.resources) {
      for (const { capability, principalCount, lines } of resource.access) {
        const reach = (arn: string) => {
          const found = whoCan(snapshot, tools, arn, { capability });
          if (!found.ok) throw new Error(JSON.stringify(found.diagnostics));
          return found.value.principals.map((p) => p.arn).filter((principal) => known.has(principal));
        };
        const objects = resource.type === 'AWS::S3::Bucket' ? reach(`${resource.arn}/*`) : [];
        const expected = new Set([...reach(resource.arn), ...objects]);
        expect(principalCount, `${resource.arn} ${capability}`).toBeGreaterThanOrEqual(expected.size);
        const listed = new Set(lines.map((l) => l.principal));
        if (principalCount <= MAX_LISTED_PRINCIPALS) {
          expect(
            [...expected].filter((arn) => !listed.has(arn)),
            resource.arn,
          ).toEqual([]);
        }
        if (expected.size > 0) reached++;
      }
    }
    expect(reached).toBeGreaterThan(10);
  });

  it("counts and lists each resource's principals as every principal's effective access says, the first few by ARN", () => {
    // The reference: every principal's grants turned around, each (resource, capability) in full.
    const inventory = new Map(scan.resources.map((r) => [r.arn, r]));
    const full = new Map<string, Map<string, boolean>>();
    for (const principal of scan.principals) {
      const access = effectiveAccessOf(snapshot, tools, principal.arn);
      if (!access.ok) throw new Error(principal.arn);
      for (const grant of access.value.grants) {
        for (const target of grant.resources) {
          const arn = inventory.has(target)
            ? target
            : target.startsWith('arn:aws:s3:::')
              ? target.split('/')[0]
              : '';
          const resource = inventory.get(arn as string);
          if (!resource) continue;
          for (const capability of new Set(grant.actions.flatMap((a) => capabilitiesFor(a)))) {
            const key = `${resource.arn} ${capability}`;
            if (!full.has(key)) full.set(key, new Map());
            full.get(key)?.set(principal.arn, resource.account !== principal.account);
          }
        }
      }
    }
    let capped = 0;
    for (const resource of scan.resources) {
      for (const { capability, principalCount, lines } of resource.access) {
        const key = `${resource.arn} ${capability}`;
        const inside = full.get(key) ?? new Map<string, boolean>();
        const outsiders = lines.filter((l) => !inside.has(l.principal));
        expect(principalCount, key).toBe(inside.size + outsiders.length);
        const byArn = [...inside.keys()].sort();
        const external = byArn.filter((arn) => inside.get(arn)).slice(0, MAX_LISTED_PRINCIPALS);
        const shown = Math.max(MAX_LISTED_PRINCIPALS, external.length + outsiders.length);
        const expected = [
          ...[...external, ...outsiders.map((l) => l.principal)].sort(),
          ...byArn.filter((arn) => !inside.get(arn)),
        ].slice(0, shown);
        expect(
          lines.map((l) => l.principal),
          key,
        ).toEqual(expected);
        if (principalCount > lines.length) capped++;
      }
    }
    expect(capped).toBeGreaterThan(0);
  });

  it('counts the principals that can administer, write or delete each resource', () => {
    const changers = (r: ScanResult['resources'][number]) =>
      new Set(
        r.access
          .filter((a) => a.capability !== 'read-config' && a.capability !== 'use-resource')
          .flatMap((a) => a.lines.map((l) => l.principal)),
      ).size;
    // Where nothing is cut short, the count is the principals listed.
    for (const r of scan.resources) {
      if (r.access.every((a) => a.principalCount === a.lines.length))
        expect(r.canChange, r.arn).toBe(changers(r));
    }
  });

  it('says what orders-api can do in one sentence (SPEC §5)', () => {
    const ordersApi = scan.principals.find((p) => p.arn === 'arn:aws:iam::111122223333:role/orders-api');
    expect(ordersApi?.sentence).toBe(
      'role `orders-api` can read and write data in 2 SQS queues, 2 Secrets Manager secrets, 1 DynamoDB table, 1 SNS topic and objects in 1 S3 bucket',
    );
    expect(ordersApi?.critical).toBe(false);
    expect(ordersApi?.group).toBe('checkout');
  });

  it('flags administrators of critical services', () => {
    const admin = scan.principals.find(
      (p) => p.arn === 'arn:aws:iam::111122223333:role/OrganizationAccountAccessRole',
    );
    expect(admin?.critical).toBe(true);
    expect(admin?.sentence).toContain('administer IAM');
    expect(admin?.sentence).toContain('(critical)');
  });

  // M1 of examples/README.md: the bucket policy lets anyone read every object.
  it('calls out the public bucket first, with the anonymous reader and the policy that lets it in', () => {
    const bucket = scan.resources.find((r) => r.arn === publicBucket);
    expect(bucket?.exposure).toBe('public');
    const readers = bucket?.access.find((a) => a.capability === 'read-data')?.lines ?? [];
    expect(readers[0]).toMatchObject({ principal: 'anonymous', external: true, conditional: false });
    expect(readers[0]?.via).toEqual(['resource-based policy']);
    // Outsiders come before the account's own principals.
    const external = readers.map((l) => l.external);
    expect(external).toEqual([...external].sort((a, b) => Number(b) - Number(a)));
    const analytics = scan.groups.find((g) => g.name === 'analytics');
    expect(analytics?.resources[0]).toBe(publicBucket);
  });

  it('groups resources by the team tag, riskiest first, untagged last', () => {
    expect(scan.groupBy).toBe('team');
    expect(scan.groups.at(-1)?.name).toBe('(untagged)');
    const byArn = new Map(scan.resources.map((r) => [r.arn, r]));
    for (const group of scan.groups) {
      const risks = group.resources.map((arn) => riskOf(byArn.get(arn) as (typeof scan.resources)[number]));
      expect(risks).toEqual([...risks].sort((a, b) => b - a));
      for (const arn of group.resources) expect(byArn.get(arn)?.group ?? '(untagged)').toBe(group.name);
    }
  });

  it('groups by another tag when asked', () => {
    const byApp = scanSnapshot(snapshot, tools, { groupBy: 'app' });
    if (!byApp.ok) throw new Error('scan failed');
    expect(byApp.value.groups.map((g) => g.name)).toContain('orders');
  });
});

describe('scan reports', () => {
  const hostile = '<img src=x onerror=alert(1)>`|*[x](javascript:alert(1))\u001b[31m';
  const hostileScan = (): ScanResult => ({
    ...scan,
    groups: [{ name: hostile, resources: [publicBucket], principals: [scan.principals[0]?.arn as string] }],
    principals: [
      {
        ...(scan.principals[0] as ScanResult['principals'][number]),
        name: hostile,
        sentence: `role \`${hostile}\` can do nothing`,
      },
    ],
    resources: scan.resources
      .filter((r) => r.arn === publicBucket)
      .map((r) => ({
        ...r,
        type: hostile,
        access: [
          {
            capability: 'read-data',
            principalCount: 1,
            lines: [{ principal: hostile, actions: [], conditional: false, external: true, via: [hostile] }],
          },
        ],
      })),
  });

  it('say how many more principals a capability has than they list, and the command that lists them', () => {
    const resource = scan.resources.find((r) => r.access.some((a) => a.principalCount > a.lines.length));
    const capped = resource?.access.find((a) => a.principalCount > a.lines.length);
    if (!resource || !capped) throw new Error('no resource with more principals than listed');
    const more = `and ${capped.principalCount - capped.lines.length} more`;
    const command = `accessloop who-can SNAPSHOT --resource ${resource.arn} --capability ${capped.capability}`;
    expect(renderScanMarkdown(scan)).toContain(`${more} | \`${command}\` lists them all`);
    expect(renderScanHtml(scan)).toContain(`${more}</td><td><code>${command}</code> lists them all`);
  });

  it('escape every AWS string in HTML', () => {
    const html = renderScanHtml(hostileScan());
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<script|https?:\/\//);
  });

  it('escape every AWS string in Markdown', () => {
    const markdown = renderScanMarkdown(hostileScan());
    expect(markdown).toContain('javascript');
    // Code spans are inert: outside them, no link, no HTML and no table cell break survives.
    const outsideCode = markdown.replace(/(?<!\\)(`+)[\s\S]*?\1/g, '');
    expect(
      outsideCode,
      outsideCode
        .split('\n')
        .filter((l) => l.includes('javascript'))
        .join('\n'),
    ).not.toContain('[x](javascript');
    expect(outsideCode).not.toMatch(/(?<!\\)<img/);
    expect(outsideCode).not.toContain('\u001b');
  });

  it('summarise for the terminal without control characters', () => {
    const summary = renderScanSummary(scan);
    expect(summary).toContain('109 principals and 68 resources in 7 accounts');
    expect(summary).toContain('1 resource open to the public');
    expect(renderScanSummary({ ...scan, collectedAt: hostile })).not.toContain('\u001b');
  });
});

describe('describeAccess', () => {
  const admin = [
    {
      capability: 'administer-resource' as const,
      service: 'iam',
      resources: ['arn:aws:iam::111122223333:role/x'],
      actions: ['iam:PutRolePolicy'],
      conditional: false,
    },
  ];
  const who = { kind: 'role' as const, name: 'deployer', account: '111122223333' };

  it('calls administration of a configured critical service critical', () => {
    expect(describeAccess(who, admin, tools.resourceTypes, new Set(['iam']))).toBe(
      'role `deployer` can administer IAM in account 111122223333 (critical)',
    );
  });

  it('follows the configuration: a service left out of the critical list is not', () => {
    expect(describeAccess(who, admin, tools.resourceTypes, new Set())).toBe(
      'role `deployer` can administer resources of 1 other service',
    );
  });

  it("counts each resource once across its services' lines, however the lines are shared", () => {
    const instance = (n: number) => `arn:aws:ec2:eu-west-1:111122223333:instance/i-${n}`;
    const line = (capability: 'read-data' | 'write-data', service: string, resources: string[]) => ({
      capability,
      service,
      resources,
      actions: [`${service}:X`],
      conditional: false,
    });
    // `ssm:SendCommand` writes to instances that EC2's own actions reach too; `*` stands for
    // the actions without a resource of both services.
    const ec2 = [line('read-data', 'ec2', ['*', instance(1), instance(2)])];
    const ssm = [line('write-data', 'ssm', ['*', instance(2), instance(3)])];
    const sentence =
      'role `deployer` can read and write data in 3 EC2 instances and any resource of its services';
    expect(describeAccess(who, [...ec2, ...ssm], tools.resourceTypes, new Set())).toBe(sentence);
    expect(describeAccess(who, [...ec2, ...ssm], tools.resourceTypes, new Set())).toBe(sentence);
    // The same first EC2 line with another beside it: what was counted for the first alone is not reused.
    const more = [...ec2, line('write-data', 'ec2', [instance(5)])];
    expect(describeAccess(who, [...more, ...ssm], tools.resourceTypes, new Set())).toBe(
      'role `deployer` can read and write data in 4 EC2 instances and any resource of its services',
    );
  });
});
