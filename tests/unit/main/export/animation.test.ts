import { spawnSync } from 'node:child_process';
import { buffer } from 'node:stream/consumers';
import { crc32, inflateSync } from 'node:zlib';
import sharp from 'sharp';
import yauzl, { type ZipFile } from 'yauzl';
import { describe, expect, it } from 'vitest';
import { isAnimatedPng } from '../../../../main/datasets/png-chunks';
import { encodeAnimation, type AnimationOptions } from '../../../../main/export/animation/encode';
import { findFfmpeg } from '../../../../main/export/animation/ffmpeg';
import { animationFormats } from '../../../../main/export/animation/formats';
import { frameAt, resizeFrames, type FrameStack } from '../../../../main/export/animation/frames';
import { frameName } from '../../../../main/export/animation/png-sequence';

const side = 24;
const frameCount = 6;
/** 25 fps: 40 ms a frame, which GIF's hundredths of a second hold exactly. */
const fps = 25;
const delayMs = 40;

/**
 * A light square sliding right over a diagonal gradient, a different colour
 * each frame, so frames out of order or blended together are caught.
 */
function movingSquare(channels: 1 | 3): FrameStack {
  const pixels = new Uint8Array(frameCount * side * side * channels);
  for (let frame = 0; frame < frameCount; frame++) {
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const inSquare = x >= 3 * frame && x < 3 * frame + 8 && y >= 8 && y < 16;
        for (let channel = 0; channel < channels; channel++) {
          const offset = ((frame * side + y) * side + x) * channels + channel;
          pixels[offset] = inSquare ? 255 - 30 * channel - 10 * frame : 4 * (x + y) + 20 * channel;
        }
      }
    }
  }
  return { count: frameCount, width: side, height: side, channels, pixels };
}

const colour = movingSquare(3);
const grey = movingSquare(1);

function encode(frames: FrameStack, options: Partial<AnimationOptions> & Pick<AnimationOptions, 'format'>) {
  return encodeAnimation(frames, { fps, loop: true, ...options });
}

/** Raw pixels in the file's own channel count: sharp would otherwise widen grey to sRGB. */
async function rawPixels(image: Buffer, channels: 1 | 3): Promise<Buffer> {
  const decoder = sharp(image);
  const { data, info } = await (channels === 1 ? decoder.toColourspace('b-w') : decoder.removeAlpha()).raw().toBuffer({ resolveWithObject: true });
  expect(info.channels).toBe(channels);
  return data;
}

function meanAbsoluteDifference(a: Uint8Array, b: Uint8Array): number {
  expect(a.length).toBe(b.length);
  let sum = 0;
  for (let index = 0; index < a.length; index++) sum += Math.abs(a[index]! - b[index]!);
  return sum / a.length;
}

describe('resizeFrames', () => {
  it('resizes each frame on its own with lanczos3, grey staying grey', async () => {
    for (const frames of [colour, grey]) {
      const resized = await resizeFrames(frames, 64);
      expect(resized).toMatchObject({ count: frameCount, width: 64, height: 64, channels: frames.channels });
      expect(resized.pixels.length).toBe(frameCount * 64 * 64 * frames.channels);
      for (const index of [0, frameCount - 1]) {
        const { width, height, channels } = frames;
        const alone = sharp(frameAt(frames, index), { raw: { width, height, channels } }).resize(64, 64, { kernel: 'lanczos3' });
        const expected = await (channels === 1 ? alone.toColourspace('b-w') : alone).raw().toBuffer();
        expect(Buffer.from(frameAt(resized, index)).equals(expected)).toBe(true);
      }
    }
  });

  it('never lets one frame bleed into the next', async () => {
    const blackThenWhite: FrameStack = { count: 2, width: 8, height: 8, channels: 1, pixels: new Uint8Array(128).fill(255, 64) };
    const resized = await resizeFrames(blackThenWhite, 32);
    expect(Math.max(...frameAt(resized, 0))).toBe(0);
    expect(Math.min(...frameAt(resized, 1))).toBe(255);
  });
});

