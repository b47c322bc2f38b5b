/** Images made on the spot, so the dataset tests need no binary files in the repository. */
import { crc32 } from 'node:zlib';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { createSeededRandom } from '../../../../main/datasets/seeded-random';

/**
 * A photo-like picture: a soft gradient under a few blurred light and dark
 * blobs placed by `seed`. Different seeds differ at the coarse scale
 * perceptual hashes look at; flat colours would all hash alike.
 */
export function patternImage(seed: number, width = 160, height = 120): Sharp {
  const random = createSeededRandom(seed);
  const blobs = Array.from({ length: 6 }, () => ({
    x: random() * width,
    y: random() * height,
    spread: (0.08 + 0.15 * random()) * width,
    strength: (random() - 0.5) * 260,
  }));
  const slope = { x: random() - 0.5, y: random() - 0.5 };
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let value = 128 + 80 * (slope.x * (x / width - 0.5) + slope.y * (y / height - 0.5));
      for (const blob of blobs) {
        value += blob.strength * Math.exp(-((x - blob.x) ** 2 + (y - blob.y) ** 2) / (2 * blob.spread ** 2));
      }
      const offset = (y * width + x) * 3;
      pixels[offset] = clamp(value * 1.1);
      pixels[offset + 1] = clamp(value);
      pixels[offset + 2] = clamp(value * 0.8 + 30);
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } });
}

function clamp(value: number): number {
  return Math.max(0, Math.min(255, Math.round(value)));
}

export function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, checksum]);
}

/** A valid PNG header claiming a huge RGB image, followed by a token of image data. */
export function pngClaiming(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Turns a single-IDAT PNG into a two-frame APNG that shows the same picture twice; libpng reads only the still. */
export function asAnimatedPng(png: Buffer, width: number, height: number): Buffer {
  const imageDataStart = png.indexOf('IDAT') - 4;
  const imageDataEnd = imageDataStart + 12 + png.readUInt32BE(imageDataStart);
  const compressedPixels = png.subarray(imageDataStart + 8, imageDataEnd - 4);
  const animationControl = Buffer.alloc(8);
  animationControl.writeUInt32BE(2, 0);
  const sequenced = (sequence: number, data: Buffer) => {
    const number = Buffer.alloc(4);
    number.writeUInt32BE(sequence);
    return Buffer.concat([number, data]);
  };
  const frameControl = (sequence: number) => {
    const control = Buffer.alloc(22);
    control.writeUInt32BE(width, 0);
    control.writeUInt32BE(height, 4);
    control.writeUInt16BE(1, 16);
    control.writeUInt16BE(10, 18);
    return pngChunk('fcTL', sequenced(sequence, control));
  };
  return Buffer.concat([
    png.subarray(0, imageDataStart),
    pngChunk('acTL', animationControl),
    frameControl(0),
    png.subarray(imageDataStart, imageDataEnd),
    frameControl(1),
    pngChunk('fdAT', sequenced(2, compressedPixels)),
    png.subarray(imageDataEnd),
  ]);
}

/** A fresh scratch folder and a way to write files into it, for tests that build inputs on disk. */
export function scratchFolder(prefix: string): { folder: string; save: (name: string, bytes: Buffer) => string } {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  return {
    folder,
    save: (name, bytes) => {
      const path = join(folder, name);
      writeFileSync(path, bytes);
      return path;
    },
  };
}
