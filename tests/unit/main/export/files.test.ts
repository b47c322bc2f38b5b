import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileError, prepareFolder, writeCompleteFile } from '../../../../main/export/files';

const errno = (code: string) => Object.assign(new Error(`${code}: failed`), { code });

describe('export files', () => {
  it('names a full disk, a refused folder and a read-only disk in words a person can act on', () => {
    expect(fileError(errno('ENOSPC'), '/media/usb/out/a.png', 'file')).toMatchObject({
      code: 'UNAVAILABLE',
      message: 'The disk holding /media/usb/out is full: a.png could not be written (nothing partial was left behind); free some space or choose another destination',
    });
    expect(fileError(errno('EACCES'), '/srv/shared', 'folder')).toMatchObject({ code: 'FORBIDDEN', message: 'Cannot write to /srv/shared: permission denied; choose a folder you can write to' });
    expect(fileError(errno('EROFS'), '/cdrom/a.png', 'file').message).toBe('Cannot write to /cdrom: it is on a read-only disk; choose another destination');
    expect(fileError(errno('ENAMETOOLONG'), '/x/y.png', 'file').message).toMatch(/use a shorter template/);
  });

  it('writes through a temporary file, and leaves nothing when the write cannot finish', () => {
    const folder = mkdtempSync(join(tmpdir(), 'studio-export-files-'));
    prepareFolder(join(folder, 'made', 'deep'));
    writeCompleteFile(join(folder, 'made', 'deep', 'a.png'), Buffer.from('complete'), false);
    expect(readFileSync(join(folder, 'made', 'deep', 'a.png'), 'utf8')).toBe('complete');

    // A file that appeared since the plan is not overwritten unasked.
    expect(() => writeCompleteFile(join(folder, 'made', 'deep', 'a.png'), Buffer.from('new'), false)).toThrow(/appeared while exporting; it was left as it was/);
    expect(readFileSync(join(folder, 'made', 'deep', 'a.png'), 'utf8')).toBe('complete');
    writeCompleteFile(join(folder, 'made', 'deep', 'a.png'), Buffer.from('new'), true);
    expect(readFileSync(join(folder, 'made', 'deep', 'a.png'), 'utf8')).toBe('new');

    // Renaming onto a folder fails after the bytes are written: the temporary file goes too.
    mkdirSync(join(folder, 'made', 'deep', 'b.png'));
    expect(() => writeCompleteFile(join(folder, 'made', 'deep', 'b.png'), Buffer.from('x'), true)).toThrow(/b\.png/);
    expect(readdirSync(join(folder, 'made', 'deep')).sort()).toEqual(['a.png', 'b.png']);

    writeFileSync(join(folder, 'file'), '');
    expect(() => prepareFolder(join(folder, 'file', 'sub'))).toThrow(`Cannot write to ${join(folder, 'file', 'sub')}: it, or a folder above it, is a file`);
  });
});