describe.each(['webp', 'gif'] as const)('encodeAnimation to %s', (format) => {
  it('writes every frame in order with its delay, looping forever', async () => {
    const encoded = await encode(colour, { format });
    expect(encoded).toMatchObject({ mediaType: `image/${format}`, extension: format, frames: frameCount, size: side });
    const metadata = await sharp(encoded.bytes, { animated: true }).metadata();
    expect(metadata).toMatchObject({ format, pages: frameCount, pageHeight: side, width: side, loop: 0 });
    expect(metadata.delay).toEqual(new Array(frameCount).fill(delayMs));

    const decoded = await sharp(encoded.bytes, { animated: true }).removeAlpha().raw().toBuffer();
    const frameBytes = side * side * 3;
    for (let index = 0; index < frameCount; index++) {
      const frame = decoded.subarray(index * frameBytes, (index + 1) * frameBytes);
      const own = meanAbsoluteDifference(frame, frameAt(colour, index));
      const neighbour = meanAbsoluteDifference(frame, frameAt(colour, (index + 1) % frameCount));
      expect(own).toBeLessThan(4);
      expect(neighbour).toBeGreaterThan(own + 4);
    }
  });

  it('plays once when not looping', async () => {
    const encoded = await encode(colour, { format, loop: false });
    expect((await sharp(encoded.bytes, { animated: true }).metadata()).loop).toBe(1);
  });

  it('upscales every frame to the size asked for', async () => {
    const encoded = await encode(colour, { format, size: 64 });
    expect(encoded.size).toBe(64);
    const metadata = await sharp(encoded.bytes, { animated: true }).metadata();
    expect(metadata).toMatchObject({ pages: frameCount, pageHeight: 64, width: 64, height: 64 * frameCount });
  });

  it('encodes grey frames', async () => {
    const encoded = await encode(grey, { format });
    const metadata = await sharp(encoded.bytes, { animated: true }).metadata();
    expect(metadata).toMatchObject({ pages: frameCount, pageHeight: side });
    const firstFrame = await sharp(encoded.bytes).toColourspace('b-w').raw().toBuffer();
    expect(meanAbsoluteDifference(firstFrame, frameAt(grey, 0))).toBeLessThan(4);
  });
});

describe('GIF timing', () => {
  it('keeps delays in hundredths of a second, so 60 fps plays at 50', async () => {
    const encoded = await encode(colour, { format: 'gif', fps: 60 });
    expect((await sharp(encoded.bytes, { animated: true }).metadata()).delay).toEqual(new Array(frameCount).fill(20));
  });
});

interface PngChunk {
  readonly type: string;
  readonly data: Buffer;
}

function pngChunks(png: Buffer): PngChunk[] {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: PngChunk[] = [];
  for (let offset = 8; offset < png.length;) {
    const length = png.readUInt32BE(offset);
    const typeAndData = png.subarray(offset + 4, offset + 8 + length);
    expect(png.readUInt32BE(offset + 8 + length), 'chunk CRC').toBe(crc32(typeAndData));
    chunks.push({ type: typeAndData.toString('latin1', 0, 4), data: typeAndData.subarray(4) });
    offset += 12 + length;
  }
  return chunks;
}

function pngChunk({ type, data }: PngChunk): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const framed = Buffer.alloc(12 + data.length);
  framed.writeUInt32BE(data.length, 0);
  typeAndData.copy(framed, 4);
  framed.writeUInt32BE(crc32(typeAndData), 8 + data.length);
  return framed;
}

/** Each frame's compressed data, as IDAT or fdAT carried it, the fdAT sequence number removed. */
function frameData(chunks: readonly PngChunk[]): Buffer[] {
  return chunks.filter(({ type }) => type === 'IDAT' || type === 'fdAT').map(({ type, data }) => (type === 'IDAT' ? data : data.subarray(4)));
}

/**
 * Bands of rows that each suit one PNG filter best: bytes near zero (None),
 * ramps along the row (Sub), a repeated row (Up), rows whose left and upper
 * neighbours straddle them, their sum sometimes odd so that the rounding
 * counts (Average); Paeth wins where the bands meet. The second frame is the
 * first upside down.
 */
function rowsForEveryFilter(): FrameStack {
  const size = 24;
  const nearZero = [0, 1, 255, 255, 0, 1, 1, 0, 255];
  const frame = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      for (let channel = 0; channel < 3; channel++) {
        frame[(y * size + x) * 3 + channel] = y < 4 ? nearZero[(x * 5 + y * 7 + channel) % nearZero.length]!
          : y < 10 ? 9 * x + 3 * channel + 50 * (y % 3)
            : y < 16 ? (x * 97 + channel * 31) % 256
              : (2 + channel) * (x + (y % 2 === 0 ? 2 : 1)) + (y % 2 === 0 ? x % 2 : 0);
      }
    }
  }
  const upsideDown = new Uint8Array(frame.length);
  const rowBytes = size * 3;
  for (let y = 0; y < size; y++) upsideDown.set(frame.subarray(y * rowBytes, (y + 1) * rowBytes), (size - 1 - y) * rowBytes);
  return { count: 2, width: size, height: size, channels: 3, pixels: Buffer.concat([frame, upsideDown]) };
}

