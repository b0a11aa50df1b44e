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

export function toConfig(spec: ChartSpec, opts: { animate: boolean }): ChartConfiguration {
  const unit = spec.format.unit;
  const axis = spec.horizontal ? 'x' : 'y';
  const colors = (i: number) => PALETTE[i % PALETTE.length]!;
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
        tension: 0.25,
      })),
    },
    options: {
      indexAxis: spec.horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      animation: opts.animate ? undefined : false,
      plugins: {
        legend: { display: spec.datasets.length > 1, position: 'bottom' },
        tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label ?? ''}：${valueText(Number(ctx.parsed[axis]), unit)}` } },
      },
      scales: {
        [axis]: { beginAtZero: true, ticks: { callback: (v) => valueText(Number(v), unit === '元' ? '' : unit) } },
      },
    },
  };
}

