/**
 * Finds an ffmpeg the person installed themselves. Latent Studio ships none
 * and downloads nothing, so MP4 export exists only where one is on PATH.
 * Looked up once per process: PATH does not change under a running app.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/** Why MP4 is not offered, in the person's words; the check runs once, hence the restart. */
export const ffmpegMissing = 'MP4 export needs ffmpeg, which is not installed on this machine, and Latent Studio downloads nothing. Install ffmpeg and restart Latent Studio, or export as WebP, GIF or APNG.';

let lookup: Promise<string | null> | undefined;

/** The path of an executable ffmpeg on PATH, or null when there is none. */
export function findFfmpeg(): Promise<string | null> {
  lookup ??= searchPath(process.env['PATH'] ?? '', process.platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg');
  return lookup;
}

async function searchPath(path: string, executableName: string): Promise<string | null> {
  for (const folder of path.split(delimiter)) {
    if (folder === '') continue;
    const candidate = join(folder, executableName);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return null;
}

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
