/**
 * Walker/Vose alias sampler exactly as BCR-2024-001 specifies it (index lists filled from the
 * highest index down, "at variance from Schwarz"), so every implementation draws the same degrees.
 */
export class RandomSampler {
  private readonly probs: number[];
  private readonly aliases: number[];

  constructor(weights: number[]) {
    const n = weights.length;
    let sum = 0;
    for (const w of weights) sum += w;
    const p = weights.map((w) => (w * n) / sum);
    const small: number[] = [];
    const large: number[] = [];
    for (let i = n - 1; i >= 0; i--) (p[i]! < 1 ? small : large).push(i);
    this.probs = new Array<number>(n).fill(0);
    this.aliases = new Array<number>(n).fill(0);
    while (small.length > 0 && large.length > 0) {
      const a = small.pop()!;
      const g = large.pop()!;
      this.probs[a] = p[a]!;
      this.aliases[a] = g;
      p[g] = p[g]! + (p[a]! - 1);
      (p[g]! < 1 ? small : large).push(g);
    }
    while (large.length > 0) this.probs[large.pop()!] = 1;
    while (small.length > 0) this.probs[small.pop()!] = 1; // only through numeric instability
  }

  /** Draw an index using two doubles from `rng`. */
  next(rng: () => number): number {
    const r1 = rng();
    const r2 = rng();
    const i = Math.floor(this.probs.length * r1);
    return r2 < this.probs[i]! ? i : this.aliases[i]!;
  }
}
