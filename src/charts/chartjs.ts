/**
 * Chart.js configuration from a chart spec, with the formatting callbacks that cannot travel as JSON.
 * Pure: unit-tested without a browser.
 */
import type { ChartConfiguration } from 'chart.js';
import { formatCompact, formatNumber } from '../lib/numbers.ts';
import type { ChartSpec } from './configs.ts';

const PALETTE = ['#b4232a', '#d9a441', '#2f6f9f', '#4e8a4b', '#7a4f9a', '#c2662d', '#3b8686', '#8c6d46'];

function valueText(v: number, unit: string): string {
  if (unit === '%') return `${formatNumber(v, { maximumFractionDigits: 2 })}%`;
  if (unit === '篇') return `${formatNumber(v)}篇`;
  return formatCompact(v, unit);
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
 * The Chart.js configuration for a spec. `animate: false` for print and reduced motion; `colors` per dataset
 * (from seriesColors, so they match the HTML legend).
 */
export function toConfig(spec: ChartSpec, opts: { animate: boolean; colors?: readonly string[] }): ChartConfiguration {
  const unit = spec.format.unit;
  const axis = spec.horizontal ? 'x' : 'y';
  const stacked = spec.stacked ?? false;
  const fallback = seriesColors(spec.datasets.length);
  const colors = (i: number) => opts.colors?.[i] ?? fallback[i]!;
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
        tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label ?? ''}：${valueText(Number(ctx.parsed[axis]), unit)}` } },
      },
      scales: {
        [axis]: { beginAtZero: true, stacked, ticks: { precision: unit === '%' ? undefined : 0, callback: (v) => valueText(Number(v), unit === '元' ? '' : unit) } },
        // Every category label is a name the reader looks for: never skip one (the chart is tall enough).
        [spec.horizontal ? 'y' : 'x']: { stacked, ticks: { autoSkip: false } },
      },
    },
  };
}

