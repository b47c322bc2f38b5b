// Builds everything `npm start`, `npm run serve` and the tests run:
// the renderer (Vite) and the main, engine and preload bundles (esbuild).
import { chmodSync } from 'node:fs';
import { build as bundle } from 'esbuild';
import { build as buildRenderer } from 'vite';

const node = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  // Dependencies load from node_modules at run time (native ones cannot be bundled).
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
};

await Promise.all([
  buildRenderer({ configFile: 'renderer/vite.config.ts', logLevel: 'warn' }),
  bundle({ ...node, entryPoints: { 'main/index': 'main/index.ts', 'main/cli': 'main/cli/index.ts', 'engine/index': 'main/engine/index.ts' }, outdir: 'dist' }),
  // A sandboxed preload is one CommonJS file that may require only `electron`.
  bundle({ ...node, entryPoints: ['preload/index.ts'], outfile: 'dist/preload/index.cjs', format: 'cjs', platform: 'node', packages: undefined, external: ['electron'] }),
]);
chmodSync('dist/main/cli.js', 0o755);
