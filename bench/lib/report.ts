import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One line of the results: what was measured, its figures, and whether its target holds. */
export interface ScenarioResult {
  scenario: string;
  /** The gateway's figures (rps, p50 and p99 in ms, or others named by the scenario). */
  gateway: Record<string, number>;
  /** The same figures for the baseline it is compared with, when there is one. */
  baseline: Record<string, number> | null;
  /** The figure the target speaks of (gateway over baseline, or a count). */
  ratio: number;
  /** The target in words, and the check. */
  target: string;
  met: boolean;
  /** How the ratio is shown: "0.72×" or "6 statements". */
  display: string;
  notes?: string;
}

const fmt = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? '-' : value >= 100 ? value.toFixed(0) : value.toFixed(value >= 10 ? 1 : 2));

/** The table printed on stdout. */
export function table(results: ScenarioResult[]): string {
  const rows = [['scenario', 'rps', 'p50 ms', 'p99 ms', 'baseline rps', 'baseline p99', 'result', 'target', 'met']];
  for (const r of results) {
    rows.push([r.scenario, fmt(r.gateway.rps), fmt(r.gateway.p50), fmt(r.gateway.p99), fmt(r.baseline?.rps), fmt(r.baseline?.p99), r.display, r.target, r.met ? 'yes' : 'NO']);
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows
    .map((row, i) => {
      const line = row.map((cell, column) => (column === 0 || column >= 6 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
      return i === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

/** The machine the figures came from, for the JSON and the README. */
export function machine() {
  const cpus = os.cpus();
  return { cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.type()} ${os.release()}` };
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A bar per scenario comparing the gateway with its baseline: the bar is the ratio (on a scale to
 * 2-4×), the grey tick marks 1× (the baseline), the dashed one the target where it is a ratio.
 */
export function chart(results: ScenarioResult[], title: string): string {
  const ratios = results.filter((r) => r.baseline !== null);
  const rowHeight = 34;
  const left = 330;
  const width = 1060;
  const barWidth = width - left - 250;
  // The scale reaches the largest ratio or target (at least 2×, at most 4×; longer bars are cut).
  const targets = ratios.map((r) => Number(/([\d.]+)×/.exec(r.target)?.[1] ?? 0));
  const top = Math.min(4, Math.max(2, ...ratios.map((r) => r.ratio), ...targets) * 1.05);
  const scale = (ratio: number) => (Math.min(ratio, top) / top) * barWidth;
  const height = 70 + ratios.length * rowHeight;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="13">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="16" y="26" font-size="16" font-weight="bold">${escape(title)}</text>`,
    `<text x="16" y="46" fill="#555">gateway ÷ baseline (longer is better for rps; for p99 and latency shorter is better); grey line = baseline, dashed = target</text>`,
  ];
  ratios.forEach((r, i) => {
    const y = 62 + i * rowHeight;
    const lowerIsBetter = /p99|latency/.test(r.scenario);
    parts.push(`<text x="16" y="${y + 17}">${escape(r.scenario)}</text>`);
    parts.push(`<rect x="${left}" y="${y + 4}" width="${scale(r.ratio).toFixed(1)}" height="18" fill="${r.met ? '#2e8b57' : '#c0392b'}"/>`);
    parts.push(`<line x1="${left + scale(1)}" x2="${left + scale(1)}" y1="${y}" y2="${y + 26}" stroke="#888"/>`);
    const target = /([\d.]+)×/.exec(r.target);
    if (target) {
      const x = left + scale(Number(target[1]));
      parts.push(`<line x1="${x}" x2="${x}" y1="${y}" y2="${y + 26}" stroke="#000" stroke-dasharray="3,2"/>`);
    }
    parts.push(`<text x="${left + barWidth + 8}" y="${y + 17}">${escape(r.display)}${lowerIsBetter ? ' (lower better)' : ''}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/** Writes results.json and results.svg (results.quick.* for a quick run, which git ignores). */
export function writeResults(dir: string, results: ScenarioResult[], meta: Record<string, unknown>): { json: string; svg: string } {
  mkdirSync(dir, { recursive: true });
  const stem = meta.mode === 'quick' ? 'results.quick' : 'results';
  const json = path.join(dir, `${stem}.json`);
  const svg = path.join(dir, `${stem}.svg`);
  writeFileSync(json, JSON.stringify({ ...meta, machine: machine(), scenarios: results }, null, 2) + '\n');
  writeFileSync(svg, chart(results, `Gateway benchmark — ${String(meta.mode)} run, ${String(meta.date)}`) + '\n');
  return { json, svg };
}
