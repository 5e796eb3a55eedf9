/**
 * Seed material -> generator state, as a port of NumPy's `SeedSequence` hashing.
 *
 * Why this and not a single splitmix32 pass: a seed plus a path of fork indices
 * must map to well-separated 128-bit states, including for seeds and indices
 * that differ in one bit. NumPy's SeedSequence (O'Neill's design, used by
 * NumPy for exactly this "one seed, many parallel streams" problem) mixes a
 * list of 32-bit entropy words into a 128-bit pool with avalanche hashing and
 * then draws state words from the pool. Porting it, rather than inventing a
 * mixer, gives us an external reference: for integer seeds the state equals
 * `numpy.random.SeedSequence(seed, spawn_key=path).generate_state(4, np.uint32)`
 * (the tests pin this against NumPy output).
 *
 * Determinism: only 32-bit integer arithmetic (`Math.imul`, `^`, `>>>`), so the
 * result is bit-identical on every ECMAScript engine.
 */

const POOL_SIZE = 4;
const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;
const XSHIFT = 16;

/** Tags that make the word encodings of seeds injective (see `seedWords`). */
const TAG_STRING = 0x53545247; // "STRG"; >= 2^21 so [0, TAG_STRING] is no safe integer's encoding
const TAG_FLOAT = 0x464c5436; // "FLT6"

const TWO_32 = 4294967296;

/**
 * NumPy's encoding of a non-negative integer: little-endian 32-bit words,
 * as few as needed, and `[0]` for zero.
 */
export function integerWords(n: number): number[] {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`integerWords: ${n} is not a non-negative safe integer`);
  }
  const hi = Math.floor(n / TWO_32);
  const lo = n - hi * TWO_32;
  return hi > 0 ? [lo, hi] : [lo];
}

/**
 * Entropy words for a user seed. The encoding is injective over all seeds:
 * - non-negative safe integers: NumPy's encoding (1 or 2 words, last word non-zero
 *   unless the seed is 0), so integer seeds reproduce NumPy's states;
 * - any other number (negative, fractional, +-Infinity, NaN): its IEEE-754 bits
 *   `[lo, hi, TAG_FLOAT]` (-0 is treated as 0, every NaN as the one canonical NaN,
 *   because ECMAScript leaves the bits of NaN to the engine);
 * - strings: `[length, UTF-16 code units packed two per word (first unit in the
 *   low half), TAG_STRING]`.
 * Every encoding ends in a non-zero word (except the integer 0), so NumPy's
 * zero-padding before a spawn key cannot make two seeds collide.
 */
export function seedWords(seed: number | string): number[] {
  if (typeof seed === "string") {
    const words: number[] = [seed.length];
    for (let i = 0; i < seed.length; i += 2) {
      const lo = seed.charCodeAt(i);
      const hi = i + 1 < seed.length ? seed.charCodeAt(i + 1) : 0;
      words.push((lo | (hi << 16)) >>> 0);
    }
    words.push(TAG_STRING);
    return words;
  }
  if (Number.isSafeInteger(seed) && seed >= 0) return integerWords(seed === 0 ? 0 : seed);
  if (Number.isNaN(seed)) return [0, 0x7ff80000, TAG_FLOAT];
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, seed, true); // explicit little-endian: platform independent
  return [view.getUint32(0, true), view.getUint32(4, true), TAG_FLOAT];
}

function hashmix(value: number, hashConst: { h: number }): number {
  value = (value ^ hashConst.h) >>> 0;
  hashConst.h = Math.imul(hashConst.h, MULT_A) >>> 0;
  value = Math.imul(value, hashConst.h) >>> 0;
  return (value ^ (value >>> XSHIFT)) >>> 0;
}

function mix(x: number, y: number): number {
  const result = (Math.imul(MIX_MULT_L, x) - Math.imul(MIX_MULT_R, y)) >>> 0;
  return (result ^ (result >>> XSHIFT)) >>> 0;
}

/**
 * `nWords` uint32 state words for entropy words `runEntropy` and spawn key
 * `spawnKey` (fork indices, outermost first). Matches
 * `numpy.random.SeedSequence(entropy, spawn_key=spawnKey).generate_state(nWords, np.uint32)`
 * (test/uncertainty/rng.test.ts pins it to NumPy's output): the pool of the run entropy,
 * extended by the spawn key's words, then the state drawn from it. NumPy assembles the run
 * entropy zero-padded to the pool size when a spawn key follows, then the key's words; the
 * pool's first POOL_SIZE words are hashed with zeros for missing ones either way.
 */
export function seedSequenceState(runEntropy: readonly number[], spawnKey: readonly number[], nWords: number): Uint32Array {
  return seedPoolState(extendSeedPool(seedPool(runEntropy), spawnKey.flatMap((k) => integerWords(k))), nWords);
}

/**
 * The pool of `seedSequenceState` after some entropy words, and the state of its hash constant:
 * what the words after them (a spawn key) continue from. A stream's forks share their seed path
 * up to their own index, so `Rng.fork` extends its parent's pool by the index's words instead of
 * hashing the whole path again (a run forks a stream per input and chunk: 930 for 93 inputs and
 * ten chunks, about 30 ms in a fresh process).
 */
export interface SeedPool {
  readonly pool: Uint32Array;
  readonly h: number;
}

/**
 * The pool after the run entropy `runEntropy` (no spawn key yet). `seedSequenceState`'s zero
 * padding of the run entropy before a spawn key changes nothing here: its first POOL_SIZE
 * words are hashed with zeros for missing ones either way.
 */
export function seedPool(runEntropy: readonly number[]): SeedPool {
  const pool = new Uint32Array(POOL_SIZE);
  const hashConst = { h: INIT_A };
  for (let i = 0; i < POOL_SIZE; i++) {
    pool[i] = hashmix(i < runEntropy.length ? runEntropy[i]! >>> 0 : 0, hashConst);
  }
  for (let src = 0; src < POOL_SIZE; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) {
      if (src !== dst) pool[dst] = mix(pool[dst]!, hashmix(pool[src]!, hashConst));
    }
  }
  return extendSeedPool({ pool, h: hashConst.h }, runEntropy.slice(POOL_SIZE));
}

/** The pool after `p`'s words and then `words` (as `seedSequenceState` mixes the words after the first POOL_SIZE). */
export function extendSeedPool(p: SeedPool, words: readonly number[]): SeedPool {
  const pool = p.pool.slice();
  const hashConst = { h: p.h };
  for (const w of words) {
    for (let dst = 0; dst < POOL_SIZE; dst++) pool[dst] = mix(pool[dst]!, hashmix(w >>> 0, hashConst));
  }
  return { pool, h: hashConst.h };
}

/**
 * `nWords` state words from a pool: `seedSequenceState(runEntropy, spawnKey, nWords)` equals
 * `seedPoolState(extendSeedPool(seedPool(runEntropy), spawnKey's integerWords), nWords)`.
 */
export function seedPoolState(p: SeedPool, nWords: number): Uint32Array {
  const pool = p.pool;
  const state = new Uint32Array(nWords);
  let h = INIT_B;
  for (let i = 0; i < nWords; i++) {
    let v = (pool[i % POOL_SIZE]! ^ h) >>> 0;
    h = Math.imul(h, MULT_B) >>> 0;
    v = Math.imul(v, h) >>> 0;
    state[i] = (v ^ (v >>> XSHIFT)) >>> 0;
  }
  return state;
}
