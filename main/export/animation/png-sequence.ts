/**
 * A PNG sequence — frame-0001.png, frame-0002.png, … — in one ZIP: what video
 * editors and compositing tools import, lossless. Entries are stored, not
 * deflated, because PNG is compressed already.
 */
import { buffer } from 'node:stream/consumers';
import sharp from 'sharp';
import yazl from 'yazl';
import { checkFrameStack, frameAt, type FrameStack } from './frames';

const minimumDigits = 4;

export async function encodePngSequence(frames: FrameStack): Promise<Buffer> {
  checkFrameStack(frames);
  const { count, width, height, channels } = frames;
  const pngs = await Promise.all(Array.from({ length: count }, (_, index) => {
    const frame = sharp(frameAt(frames, index), { raw: { width, height, channels } });
    // sharp turns one-channel input into sRGB on output; grey frames stay grey PNGs.
    return (channels === 1 ? frame.toColourspace('b-w') : frame).png({ adaptiveFiltering: true }).toBuffer();
  }));
  const zip = new yazl.ZipFile();
  pngs.forEach((png, index) => zip.addBuffer(png, frameName(index, count), { compress: false }));
  zip.end();
  return await buffer(zip.outputStream);
}

/** Zero-padded so the names sort in frame order everywhere. */
export function frameName(index: number, count: number): string {
  const digits = Math.max(minimumDigits, String(count).length);
  return `frame-${String(index + 1).padStart(digits, '0')}.png`;
}
