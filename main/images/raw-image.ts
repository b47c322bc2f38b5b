/**
 * A sharp pipeline over raw pixels that keeps grey images grey. sharp reads
 * one-channel raw input as sRGB and writes it out as three identical
 * channels (three times the bytes, and a "colour" image to every reader):
 * saying 'b-w' keeps it one channel.
 */
import sharp, { type Sharp } from 'sharp';

export function rawImage(pixels: Uint8Array, width: number, height: number, channels: 1 | 3): Sharp {
  const image = sharp(pixels, { raw: { width, height, channels } });
  return channels === 1 ? image.toColourspace('b-w') : image;
}
