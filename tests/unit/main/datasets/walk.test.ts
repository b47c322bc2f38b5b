import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../../../preload/contract';
import { walkImages } from '../../../../main/datasets/sources/walk';

async function listed(root: string) {
  const results = [];
  for await (const result of walkImages(root)) results.push(result);
  return results;
}

describe('walkImages', () => {
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'studio-walk-'));
    const files = ['top.png', 'notes.txt', 'cats/b.png', 'cats/a.png', 'cats/nested/c.png', 'dogs/d.jpg', '.hidden.png', 'Thumbs.db', 'desktop.ini', '__MACOSX/cats/._a.png', 'cats/.DS_Store'];
    for (const file of files) {
      mkdirSync(join(root, file, '..'), { recursive: true });
      writeFileSync(join(root, file), file);
    }
    symlinkSync('..', join(root, 'cats', 'loop'));
    symlinkSync('dogs', join(root, 'linked-dogs'));
    symlinkSync('top.png', join(root, 'link-to-top.png'));
    symlinkSync('missing.png', join(root, 'broken.png'));
    symlinkSync('self', join(root, 'self'));
    execFileSync('mkfifo', [join(root, 'fifo')]);
  });

  it('lists files in name order with their class and reports what it cannot follow', async () => {
    const results = await listed(root);
    expect(results.map((result) => ('kind' in result ? `${result.kind}: ${result.source}` : `${result.classLabel}: ${result.relativePath}`))).toEqual([
      'unreadable: broken.png',
      'cats: cats/a.png',
      'cats: cats/b.png',
      'symlink-loop: cats/loop',
      'cats: cats/nested/c.png',
      'dogs: dogs/d.jpg',
      'unreadable: fifo',
      'null: link-to-top.png',
      'linked-dogs: linked-dogs/d.jpg',
      'null: notes.txt',
      'symlink-loop: self',
      'null: top.png',
    ]);
  });

  it('gives absolute paths through links, not where they lead', async () => {
    const results = await listed(root);
    expect(results).toContainEqual({ path: join(root, 'linked-dogs', 'd.jpg'), relativePath: 'linked-dogs/d.jpg', classLabel: 'linked-dogs' });
  });

  it('says in a sentence which file it could not read and why', async () => {
    const results = await listed(root);
    expect(results).toContainEqual({
      source: 'broken.png',
      kind: 'unreadable',
      message: 'broken.png could not be read: it is a link to something that no longer exists.',
    });
    expect(results).toContainEqual({
      source: 'cats/loop',
      kind: 'symlink-loop',
      message: 'cats/loop is a symbolic link that leads back to itself or a folder above it; it was not followed.',
    });
  });

  // root reads every folder whatever its mode says.
  it.skipIf(process.getuid?.() === 0)('reports a folder it may not open and walks on', async () => {
    const base = mkdtempSync(join(tmpdir(), 'studio-walk-locked-'));
    mkdirSync(join(base, 'locked'));
    writeFileSync(join(base, 'open.png'), 'x');
    chmodSync(join(base, 'locked'), 0o000);
    try {
      expect(await listed(base)).toEqual([
        { source: 'locked', kind: 'unreadable', message: 'locked could not be read: permission was denied.' },
        { path: join(base, 'open.png'), relativePath: 'open.png', classLabel: null },
      ]);
    } finally {
      chmodSync(join(base, 'locked'), 0o755);
    }
  });

  it('lists a single chosen file on its own', async () => {
    expect(await listed(join(root, 'cats', 'a.png'))).toEqual([{ path: join(root, 'cats', 'a.png'), relativePath: 'a.png', classLabel: null }]);
  });

  it('refuses a folder that does not exist', async () => {
    await expect(listed(join(root, 'nowhere'))).rejects.toThrow(StudioError);
    await expect(listed(join(root, 'nowhere'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
