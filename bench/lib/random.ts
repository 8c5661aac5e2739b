const SID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A seeded generator (mulberry32) with the few draws the dataset needs. */
export class Random {
  constructor(
    private state: number,
    private readonly words: readonly string[],
  ) {}

  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer from min to max, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(share: number): boolean {
    return this.next() < share;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** `count` distinct integers from 1 to max (count must not exceed max). */
  distinct(count: number, max: number): number[] {
    const chosen = new Set<number>();
    while (chosen.size < count) chosen.add(this.int(1, max));
    return [...chosen];
  }

  sentence(min: number, max: number): string {
    const words = Array.from({ length: this.int(min, max) }, () => this.pick(this.words));
    return words.join(' ');
  }

  /** A user's `sid`: 25 letters and digits, as newSid makes them. */
  sid(): string {
    let sid = '';
    for (let i = 0; i < 25; i++) sid += SID_ALPHABET[Math.floor(this.next() * SID_ALPHABET.length)];
    return sid;
  }
}
