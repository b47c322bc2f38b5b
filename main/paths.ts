import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const productName = 'Latent Studio';

/** Where the built pieces live, relative to the app's root (also inside an asar archive). */
export interface AppPaths {
  readonly root: string;
  readonly rendererDir: string;
  readonly engineEntry: string;
  readonly preloadEntry: string;
  readonly assetsDir: string;
  /** The starter models' bundles and the Fashion-MNIST sample a new default project starts with. */
  readonly starterDir: string;
}

export function appPaths(root = findAppRoot(dirname(fileURLToPath(import.meta.url)))): AppPaths {
  return {
    root,
    rendererDir: join(root, 'dist', 'renderer'),
    engineEntry: join(root, 'dist', 'engine', 'index.js'),
    preloadEntry: join(root, 'dist', 'preload', 'index.cjs'),
    assetsDir: join(root, 'assets'),
    starterDir: join(unpackedRoot(root), 'assets', 'starter'),
  };
}

/**
 * Inside a packaged app the starter files are unpacked beside the asar
 * archive (electron-builder.yml), so readers outside Electron's fs (sharp,
 * the engine's native backends) can open them too.
 */
function unpackedRoot(root: string): string {
  return root.endsWith('.asar') ? `${root}.unpacked` : root;
}

/** The nearest folder upwards holding our package.json: the bundles and the sources sit at different depths. */
function findAppRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'latent-studio') {
      return dir;
    }
    if (dirname(dir) === dir) throw new Error(`Cannot find the Latent Studio app folder above ${start}`);
  }
}

/**
 * The same folder Electron's app.getPath('userData') gives, so the desktop
 * app and serve mode open the same default project.
 */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = homedir();
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), productName);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', productName);
  return join(env['XDG_CONFIG_HOME'] ?? join(home, '.config'), productName);
}

export function defaultProjectPath(userData: string): string {
  return join(userData, 'Default Project');
}

export function settingsFileOf(userData: string): string {
  return join(userData, 'settings.json');
}
