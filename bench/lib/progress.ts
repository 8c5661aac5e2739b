import { Presets, SingleBar } from 'cli-progress';

export type ProgressMode = 'bar' | 'lines' | 'silent';

/** One phase's progress: a bar on a terminal, otherwise one line with its rows and time at the end. */
export class PhaseProgress {
  private readonly started = Date.now();
  private readonly bar: SingleBar | null = null;
  private done = 0;
  private rows = 0;

  constructor(
    private readonly mode: ProgressMode,
    private readonly name: string,
    total: number,
  ) {
    if (mode !== 'bar') return;
    this.bar = new SingleBar({ format: `${name.padEnd(9)} [{bar}] {percentage}% | {rows} rows | {duration}s`, hideCursor: true }, Presets.shades_classic);
    this.bar.start(total, 0, { rows: 0 });
  }

  /** One unit of the phase's total is done, having written `rows` rows. */
  step(rows: number): void {
    this.done += 1;
    this.rows += rows;
    if (this.bar !== null && this.done % 500 === 0) this.bar.update(this.done, { rows: this.rows });
  }

  finish(): void {
    if (this.bar !== null) {
      this.bar.update(this.done, { rows: this.rows });
      this.bar.stop();
    }
    const seconds = ((Date.now() - this.started) / 1000).toFixed(2);
    if (this.mode === 'lines') console.log(`${this.name}: ${this.rows} rows in ${seconds}s`);
  }
}
