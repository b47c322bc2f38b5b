/**
 * Sorts Float32Arrays in place by LSD radix sort on their bit patterns. The
 * sliced Wasserstein distance sorts one array per random direction per set per
 * level, and this is several times faster than `Float32Array.prototype.sort`
 * at those sizes (thousands to a few hundred thousand values).
 *
 * IEEE 754 floats order like their bits once negative numbers have every bit
 * flipped and non-negative ones only the sign bit. NaN must not occur.
 */
const digitBits = 11;
const digitValues = 1 << digitBits;
const digitMask = digitValues - 1;
const passes = 3; // 3 × 11 bits cover the 32.

export class FloatSorter {
  #scratch = new Uint32Array(0);
  readonly #counts = new Uint32Array(passes * digitValues);

  sort(values: Float32Array): Float32Array {
    const length = values.length;
    const keys = new Uint32Array(values.buffer, values.byteOffset, length);
    if (this.#scratch.length < length) this.#scratch = new Uint32Array(length);
    const scratch = this.#scratch.subarray(0, length);
    const counts = this.#counts;
    counts.fill(0);
    for (let index = 0; index < length; index++) {
      const bits = keys[index]!;
      const key = (bits ^ ((bits >> 31) | 0x80000000)) >>> 0;
      keys[index] = key;
      counts[key & digitMask]!++;
      counts[digitValues + ((key >>> digitBits) & digitMask)]!++;
      counts[2 * digitValues + (key >>> (2 * digitBits))]!++;
    }
    // Counts become the first output position of each digit value.
    for (let pass = 0; pass < passes; pass++) {
      let position = 0;
      for (let digit = pass * digitValues; digit < (pass + 1) * digitValues; digit++) {
        const count = counts[digit]!;
        counts[digit] = position;
        position += count;
      }
    }
    let from: Uint32Array = keys;
    let to: Uint32Array = scratch;
    for (let pass = 0; pass < passes; pass++) {
      const shift = pass * digitBits;
      const offset = pass * digitValues;
      for (let index = 0; index < length; index++) {
        const key = from[index]!;
        to[counts[offset + ((key >>> shift) & digitMask)]!++] = key;
      }
      [from, to] = [to, from];
    }
    // An odd number of passes leaves the sorted keys in the scratch array: map them back into `values`.
    for (let index = 0; index < length; index++) {
      const key = from[index]!;
      keys[index] = (key ^ (~(key >> 31) | 0x80000000)) >>> 0;
    }
    return values;
  }
}