/** One frame as a still PNG: the animation's IHDR, the frame's data as IDAT, IEND. */
function standalonePng(header: PngChunk, data: Buffer): Buffer {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk(header), pngChunk({ type: 'IDAT', data }), pngChunk({ type: 'IEND', data: Buffer.alloc(0) })]);
}

describe('encodeAnimation to APNG', () => {
  it('lays out acTL, then fcTL and IDAT or fdAT per frame, with one sequence', async () => {
    const encoded = await encode(colour, { format: 'apng' });
    expect(encoded).toMatchObject({ mediaType: 'image/apng', extension: 'png', frames: frameCount, size: side });
    expect(isAnimatedPng(encoded.bytes)).toBe(true);
    const chunks = pngChunks(encoded.bytes);
    const expectedTypes = ['IHDR', 'acTL', 'fcTL', 'IDAT', ...Array.from({ length: frameCount - 1 }, () => ['fcTL', 'fdAT']).flat(), 'IEND'];
    expect(chunks.map(({ type }) => type)).toEqual(expectedTypes);

    const header = chunks[0]!.data;
    expect([header.readUInt32BE(0), header.readUInt32BE(4), header[8], header[9]]).toEqual([side, side, 8, 2]);
    const animation = chunks[1]!.data;
    expect([animation.readUInt32BE(0), animation.readUInt32BE(4)]).toEqual([frameCount, 0]);

    const sequenced = chunks.filter(({ type }) => type === 'fcTL' || type === 'fdAT');
    expect(sequenced.map(({ data }) => data.readUInt32BE(0))).toEqual(sequenced.map((_, index) => index));
    for (const { data } of chunks.filter(({ type }) => type === 'fcTL')) {
      const region = [data.readUInt32BE(4), data.readUInt32BE(8), data.readUInt32BE(12), data.readUInt32BE(16)];
      expect(region).toEqual([side, side, 0, 0]);
      expect(data.readUInt16BE(20) / data.readUInt16BE(22)).toBe(delayMs / 1000);
      expect([data[24], data[25]]).toEqual([0, 0]);
    }
  });

  it.each([['colour', colour], ['grey', grey]] as const)('stores every %s frame losslessly', async (_name, frames) => {
    const chunks = pngChunks((await encode(frames, { format: 'apng' })).bytes);
    const header = chunks[0]!;
    expect(header.data[9]).toBe(frames.channels === 1 ? 0 : 2);
    const data = frameData(chunks);
    expect(data).toHaveLength(frameCount);
    for (const [index, compressed] of data.entries()) {
      const pixels = await rawPixels(standalonePng(header, compressed), frames.channels);
      expect(pixels.equals(frameAt(frames, index))).toBe(true);
    }
  });

  it('filters each row the way that suits it, and still decodes exactly', async () => {
    const frames = rowsForEveryFilter();
    const chunks = pngChunks((await encode(frames, { format: 'apng' })).bytes);
    const stride = 1 + frames.width * frames.channels;
    for (const [index, compressed] of frameData(chunks).entries()) {
      const rows = inflateSync(compressed);
      const filterTypes = Array.from({ length: frames.height }, (_, row) => rows[row * stride]);
      expect(new Set(filterTypes)).toEqual(new Set([0, 1, 2, 3, 4]));
      expect((await rawPixels(standalonePng(chunks[0]!, compressed), 3)).equals(frameAt(frames, index))).toBe(true);
    }
  });

  it('plays once when not looping, and upscales', async () => {
    const chunks = pngChunks((await encode(colour, { format: 'apng', loop: false, size: 64 })).bytes);
    expect(chunks[1]!.data.readUInt32BE(4)).toBe(1);
    expect([chunks[0]!.data.readUInt32BE(0), chunks[0]!.data.readUInt32BE(4)]).toEqual([64, 64]);
    const upscaled = await resizeFrames(colour, 64);
    const last = frameData(chunks).at(-1)!;
    expect((await rawPixels(standalonePng(chunks[0]!, last), 3)).equals(frameAt(upscaled, frameCount - 1))).toBe(true);
  });
});

function zipFromBuffer(bytes: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => (error ? reject(error) : resolve(zip)));
  });
}

async function zipEntries(bytes: Buffer): Promise<{ name: string; stored: boolean; data: Buffer }[]> {
  const zip = await zipFromBuffer(bytes);
  const entries = [];
  for await (const entry of zip.eachEntry()) {
    const data = await buffer(await zip.openReadStreamPromise(entry));
    entries.push({ name: entry.fileName, stored: entry.compressionMethod === 0, data });
  }
  return entries;
}

