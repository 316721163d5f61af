import { beforeAll, describe, expect, it } from 'vitest';
import { type Catalog, loadCatalog } from '../catalog/catalog.js';
import { parseAccessAdvisor, usageFromAccessAdvisor } from './access-advisor.js';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog();
});

const ROLE = 'arn:aws:iam::111122223333:role/orders-api';

/**
 * `aws iam get-service-last-accessed-details` output for an ACTION_LEVEL job, as the CLI prints it
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetServiceLastAccessedDetails.html).
 */
const details = {
  JobStatus: 'COMPLETED',
  JobType: 'ACTION_LEVEL',
  JobCreationDate: '2026-11-16T07:30:02.511000+00:00',
  ServicesLastAccessed: [
    {
      ServiceName: 'Amazon S3',
      LastAuthenticated: '2026-11-15T22:41:09+00:00',
      ServiceNamespace: 's3',
      LastAuthenticatedEntity: ROLE,
      LastAuthenticatedRegion: 'eu-west-1',
      TotalAuthenticatedEntities: 1,
      TrackedActionsLastAccessed: [
        {
          ActionName: 'GetObject',
          LastAccessedEntity: ROLE,
          LastAccessedRegion: 'eu-west-1',
          LastAccessedTime: '2026-11-15T22:41:09+00:00',
        },
        { ActionName: 'DeleteObject' },
      ],
    },
    { ServiceName: 'Amazon DynamoDB', ServiceNamespace: 'dynamodb', TotalAuthenticatedEntities: 0 },
  ],
  JobCompletionDate: '2026-11-16T07:30:05.204000+00:00',
  IsTruncated: false,
};

describe('parseAccessAdvisor', () => {
  it('reads the CLI output keyed by principal ARN, and maps it to usage: services and tracked actions used', () => {
    const parsed = parseAccessAdvisor({ [ROLE]: details });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(usageFromAccessAdvisor(parsed.value, catalog)).toEqual({
      actions: [
        {
          principal: ROLE,
          action: 's3:*',
          resources: [],
          count: 0,
          lastUsed: '2026-11-15T22:41:09Z',
          source: 'access-advisor',
        },
        {
          principal: ROLE,
          action: 's3:GetObject',
          resources: [],
          count: 0,
          lastUsed: '2026-11-15T22:41:09Z',
          source: 'access-advisor',
        },
      ],
      coverage: { accounts: [], principals: [ROLE] },
    });
  });

  it.each([
    [[], '', 'object keyed by principal ARN'],
    [
      { 'arn:aws:iam::111122223333:policy/p': details },
      '["arn:aws:iam::111122223333:policy/p"]',
      'not an IAM user or role ARN',
    ],
    [{ [ROLE]: { ...details, JobStatus: 'IN_PROGRESS' } }, `["${ROLE}"].JobStatus`, 'not `COMPLETED`'],
    [{ [ROLE]: { ...details, JobCompletionDate: 'yesterday' } }, `["${ROLE}"].JobCompletionDate`, 'ISO 8601'],
    [{ [ROLE]: { ...details, ServicesLastAccessed: {} } }, `["${ROLE}"].ServicesLastAccessed`, 'array'],
    [
      { [ROLE]: { ...details, ServicesLastAccessed: [{ ServiceName: 'Amazon S3' }] } },
      `["${ROLE}"].ServicesLastAccessed[0].ServiceNamespace`,
      'non-empty string',
    ],
    [
      {
        [ROLE]: {
          ...details,
          ServicesLastAccessed: [
            {
              ServiceName: 'S3',
              ServiceNamespace: 's3',
              TrackedActionsLastAccessed: [{ ActionName: 'GetObject', LastAccessedTime: 3 }],
            },
          ],
        },
      },
      `["${ROLE}"].ServicesLastAccessed[0].TrackedActionsLastAccessed[0].LastAccessedTime`,
      'ISO 8601',
    ],
  ])('%j is an error at %s', (json, path, message) => {
    const parsed = parseAccessAdvisor(json);
    expect(parsed.ok).toBe(false);
    expect(parsed.diagnostics[0]).toMatchObject({
      code: 'usage.invalid-access-advisor',
      severity: 'error',
      path,
    });
    expect(parsed.diagnostics[0]?.message).toContain(message);
  });

  it('warns about a truncated report', () => {
    const parsed = parseAccessAdvisor({ [ROLE]: { ...details, IsTruncated: true, Marker: 'abc' } });
    expect(parsed).toMatchObject({
      ok: true,
      diagnostics: [{ severity: 'warning', path: `["${ROLE}"].IsTruncated` }],
    });
  });
});
