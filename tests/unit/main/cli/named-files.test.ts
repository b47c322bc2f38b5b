import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appPaths } from '../../../../main/paths';
import { fashionMnistIdx } from '../../../fixtures/fashion-mnist';

const cli = join(appPaths().root, 'dist', 'main', 'cli.js');

/** Files that are not what they claim, on the command line: each named, none hanging, none stopping the rest. */
describe('latent-studio with bad files (built CLI)', () => {
  let base = '';
  let project = '';
  const run = (args: string[], timeout = 60_000) =>
    spawnSync(process.execPath, [cli, ...args, '--project', project], { encoding: 'utf8', env: { ...process.env, XDG_CONFIG_HOME: join(base, 'config') }, timeout });

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'studio-cli-named-'));
    project = join(base, 'project');
  });

  it('imports a folder of IDX files past one whose header lies, listing it as a problem', () => {
    const folder = join(base, 'mnist');
    mkdirSync(folder);
    fashionMnistIdx(folder, 20);
    // The header says 60,000 images of 28×28; the file holds 16 bytes of header and 1,000 of pixels.
    const header = Buffer.alloc(16);
    header.writeUInt32BE(0x00000803, 0);
    [60_000, 28, 28].forEach((size, axis) => header.writeUInt32BE(size, 4 + 4 * axis));
    writeFileSync(join(folder, 'lying-images-idx3-ubyte'), Buffer.concat([header, Buffer.alloc(1000)]));
    const result = run(['import', 'Digits', folder, '--kind', 'images']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^ {2}Digits now holds 20 images$/m);
    expect(result.stdout).toContain('✗ lying-images-idx3-ubyte is truncated: its header describes 60000 images of 28×28 (47040016 bytes) but it holds 1016 bytes.');
  });

  it('refuses to recall /dev/zero or a FIFO at once, naming it', () => {
    const fifo = join(base, 'pipe.png');
    execFileSync('mkfifo', [fifo]);
    for (const [path, what] of [['/dev/zero', 'a device'], [fifo, 'a pipe (FIFO)']] as const) {
      const result = run(['recall', path], 10_000);
      expect(result.signal, `recall ${path} was still running after 10 s`).toBeNull();
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`${path} is ${what}, not a regular file`);
    }
  });
});
