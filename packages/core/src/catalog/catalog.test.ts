import { beforeAll, describe, expect, it } from 'vitest';
import { type Catalog, loadCatalog } from './catalog.js';

// Service data: https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
describe('the service catalog', () => {
  let catalog: Catalog;
  beforeAll(async () => {
    catalog = await loadCatalog();
  });

  it('knows every service of the data, with thousands of actions', () => {
    expect(catalog.services.length).toBeGreaterThan(400);
    expect(catalog.services).toContain('s3');
    expect(catalog.expandActionPattern('*').length).toBeGreaterThan(15_000);
  });

  it('finds actions case-insensitively with AWS capitalisation, access level and resource types', () => {
    expect(catalog.findAction('S3:getobject')).toMatchObject({
      action: 's3:GetObject',
      service: 's3',
      accessLevel: 'Read',
      resourceTypes: expect.arrayContaining([{ name: 'object', required: false }]),
    });
    expect(catalog.findAction('iam:PutRolePolicy')?.accessLevel).toBe('Permissions management');
    expect(catalog.findAction('s3:TagResource')?.accessLevel).toBe('Tagging');
    expect(catalog.findAction('s3:GetObjekt')).toBeUndefined();
    expect(catalog.findAction('nosuchservice:GetObject')).toBeUndefined();
  });

  it('knows the actions that accept only `*` as resource', () => {
    expect(catalog.findAction('s3:ListAllMyBuckets')?.resourceTypes).toEqual([]);
  });

  it('expands wildcards within a service and never across the colon', () => {
    const gets = catalog.expandActionPattern('s3:Get*').map((a) => a.action);
    expect(gets).toContain('s3:GetObject');
    expect(gets.every((a) => a.startsWith('s3:Get'))).toBe(true);
    expect(catalog.expandActionPattern('sts:AssumeRole?').map((a) => a.action)).not.toContain(
      'sts:AssumeRole',
    );
    expect(catalog.expandActionPattern('s3*').length).toBe(0);
  });

  // RCPs apply to a published list of services.
  // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
  it('knows which services RCPs apply to', () => {
    expect(catalog.supportsRcp('s3')).toBe(true);
    expect(catalog.supportsRcp('kms')).toBe(true);
    expect(catalog.supportsRcp('sts')).toBe(true);
    expect(catalog.supportsRcp('ec2')).toBe(false);
  });

  it('loads only the services asked for', async () => {
    const small = await loadCatalog({ services: ['S3', 'nosuchservice'] });
    expect(small.services).toEqual(['s3']);
    expect(small.findAction('s3:GetObject')).toBeDefined();
    expect(small.findAction('iam:CreateUser')).toBeUndefined();
  });
});
