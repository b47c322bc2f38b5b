import { describe, expect, it } from 'vitest';
import { foldersFromRelativePaths, pickedFolderPath, uploadBatches, uploadUrlPath, type Picked } from '../../../renderer/src/lib/staging-plan';

const file = (relativePath: string, size = 10) => ({ file: relativePath, relativePath, size });

describe('foldersFromRelativePaths', () => {
  it('makes one folder per top-level name, with paths inside it', () => {
    const picked = foldersFromRelativePaths([
      { file: 'a', webkitRelativePath: 'shoes/boots/1.png', size: 1 },
      { file: 'b', webkitRelativePath: 'shoes/2.png', size: 2 },
    ]);
    expect(picked).toEqual([
      {
        kind: 'folder',
        name: 'shoes',
        localPath: null,
        files: [
          { file: 'a', relativePath: 'boots/1.png', size: 1 },
          { file: 'b', relativePath: '2.png', size: 2 },
        ],
      },
    ]);
  });
});

describe('uploadBatches', () => {
  const boots: Picked<string> = { kind: 'folder', name: 'boots', files: [file('1.png'), file('winter/2.png')], localPath: null };
  const sandals: Picked<string> = { kind: 'folder', name: 'sandals', files: [file('3.png')], localPath: null };
  const loose: Picked<string> = { kind: 'file', file: file('4.png'), localPath: null };

  it('gives each folder its own batch, as Electron gives each its own path, and loose files one together', () => {
    const batches = uploadBatches([boots, loose, sandals, { ...loose, file: file('5.zip') }], false);
    expect(batches.map((batch) => batch.files.map((staged) => staged.relativePath))).toEqual([['1.png', 'winter/2.png'], ['3.png'], ['4.png', '5.zip']]);
  });

  it('unwraps a single folder for a domain, so A and B pair by the names inside', () => {
    expect(uploadBatches([boots], true).map((batch) => batch.files.map((staged) => staged.relativePath))).toEqual([['1.png', 'winter/2.png']]);
  });

  it('keeps names when a domain gets several things, in one batch', () => {
    expect(uploadBatches([boots, loose], true).map((batch) => batch.files.map((staged) => staged.relativePath))).toEqual([
      ['boots/1.png', 'boots/winter/2.png', '4.png'],
    ]);
  });
});

describe('uploadUrlPath', () => {
  it('encodes every segment, and drops empty and dot segments', () => {
    expect(uploadUrlPath('/upload/', 'abc12345', 'my folder/a#b?c.png')).toBe('/upload/abc12345/my%20folder/a%23b%3Fc.png');
    expect(uploadUrlPath('/upload/', 'abc12345', './x//../y.png')).toBe('/upload/abc12345/x/y.png');
  });
});

describe('pickedFolderPath', () => {
  it('finds the picked folder from a file inside it', () => {
    expect(pickedFolderPath('/home/a/shoes/boots/1.png', 'shoes/boots/1.png')).toBe('/home/a/shoes');
    expect(pickedFolderPath('C:\\Users\\a\\shoes\\1.png', 'shoes/1.png')).toBe('C:\\Users\\a\\shoes');
  });

  it('gives up when the paths do not agree', () => {
    expect(pickedFolderPath('/elsewhere/1.png', 'shoes/1.png')).toBeNull();
  });
});
