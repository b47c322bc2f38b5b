/**
 * Hashing and copying a checkpoint file someone pointed models.import or
 * models.inspect at, through main/files/user-file.ts's checked open: a
 * device such as /dev/zero or a FIFO is refused before a byte is read
 * (hashing /dev/zero would never end), and nothing past the largest
 * checkpoint is read, however the file grows meanwhile.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { StudioError } from '../../preload/contract';
import { maxCheckpointBytes } from '../formats/checkpoint-file';
import { openUserFile } from '../files/user-file';

const chunkBytes = 1024 * 1024;

/** The SHA-256 of the checkpoint file at `path`; `field` names the argument that named it. */
export async function sha256OfFile(path: string, field = 'path'): Promise<string> {
  const hash = createHash('sha256');
  await eachChunk(path, field, (chunk) => hash.update(chunk));
  return hash.digest('hex');
}

/** Copies the checkpoint file at `from` to the new file `to` (which must not exist). */
export async function copyCheckpointFile(from: string, to: string, field = 'path'): Promise<void> {
  const target = await open(to, 'wx');
  try {
    await eachChunk(from, field, (chunk) => target.write(chunk));
  } finally {
    await target.close();
  }
}

async function eachChunk(path: string, field: string, use: (chunk: Buffer) => unknown): Promise<void> {
  const { handle } = await openUserFile(path, maxCheckpointBytes, field);
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    for (let total = 0; ; ) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return;
      total += bytesRead;
      if (total > maxCheckpointBytes) throw new StudioError('PAYLOAD_TOO_LARGE', `${field}: ${path} grew past ${maxCheckpointBytes} bytes while it was read`);
      await use(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
}
