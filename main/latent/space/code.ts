/**
 * A latent code: the generator's input. A vector of normal draws and, for a
 * conditional model, the class it is drawn from. Every Explore tool works on
 * these; the engine turns them into images.
 */

export interface LatentCode {
  readonly vector: Float32Array;
  /** The class of a conditional model; null for an unconditional one. */
  readonly class: number | null;
}

/** Float32 bytes as base64: exact, and a quarter the size of the numbers written out in JSON. */
export function encodeVector(vector: Float32Array): string {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64');
}

export function decodeVector(encoded: string): Float32Array {
  const bytes = Buffer.from(encoded, 'base64');
  // Copied into a fresh buffer: Node's pooled Buffers may start at an offset that is not 4-aligned.
  return new Float32Array(new Uint8Array(bytes).buffer);
}
