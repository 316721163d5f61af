import { it } from 'vitest';
import { loadCatalog } from '../catalog/catalog.js';
import { loadResourceTypeIndex } from '../catalog/resource-types.js';
import { loadExampleOrg } from '../testing/example-org.js';
import { uninventoriedAccessOf } from './uninventoried-access.js';

it('t', async () => {
  const snapshot = loadExampleOrg();
  const catalog = await loadCatalog();
  const tools = { catalog, resourceTypes: await loadResourceTypeIndex(catalog) };
  const arns = snapshot.accounts.flatMap((a) => [...a.users, ...a.roles]).map((p) => p.arn);
  const t = performance.now();
  const out: string[] = [];
  for (const arn of arns) {
    const r = uninventoriedAccessOf(snapshot, tools, arn);
    if (!r.ok) {
      out.push(`${arn} FAIL ${JSON.stringify(r.diagnostics[0])}`);
      continue;
    }
    const n = r.value.grants.reduce((s, g) => s + g.actions.length, 0);
    out.push(`${n} ${r.value.grants.filter((g) => g.conditional).length} ${arn}`);
  }
  console.log('ms', performance.now() - t);
  console.log(
    out
      .sort((a, b) => parseInt(b) - parseInt(a))
      .slice(0, 12)
      .join('\n'),
  );
  const r = uninventoriedAccessOf(snapshot, tools, 'arn:aws:iam::111122223333:role/orders-api');
  console.log(JSON.stringify(r.ok && r.value.grants.slice(0, 8)));
}, 120000);
