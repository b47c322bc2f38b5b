import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FileError, mebibyte, openUserFile, openUserFileDescriptor, readUserFile, readUserFileSync } from '../../../../main/files/user-file';

/** Reading a device or a pipe must end at once: a test that hangs is the failure. */
const promptly = 10_000;

describe('reading a file a person named', () => {
  let folder: string;
  let fifo: string;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'studio-user-file-'));
    fifo = join(folder, 'pipe');
    execFileSync('mkfifo', [fifo]);
  });

  it('reads a regular file whole, asynchronously and synchronously', async () => {
    const path = join(folder, 'notes.txt');
    writeFileSync(path, 'hello, studio');
    expect((await readUserFile(path, 100)).toString()).toBe('hello, studio');
    expect(readUserFileSync(path, 100).toString()).toBe('hello, studio');
  });

  it('refuses /dev/zero at once, naming it and the field, where a plain read never ends', { timeout: promptly }, async () => {
    await expect(readUserFile('/dev/zero', mebibyte, 'path')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: 'path: /dev/zero is a device, not a regular file' });
    expect(() => readUserFileSync('/dev/zero', mebibyte)).toThrow('/dev/zero is a device, not a regular file');
  });

  it('refuses a FIFO without waiting for a writer', { timeout: promptly }, async () => {
    await expect(readUserFile(fifo, mebibyte, 'image')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: `image: ${fifo} is a pipe (FIFO), not a regular file` });
    expect(() => readUserFileSync(fifo, mebibyte)).toThrow(`${fifo} is a pipe (FIFO), not a regular file`);
    await expect(openUserFile(fifo, mebibyte)).rejects.toThrow('is a pipe (FIFO)');
    await expect(openUserFileDescriptor(fifo, mebibyte)).rejects.toThrow('is a pipe (FIFO)');
  });

  it('refuses a folder', async () => {
    await expect(readUserFile(folder, mebibyte, 'source')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: `source: ${folder} is a folder, not a regular file` });
    expect(() => readUserFileSync(folder, mebibyte)).toThrow(`${folder} is a folder, not a regular file`);
  });

  it('refuses a file over the limit before reading it, naming its size and the limit', async () => {
    const path = join(folder, 'big.bin');
    writeFileSync(path, Buffer.alloc(3 * mebibyte));
    await expect(readUserFile(path, 2 * mebibyte, 'path')).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: `path: ${path} is 3.0 MB; the limit is 2.0 MB` });
    expect(() => readUserFileSync(path, 2 * mebibyte)).toThrow(`${path} is 3.0 MB; the limit is 2.0 MB`);
  });

  it('says a missing file does not exist, as NOT_FOUND naming it', async () => {
    const path = join(folder, 'missing.png');
    await expect(readUserFile(path, mebibyte, 'path')).rejects.toMatchObject({ code: 'NOT_FOUND', message: `path: ${path} is not a file: it does not exist` });
    expect(() => readUserFileSync(path, mebibyte)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('keeps what is wrong apart from the path, for an import to list as a problem', async () => {
    const error = await readUserFile(fifo, mebibyte, 'path').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FileError);
    expect(error).toMatchObject({ path: fifo, detail: 'is a pipe (FIFO), not a regular file', problem: 'unreadable' });
  });
});
