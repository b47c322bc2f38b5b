/**
 * Animated PNG, written here rather than through a library: lossless, 8-bit
 * grey or RGB, every frame full size and shown as is. Viewers without APNG
 * support show the first frame, which is why it travels in IDAT.
 *
 * Layout: signature, IHDR, acTL, then per frame an fcTL followed by its data —
 * IDAT for the first frame, fdAT for the rest — and IEND. fcTL and fdAT share
 * one sequence counter.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { promisify } from 'node:util';
import { crc32, deflate } from 'node:zlib';
import { checkFrameStack, frameAt, type FrameStack } from './frames';
import { filterRows } from './png-filter';

const deflateAsync = promisify(deflate);

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const greyColourType = 0;
const rgbColourType = 2;
const disposeNone = 0;
const blendSource = 0;
/** num_plays 0 repeats forever. */
const playForever = 0;
/** fcTL delays are fractions of a second; milliseconds over 1000 keep them exact. */
const delayDenominator = 1000;

export interface ApngOptions {
  readonly delayMs: number;
  readonly loop: boolean;
}

export async function encodeApng(frames: FrameStack, options: ApngOptions): Promise<Buffer> {
  checkFrameStack(frames);
  const { count, width, height, channels } = frames;
  const compressed = await compressFrames(frames);
  const chunks = [
    chunk('IHDR', header(width, height, channels === 1 ? greyColourType : rgbColourType)),
    chunk('acTL', uint32s(count, options.loop ? playForever : 1)),
  ];
  let sequence = 0;
  compressed.forEach((data, index) => {
    chunks.push(chunk('fcTL', frameControl(sequence++, width, height, options.delayMs)));
    chunks.push(index === 0 ? chunk('IDAT', data) : chunk('fdAT', Buffer.concat([uint32s(sequence++), data])));
  });
  chunks.push(chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat([pngSignature, ...chunks]);
}

/**
 * Deflate runs on the thread pool, so frames compress in parallel while the
 * next is filtered here; yielding after each frame keeps the main process
 * answering the window through a long export.
 */
async function compressFrames(frames: FrameStack): Promise<Buffer[]> {
  const { count, width, height, channels } = frames;
  const compressions: Promise<Buffer>[] = [];
  for (let index = 0; index < count; index++) {
    const compression = deflateAsync(filterRows(frameAt(frames, index), width, height, channels));
    // Awaited below; this only stops a failure during a later yield from counting as unhandled.
    compression.catch(() => {});
    compressions.push(compression);
    await yieldToEventLoop();
  }
  return await Promise.all(compressions);
}

function header(width: number, height: number, colourType: number): Buffer {
  const bitDepth = 8;
  const compression = 0;
  const filterMethod = 0;
  const interlace = 0;
  return Buffer.concat([uint32s(width, height), Buffer.from([bitDepth, colourType, compression, filterMethod, interlace])]);
}

/** Full-frame region at (0, 0), replacing what was shown and leaving it for the next frame to replace. */
function frameControl(sequence: number, width: number, height: number, delayMs: number): Buffer {
  const origin = 0;
  const timing = Buffer.alloc(4);
  timing.writeUInt16BE(delayMs, 0);
  timing.writeUInt16BE(delayDenominator, 2);
  return Buffer.concat([uint32s(sequence, width, height, origin, origin), timing, Buffer.from([disposeNone, blendSource])]);
}

function chunk(type: string, data: Buffer): Buffer {
  const typeBytes = Buffer.from(type, 'latin1');
  const framed = Buffer.alloc(8 + data.length + 4);
  framed.writeUInt32BE(data.length, 0);
  typeBytes.copy(framed, 4);
  data.copy(framed, 8);
  framed.writeUInt32BE(crc32(data, crc32(typeBytes)), 8 + data.length);
  return framed;
}

function uint32s(...values: number[]): Buffer {
  const bytes = Buffer.alloc(4 * values.length);
  values.forEach((value, index) => bytes.writeUInt32BE(value, 4 * index));
  return bytes;
}
