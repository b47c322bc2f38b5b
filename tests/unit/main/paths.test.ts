import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appPaths } from '../../../main/paths';

describe('app paths', () => {
  it('finds the starter models in a checkout', () => {
    expect(existsSync(join(appPaths().starterDir, 'manifest.json'))).toBe(true);
  });

  it('reads the starter files from beside a packaged app’s asar archive, where they are unpacked, and the code from inside it', () => {
    const paths = appPaths('/opt/Latent Studio/resources/app.asar');
    expect(paths.starterDir).toBe('/opt/Latent Studio/resources/app.asar.unpacked/assets/starter');
    expect(paths.engineEntry).toBe('/opt/Latent Studio/resources/app.asar/dist/engine/index.js');
    expect(appPaths('/home/me/latent-studio').starterDir).toBe('/home/me/latent-studio/assets/starter');
  });
});
