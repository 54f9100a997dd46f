/**
 * Seeded randomness for the simulated tenant. faker builds the cast once; everything per day or per record uses
 * these small generators instead, because they are fast and because a day must be derivable from seed + day alone
 * (no shared generator state, so the order of queries can never change an answer).
 */

/** A 32-bit FNV-1a hash of a string: turns seeds, report ids and keys into generator seeds. */
export function hashString(text: string, basis = 0x811c9dc5): number {
  let hash = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Mixes 32-bit integers into one well-spread seed (the splitmix32 finaliser applied per part). */
export function mixSeeds(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = (h + (part | 0) + 0x9e3779b9) | 0;
    h = Math.imul(h ^ (h >>> 16), 0x21f0aaad);
    h = Math.imul(h ^ (h >>> 15), 0x735a2d97);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

/** A seeded generator: mulberry32, ~1 ns a draw, good enough for synthetic business data. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks a value by weight; weights need not sum to 1. Hot paths use `weightedPicker` instead. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    return weightedPicker(choices)(this);
  }

  /** A positive duration with a long right tail (log-normal), as call and handling times are. */
  logNormal(median: number, spread: number): number {
    // Box-Muller; 1 - next() keeps the logarithm finite.
    const u = 1 - this.next();
    const v = this.next();
    const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return median * Math.exp(spread * normal);
  }

  /** `length` random decimal digits, the first one not zero. */
  digits(length: number): string {
    let out = '';
    // Nine digits per draw keeps this to one or two generator calls for ids and phone numbers.
    while (out.length < length) {
      const chunk = Math.min(9, length - out.length);
      const low = out.length === 0 ? 10 ** (chunk - 1) : 0;
      out += String(this.int(low, 10 ** chunk - 1)).padStart(chunk, '0');
    }
    return out;
  }
}

/**
 * A weighted choice compiled once: the cumulative weights are summed up front, so each draw is one random
 * number and a short scan. The day generator draws several of these per call.
 */
export function weightedPicker<T>(choices: readonly (readonly [T, number])[]): (rng: Random) => T {
  const values = choices.map(([value]) => value);
  const cumulative = new Float64Array(choices.length);
  let total = 0;
  choices.forEach(([, weight], i) => {
    total += weight;
    cumulative[i] = total;
  });
  const last = values.length - 1;
  return (rng) => {
    const roll = rng.next() * total;
    let i = 0;
    while (i < last && cumulative[i]! <= roll) i++;
    return values[i] as T;
  };
}

/** A generator for one purpose, derived from the tenant seed and any number of string or number keys. */
export function randomFor(seed: number, ...keys: (string | number)[]): Random {
  return new Random(mixSeeds(seed, ...keys.map((key) => (typeof key === 'number' ? key : hashString(key)))));
}
