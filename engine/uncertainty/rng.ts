/**
 * Seeded pseudo-random number generator for the Monte Carlo engine.
 *
 * Algorithm: sfc32 (Chris Doty-Humphrey's "Small Fast Chaotic" generator from
 * PractRand, 128-bit state, 32-bit output; reported to pass PractRand and
 * TestU01 BigCrush; every state has period >= 2^32 thanks to its counter word).
 * Chosen over xoshiro128** for having no weak (all-zero) state and over
 * the platform's global random source for being seedable and specified bit for bit. The 128-bit state
 * comes from NumPy's SeedSequence hashing of the seed (see seedSequence.ts),
 * so nearby seeds give unrelated streams.
 *
 * Determinism: the generator uses only 32-bit integer operations (`+ | 0`,
 * `^`, `<<`, `>>>`) and the float conversion multiplies an exact integer by a
 * power of two, so every draw is bit-identical in Node and every browser.
 * (Transforms built on top, e.g. `normalQuantile`, use `Math.log`/`Math.sqrt`;
 * see normal.ts for what that means for cross-engine identity.)
 *
 * Streams for parallel workers: `fork(k)` derives a child from the *seed path*
 * (root seed plus fork indices), not from the parent's current position. So
 * worker k's stream is the same no matter how many numbers the parent drew,
 * in which order workers were created, or on which thread they run:
 * for a non-negative integer s, `createRng(s).fork(k)` starts from the state of
 * NumPy's `SeedSequence(s, spawn_key=(k,))`.
 */

import { extendSeedPool, integerWords, seedPool, seedPoolState, seedWords, type SeedPool } from "./seedSequence.ts";

export interface Rng {
  /**
   * Uniform double in the open interval (0, 1), 52-bit resolution:
   * `(k + 0.5) / 2^52` for a uniform 52-bit integer k. Never 0 or 1, so an
   * inverse CDF of an unbounded distribution (normal, lognormal) is always
   * finite. (This is a subset of [0, 1); the half-step offset keeps the grid
   * symmetric about 1/2 and the arithmetic exact.)
   */
  next(): number;
  /** Raw 32-bit output as an unsigned integer in [0, 2^32). */
  nextUint32(): number;
  /**
   * Unbiased integer in [0, bound) by rejection (no modulo bias).
   * `bound` must be an integer in [1, 2^32]; otherwise RangeError (programming error).
   */
  nextInt(bound: number): number;
  /** Fills `out` with successive `next()` values and returns it. */
  fill(out: Float64Array): Float64Array;
  /**
   * Independent child stream number `streamIndex` (a non-negative safe integer).
   * Depends only on this generator's seed path and `streamIndex`; forks can be nested.
   */
  fork(streamIndex: number): Rng;
  /** `[fork(0), fork(1), ..., fork(count - 1)]`, e.g. one stream per worker. */
  split(count: number): Rng[];
  /** Seed path of this stream: the root seed followed by the fork indices. */
  readonly path: readonly (number | string)[];
}

const TWO_NEG_52 = 1 / 4503599627370496; // 2^-52
const TWO_32 = 4294967296;

class Sfc32 implements Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /**
   * `pool`: the SeedSequence pool of this stream's seed path (its run entropy, then its fork
   * indices); its state is `seedSequenceState(entropy, spawnKey, 4)`, and a fork extends the pool
   * by its index (see `SeedPool`).
   */
  constructor(
    private readonly pool: SeedPool,
    readonly path: readonly (number | string)[],
  ) {
    const s = seedPoolState(pool, 4);
    this.a = s[0]! | 0;
    this.b = s[1]! | 0;
    this.c = s[2]! | 0;
    this.d = s[3]! | 0;
  }

  nextUint32(): number {
    // PractRand sfc32: shifts 9 and 3, barrel rotation 21, counter in d.
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  next(): number {
    const hi = this.nextUint32() >>> 6; // 26 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo + 0.5) * TWO_NEG_52; // exact: < 2^53 significant bits
  }

  nextInt(bound: number): number {
    if (!Number.isInteger(bound) || bound < 1 || bound > TWO_32) {
      throw new RangeError(`nextInt: bound must be an integer in [1, 2^32], got ${bound}`);
    }
    // Reject the lowest (2^32 mod bound) outputs so the rest is a whole number of copies of [0, bound).
    const threshold = (TWO_32 - bound) % bound;
    for (;;) {
      const r = this.nextUint32();
      if (r >= threshold) return r % bound;
    }
  }

  fill(out: Float64Array): Float64Array {
    // next() twice per value, with the state in locals (the same arithmetic; about 5x faster).
    let a = this.a | 0, b = this.b | 0, c = this.c | 0, d = this.d | 0;
    for (let i = 0; i < out.length; i++) {
      let t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0; a = b ^ (b >>> 9); b = (c + (c << 3)) | 0; c = (c << 21) | (c >>> 11); c = (c + t) | 0;
      const hi = (t >>> 0) >>> 6;
      t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0; a = b ^ (b >>> 9); b = (c + (c << 3)) | 0; c = (c << 21) | (c >>> 11); c = (c + t) | 0;
      const lo = (t >>> 0) >>> 6;
      out[i] = (hi * 67108864 + lo + 0.5) * TWO_NEG_52;
    }
    this.a = a; this.b = b; this.c = c; this.d = d;
    return out;
  }

  fork(streamIndex: number): Rng {
    if (!Number.isSafeInteger(streamIndex) || streamIndex < 0) {
      throw new RangeError(`fork: streamIndex must be a non-negative safe integer, got ${streamIndex}`);
    }
    return new Sfc32(extendSeedPool(this.pool, integerWords(streamIndex)), [...this.path, streamIndex]);
  }

  split(count: number): Rng[] {
    if (!Number.isSafeInteger(count) || count < 0) {
      throw new RangeError(`split: count must be a non-negative safe integer, got ${count}`);
    }
    const out: Rng[] = [];
    for (let k = 0; k < count; k++) out.push(this.fork(k));
    return out;
  }
}

/**
 * A generator seeded from `seed`. Any number or string is a valid seed and
 * distinct seeds give distinct entropy (see `seedWords`); -0 counts as 0 and
 * all NaNs as one seed.
 */
export function createRng(seed: number | string): Rng {
  return new Sfc32(seedPool(seedWords(seed)), [seed]);
}
