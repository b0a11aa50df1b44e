/**
 * Cost of `npm run check` on 200 reports: the full validation against a baseline that only reads the files
 * and parses their YAML, measured in the same run. Also the cost on the bundled samples.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { checkContent } from '../../src/node/check-content.ts';
import { projectContentDir } from '../../src/node/config.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function time(fn: () => unknown, runs = 7): Promise<number> {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    t.push(performance.now() - start);
  }
  return median(t);
}

export async function run(): Promise<void> {
  const samples = readdirSync(path.join(projectContentDir(), 'reports')).filter((f) => f.endsWith('.md'));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'showcase-bench-'));
  mkdirSync(path.join(dir, 'reports'));
  for (let i = 0; i < 200; i++) {
    const f = samples[i % samples.length]!;
    writeFileSync(path.join(dir, 'reports', `${f.replace(/\.md$/, '')}-${i}.md`), readFileSync(path.join(projectContentDir(), 'reports', f)));
  }
  const files = readdirSync(path.join(dir, 'reports')).map((f) => path.join(dir, 'reports', f));
  const baseline = await time(() => {
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      parseDocument(text.slice(4, text.indexOf('\n---', 4)));
    }
  });
  const now = new Date();
  const full = await time(() => checkContent({ contentDir: dir, projectContentDir: projectContentDir(), now }));
  const samplesOnly = await time(() => checkContent({ contentDir: projectContentDir(), projectContentDir: projectContentDir(), now }));
  rmSync(dir, { recursive: true, force: true });
  console.log(`报告数                200（由 ${samples.length} 份样例复制）`);
  console.log(`基线：读文件+解析YAML  ${baseline.toFixed(1)} ms`);
  console.log(`完整校验              ${full.toFixed(1)} ms（基线的 ${(full / baseline).toFixed(1)} 倍，每份 ${(full / 200).toFixed(2)} ms）`);
  console.log(`样例内容 ${samples.length} 份          ${samplesOnly.toFixed(1)} ms`);
}
