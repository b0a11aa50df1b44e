/**
 * Chart.js configuration from a chart spec, with the formatting callbacks that cannot travel as JSON.
 * Pure: unit-tested without a browser, and measured in Chromium at phone width by the chart tests.
 */
import type { ChartConfiguration } from 'chart.js';
import { formatCompact, formatNumber } from '../lib/figures/index.ts';
import type { ChartSpec } from './configs.ts';

const PALETTE = ['#b4232a', '#d9a441', '#2f6f9f', '#4e8a4b', '#7a4f9a', '#c2662d', '#3b8686', '#8c6d46'];

/** Characters per line of a category name beside horizontal bars: about 100 px at Chart.js's 12 px font. */
export const LABEL_LINE_CHARS = 8;
/** Lines per category name; a longer name ends in … (the data table under the chart has it whole). */
export const LABEL_MAX_LINES = 3;

/** An axis value in Chinese units: 1.2亿, 3,580万, 9.32%, 2.5万人. */
export function valueText(v: number, unit: string): string {
  if (unit === '%') return `${formatNumber(v, { maximumFractionDigits: 2 })}%`;
  if (unit === '篇') return `${formatNumber(v)}篇`;
  return formatCompact(v, unit);
}

/** Runs that must stay on one line: digits and Latin words; every CJK character is a break point. */
function labelTokens(text: string): string[] {
  return text.match(/[A-Za-z0-9.,%+\-]+|\s+|./gu) ?? [];
}

/**
 * A category name broken into lines that fit beside a bar at 390 px: at most `perLine` characters each,
 * lines of balanced length (never one character alone on the last), a date split after its year (2024年 /
 * 3月末). One line is returned as a string, several as an array (Chart.js draws an array as lines).
 */
export function wrapLabel(label: string, perLine = LABEL_LINE_CHARS, maxLines = LABEL_MAX_LINES): string | string[] {
  const chars = [...label];
  if (chars.length <= perLine) return label;
  const date = /^(\d{4}年)(.+)$/u.exec(label);
  if (date && [...date[2]!].length <= perLine) return [date[1]!, date[2]!];
  const tokens = labelTokens(label);
  const lines = Math.min(maxLines, Math.ceil(chars.length / perLine));
  // Balanced: each line aims at an equal share, so a 9-character name is 5 + 4, not 8 + 1.
  const target = Math.ceil(chars.length / lines);
  const out: string[] = [];
  let cur = '';
  for (const t of tokens) {
    const len = [...cur].length;
    if (cur !== '' && (len >= target || len + [...t].length > perLine) && out.length < lines - 1) {
      out.push(cur.trim());
      cur = t.trimStart();
    } else cur += t;
  }
  out.push(cur.trim());
  const last = out.length - 1;
  if ([...out[last]!].length > perLine) out[last] = `${[...out[last]!].slice(0, perLine - 1).join('')}…`;
  return out.filter((l) => l !== '');
}

/**
 * One colour per dataset: the site's brand and accent colours (site.yaml) first, then a fixed palette. The
 * page draws the legend in HTML with the same colours, so Chart.js's legend plugin is not shipped.
 */
export function seriesColors(count: number, brand?: string, accent?: string): string[] {
  const palette = [brand || PALETTE[0]!, accent || PALETTE[1]!, ...PALETTE.slice(2)];
  return Array.from({ length: count }, (_, i) => palette[i % palette.length]!);
}

/**
 * CSS height of a chart's drawing area in px. A horizontal chart grows with its categories: each needs room
 * for its bars and for every line of its wrapped name (15 px a line at Chart.js's 12 px font), plus the value
 * axis; a line chart has a fixed height.
 */
export function chartHeight(spec: Pick<ChartSpec, 'labels' | 'horizontal' | 'stacked' | 'datasets'>): number {
  if (!spec.horizontal) return 260;
  const barsPer = spec.stacked ? 1 : Math.max(1, spec.datasets.length);
  const rows = spec.labels.reduce((sum, l) => {
    const w = wrapLabel(l);
    return sum + Math.max(barsPer * 20 + 12, (Array.isArray(w) ? w.length : 1) * 15 + 10);
  }, 0);
  return Math.max(140, rows + 50);
}

/**
 * The Chart.js configuration for a spec. `animate: false` for print and reduced motion; `colors` per dataset
 * (from seriesColors, so they match the HTML legend).
 */
export function toConfig(spec: ChartSpec, opts: { animate: boolean; colors?: readonly string[] }): ChartConfiguration {
  const unit = spec.format.unit;
  const axis = spec.horizontal ? 'x' : 'y';
  const stacked = spec.stacked ?? false;
  const fallback = seriesColors(spec.datasets.length);
  const colors = (i: number) => opts.colors?.[i] ?? fallback[i]!;
  const wrapped = spec.labels.map((l) => wrapLabel(l));
  return {
    type: spec.type,
    data: {
      labels: spec.labels,
      datasets: spec.datasets.map((d, i) => ({
        label: d.label,
        data: d.data,
        backgroundColor: colors(i),
        borderColor: colors(i),
        borderWidth: 2,
        // Straight segments: a smoothed curve would suggest values between the as-of dates that nobody reported.
        tension: 0,
      })),
    },
    options: {
      indexAxis: spec.horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      animation: opts.animate ? undefined : false,
      plugins: {
        tooltip: {
          callbacks: {
            // The figure as the article printed it (超2100亿元); the axis value only when no text came along.
            label: (ctx) => {
              const text = spec.datasets[ctx.datasetIndex]?.texts?.[ctx.dataIndex];
              return `${ctx.dataset.label ?? ''}：${text ?? valueText(Number(ctx.parsed[axis]), unit)}`;
            },
          },
        },
      },
      scales: {
        [axis]: {
          beginAtZero: true,
          stacked,
          // Flat labels: a rotated label is what gets cut at a phone's edge; Chart.js skips ticks instead.
          ticks: { maxRotation: 0, precision: unit === '%' ? undefined : 0, callback: (v) => valueText(Number(v), unit === '元' ? '' : unit) },
        },
        [spec.horizontal ? 'y' : 'x']: {
          stacked,
          ticks: {
            // Every category name beside a bar is one the reader looks for: never skipped (the chart grows
            // with them). Dates under a line may thin out on a phone; the table has them all.
            autoSkip: !spec.horizontal,
            maxRotation: 0,
            // A category tick's value is its index into the labels.
            callback: (v) => wrapped[Number(v)] ?? '',
          },
        },
      },
    },
  };
}
