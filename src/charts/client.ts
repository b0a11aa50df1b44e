/**
 * Draws every `canvas[data-chart]` on the page. Only the Chart.js parts these charts use are registered, so
 * the bundle stays small; this module is included only by pages that render a chart.
 */
import {
  BarController, BarElement, CategoryScale, Chart, LinearScale, LineController, LineElement, PointElement, Tooltip,
} from 'chart.js';
import type { ChartSpec } from './configs.ts';
import { toConfig } from './chartjs.ts';

// No Legend plugin: Chart.astro writes the legend in HTML (readable, printable, and 2.6 KB less to download).
Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip);

function draw(): void {
  // The page's own Chinese font stack: Chart.js's default (Helvetica, Arial) would leave the fallback font,
  // and so the width of every name beside a bar, to the browser.
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  const print = window.matchMedia('print').matches;
  const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  const charts: Chart[] = [];
  for (const canvas of document.querySelectorAll<HTMLCanvasElement>('canvas[data-chart]')) {
    const spec = JSON.parse(canvas.dataset.chart!) as ChartSpec;
    const colors = JSON.parse(canvas.dataset.colors ?? '[]') as string[];
    charts.push(new Chart(canvas, toConfig(spec, { animate: !print && !reduced, colors })));
  }
  // Redraw at the printed size without animation.
  window.addEventListener('beforeprint', () => {
    for (const c of charts) {
      c.options.animation = false;
      c.resize();
    }
  });
  window.addEventListener('afterprint', () => {
    for (const c of charts) c.resize();
  });
}

draw();
