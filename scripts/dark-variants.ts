// Lists the light Tailwind colours that have no dark counterpart in the given files, or with --write
// adds the usual one (components/theme/dark-variants.ts; docs/adr/0022-dark-mode.md).
//   npx tsx scripts/dark-variants.ts components/kinds/nodes/panel.tsx
//   npx tsx scripts/dark-variants.ts --write components/kinds/nodes/*.tsx
import { readFileSync, writeFileSync } from 'node:fs';

import { addDarkVariants, missingDarkVariants } from '../components/theme/dark-variants';

const write = process.argv.includes('--write');
const files = process.argv.slice(2).filter((a) => a !== '--write');
let found = 0;
for (const file of files) {
  const source = readFileSync(file, 'utf8');
  const missing = missingDarkVariants(source);
  found += missing.length;
  for (const m of missing) console.log(`${file}:${m.line} ${m.token}`);
  if (write && missing.length) writeFileSync(file, addDarkVariants(source));
}
if (write && found) console.log(`added dark counterparts for ${found} colours; run prettier on these files`);
process.exitCode = !write && found ? 1 : 0;
