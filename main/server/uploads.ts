/**
 * Serve mode's way in for files dropped on a browser, which cannot know their
 * paths: each file is POSTed to /upload/<batch>/<relative path> and staged in
 * the project's cache/uploads/<batch>/, keeping its folders (they name
 * classes); the client then imports the batch folder.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { StudioError, uploadRoute } from '../../preload/contract';

const maxDepth = 32;

/** The staged batch folder once the file is safely on disk. */
export async function receiveUpload(request: IncomingMessage, stagingRoot: string, routePath: string): Promise<{ folder: string }> {
  const [batch, ...segments] = routePath.split('/').map(decodeSegment);
  if (!batch || !uploadRoute.batchPattern.test(batch)) throw new StudioError('INVALID_ARGUMENT', 'upload: the batch id must be 8–64 letters, digits or dashes');
  if (segments.length === 0 || segments.length > maxDepth) throw new StudioError('INVALID_ARGUMENT', `upload: a file path of 1 to ${maxDepth} parts is needed`);
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..' || /[\\/\0]/.test(segment) || segment.length > 255) {
      throw new StudioError('INVALID_ARGUMENT', `upload: "${segment}" is not a usable file or folder name`);
    }
  }
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > uploadRoute.maxFileBytes) throw tooLarge(segments);
  const folder = join(stagingRoot, batch);
  const target = join(folder, ...segments);
  mkdirSync(join(target, '..'), { recursive: true });
  const temporary = `${target}.${randomBytes(6).toString('hex')}.part`;
  try {
    await streamToFile(request, temporary, segments);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  return { folder };
}

function streamToFile(request: IncomingMessage, path: string, segments: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const file = createWriteStream(path, { flags: 'wx', flush: true });
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > uploadRoute.maxFileBytes) {
        request.unpipe(file);
        file.destroy();
        request.resume();
        reject(tooLarge(segments));
      }
    });
    request.on('error', reject);
    file.on('error', reject);
    file.on('finish', () => resolve());
    request.pipe(file);
  });
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new StudioError('INVALID_ARGUMENT', `upload: "${segment}" is not a valid URL path segment`);
  }
}

function tooLarge(segments: readonly string[]): StudioError {
  return new StudioError('PAYLOAD_TOO_LARGE', `${segments.join('/')} is larger than ${uploadRoute.maxFileBytes / 2 ** 20} MiB`);
}