describe('encodeAnimation to a PNG sequence', () => {
  it.each([['colour', colour], ['grey', grey]] as const)('zips numbered, stored, lossless %s PNGs', async (_name, frames) => {
    const encoded = await encode(frames, { format: 'png' });
    expect(encoded).toMatchObject({ mediaType: 'application/zip', extension: 'zip', frames: frameCount, size: side });
    const entries = await zipEntries(encoded.bytes);
    expect(entries.map(({ name }) => name)).toEqual(['frame-0001.png', 'frame-0002.png', 'frame-0003.png', 'frame-0004.png', 'frame-0005.png', 'frame-0006.png']);
    for (const [index, { stored, data }] of entries.entries()) {
      expect(stored).toBe(true);
      expect(await sharp(data).metadata()).toMatchObject({ format: 'png', width: side, height: side, channels: frames.channels });
      expect((await rawPixels(data, frames.channels)).equals(frameAt(frames, index))).toBe(true);
    }
  });

  it('pads frame numbers to four digits, or more when there are more frames', () => {
    expect([frameName(0, 6), frameName(9_998, 9_999)]).toEqual(['frame-0001.png', 'frame-9999.png']);
    expect([frameName(0, 10_000), frameName(9_999, 10_000)]).toEqual(['frame-00001.png', 'frame-10000.png']);
  });
});

describe('frame delay', () => {
  it('is 1000 / fps rounded to the millisecond', async () => {
    const webp = await encode(colour, { format: 'webp', fps: 24 });
    expect((await sharp(webp.bytes, { animated: true }).metadata()).delay).toEqual(new Array(frameCount).fill(42));
    const apngChunks = pngChunks((await encode(colour, { format: 'apng', fps: 24 })).bytes);
    const delays = apngChunks.filter(({ type }) => type === 'fcTL').map(({ data }) => data.readUInt16BE(20) / data.readUInt16BE(22));
    expect(delays).toEqual(new Array(frameCount).fill(0.042));
  });
});

describe('encodeAnimation arguments', () => {
  it.each([0, 0.5, 61, Number.NaN])('refuses %s fps', async (badFps) => {
    await expect(encode(colour, { format: 'webp', fps: badFps })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('refuses frames whose bytes do not match their shape', async () => {
    const torn: FrameStack = { ...colour, pixels: colour.pixels.subarray(1) };
    await expect(encode(torn, { format: 'apng' })).rejects.toThrow(RangeError);
  });
});

/** Top-level MP4 boxes, in file order. */
function mp4Boxes(bytes: Buffer): string[] {
  const types = [];
  for (let offset = 0; offset + 8 <= bytes.length;) {
    const size = bytes.readUInt32BE(offset);
    types.push(bytes.toString('latin1', offset + 4, offset + 8));
    if (size < 8) break;
    offset += size;
  }
  return types;
}

const ffmpeg = await findFfmpeg();

describe('formats', () => {
  it('lists every format, marking MP4 by whether ffmpeg is installed', async () => {
    const formats = await animationFormats();
    expect(formats.map(({ format }) => format)).toEqual(['webp', 'gif', 'apng', 'png', 'mp4']);
    expect(formats.find(({ format }) => format === 'png')?.label).toBe('PNG sequence (ZIP)');
    for (const info of formats.filter(({ format }) => format !== 'mp4')) expect(info).toMatchObject({ available: true, reason: null });
    const mp4 = formats.find(({ format }) => format === 'mp4')!;
    if (ffmpeg === null) {
      expect(mp4.available).toBe(false);
      expect(mp4.reason).toMatch(/ffmpeg/);
    } else {
      expect(mp4).toMatchObject({ available: true, reason: null });
    }
  });
});

describe.runIf(ffmpeg === null)('encodeAnimation to MP4 without ffmpeg', () => {
  it('refuses, saying ffmpeg is missing', async () => {
    const refusal = encode(colour, { format: 'mp4' });
    await expect(refusal).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(refusal).rejects.toThrow(/ffmpeg/);
  });
});

describe.runIf(ffmpeg !== null)('encodeAnimation to MP4 with ffmpeg', () => {
  it('writes a fast-start MP4 with every frame, at an even size', async () => {
    const encoded = await encode(colour, { format: 'mp4', size: 25 });
    expect(encoded).toMatchObject({ mediaType: 'video/mp4', extension: 'mp4', frames: frameCount, size: 26 });
    const boxes = mp4Boxes(encoded.bytes);
    expect(boxes[0]).toBe('ftyp');
    expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));

    const decoded = spawnSync(ffmpeg!, ['-loglevel', 'error', '-i', 'pipe:0', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { input: encoded.bytes, maxBuffer: 1 << 24 });
    expect(decoded.status).toBe(0);
    expect(decoded.stdout.length).toBe(frameCount * 26 * 26 * 3);
  });
});
