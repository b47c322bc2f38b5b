/**
 * `npm run bench -- NAME...` runs the named benchmarks (all when none is named),
 * each in its own process so one's memory and JIT state do not colour the next.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const folder = import.meta.dirname;
const available = readdirSync(folder).filter((name) => name.endsWith('.bench.ts')).map((name) => name.replace('.bench.ts', ''));
const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`No benchmark named ${unknown.join(', ')}; there are: ${available.join(', ')}`);
  process.exit(2);
}
let failed = false;
for (const name of chosen.length > 0 ? chosen : available) {
  console.log(`\n== ${name}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(folder, `${name}.bench.ts`)], { stdio: 'inherit' });
  failed ||= result.status !== 0;
}
process.exit(failed ? 1 : 0);
