/**
 * The small xorshift generator that scikit-learn's tree splitters draw
 * candidate features from (`our_rand_r` and `rand_int` in
 * sklearn/tree/_utils.pyx, scikit-learn 1.2.1). Reproducing it lets a tree
 * visit features in the same order as scikit-learn for the same seed.
 */

/** Upper bound of the generator's output and of the seed draw, 2^31 − 1. */
export const RAND_R_MAX = 0x7fffffff;

/** Seed that replaces 0, because xorshift would stay at 0 forever. */
const DEFAULT_SEED = 1;

export class RandR {
  private state: number;

  /**
   * Starts the stream at `seed`, an unsigned 32-bit integer; scikit-learn
   * draws it as `random_state.randint(0, RAND_R_MAX)`.
   */
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Next value in [0, 2^31): xorshift 13/17/5 on 32 bits, then mod 2^31. */
  next(): number {
    let state = this.state === 0 ? DEFAULT_SEED : this.state;
    state = (state ^ (state << 13)) >>> 0;
    state = (state ^ (state >>> 17)) >>> 0;
    state = (state ^ (state << 5)) >>> 0;
    this.state = state;
    return state & RAND_R_MAX;
  }

  /** Integer in [low, high), as `low + next() % (high − low)`. */
  randInt(low: number, high: number): number {
    return low + (this.next() % (high - low));
  }
}
