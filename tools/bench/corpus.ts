/**
 * A generated content folder at scale for the benchmarks: N valid reports of feature length, spread over about
 * N/28 organisations in many provinces and cities (its own orgs.yaml), twelve themes and five years. Every
 * report carries many figures that its body prints exactly as its frontmatter states them, and that satisfy
 * the catalog's relations (balance − increase = start, rate = increase ÷ start, part ≤ whole, ratio = part ÷
 * whole), so the whole folder passes `npm run check` and builds. Bodies are made of the newspaper sentences of
 * tools/corpus.ts with the search vocabulary put in at random places, as there, so the search exactness
 * check runs on this corpus too.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { SENTENCES, VOCABULARY, insertAt, random, variant } from '../corpus.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Provinces and prefecture-level cities (or districts), interleaved so that a few organisations already span many provinces. */
const REGIONS: Record<string, string[]> = {
  山西: ['太原', '大同', '晋中', '临汾', '运城', '长治'],
  河北: ['石家庄', '保定', '廊坊', '邯郸', '沧州'],
  湖北: ['武汉', '荆州', '宜昌', '襄阳', '黄冈'],
  湖南: ['长沙', '益阳', '株洲', '岳阳', '怀化', '永州'],
  四川: ['成都', '资阳', '绵阳', '南充', '宜宾'],
  浙江: ['宁波', '丽水', '温州', '绍兴', '金华'],
  江西: ['南昌', '九江', '赣州', '上饶', '吉安'],
  江苏: ['南京', '徐州', '苏州', '南通', '盐城'],
  广西: ['南宁', '崇左', '桂林', '柳州', '玉林'],
  河南: ['郑州', '洛阳', '南阳', '信阳', '周口'],
  山东: ['济南', '青岛', '潍坊', '临沂', '烟台'],
  安徽: ['合肥', '芜湖', '阜阳', '六安', '安庆'],
  福建: ['福州', '厦门', '泉州', '漳州', '三明'],
  广东: ['广州', '佛山', '湛江', '梅州', '清远'],
  贵州: ['贵阳', '遵义', '毕节', '铜仁', '安顺'],
  云南: ['昆明', '曲靖', '大理', '玉溪', '红河'],
  陕西: ['西安', '宝鸡', '咸阳', '汉中', '榆林'],
  甘肃: ['兰州', '天水', '庆阳', '张掖', '定西'],
  吉林: ['长春', '四平', '延边', '通化', '白山'],
  辽宁: ['沈阳', '大连', '锦州', '丹东', '铁岭'],
  黑龙江: ['哈尔滨', '齐齐哈尔', '绥化', '佳木斯', '牡丹江'],
  内蒙古: ['呼和浩特', '包头', '赤峰', '通辽', '鄂尔多斯'],
  宁夏: ['银川', '吴忠', '固原', '中卫'],
  青海: ['西宁', '海东'],
  新疆: ['乌鲁木齐', '伊犁', '喀什', '昌吉'],
  重庆: ['万州', '涪陵', '黔江', '永川'],
  海南: ['海口', '三亚', '儋州'],
  天津: ['武清', '宝坻', '静海'],
};

const ORG_KINDS = [
  { suffix: '农商银行', type: '农商银行', parent: (p: string) => `${p}农村信用社联合社` },
  { suffix: '村镇银行', type: '村镇银行', parent: () => undefined },
  { suffix: '农村信用合作联社', type: '联社', parent: (p: string) => `${p}农村信用社联合社` },
] as const;

export const BENCH_THEMES = [
  { name: '党建引领', description: '以高质量党建引领业务发展' },
  { name: '党建联建', description: '与村镇、企业、政府部门联建共建' },
  { name: '普惠金融', description: '支农支小、普惠小微金融服务' },
  { name: '乡村振兴', description: '服务乡村产业、农户增收' },
  { name: '科技金融', description: '支持科技型、专精特新企业' },
  { name: '反诈宣传', description: '反电信网络诈骗宣传与防控' },
  { name: '金融知识教育', description: '金融知识进校园、进社区' },
  { name: '清廉金融', description: '清廉文化、廉洁家风建设' },
  { name: '作风建设', description: '正风肃纪、行风监督' },
  { name: '志愿服务', description: '志愿者活动与公益服务' },
  { name: '员工关怀', description: '关心关爱员工、队伍建设' },
  { name: '风险化解', description: '不良贷款清收、风险资产处置' },
];

const TITLES = [
  '以党建赋能存贷款稳步增长', '“春天行动”党建聚合力', '把反诈课堂搬进校园', '构建“三维联动”服务体系', '清收不良贷款见实效',
  '党建联盟助力乡村振兴', '推进金融知识进校园', '深化清廉金融文化建设', '志愿服务暖人心', '科技赋能普惠金融提质增效',
  '强化作风建设 为稳健经营提供纪律保障', '关心关爱员工 凝聚发展合力', '支农支小服务见成效', '党员先锋队攻坚克难',
];

const HEADINGS = [
  '存贷两端稳步增长', '党委把方向、管大局', '做小做散 支农支小', '党建联盟助力乡村振兴', '党员实干服务支农惠民',
  '一场不留情面的组织生活会', '织密反诈防护网', '清廉金融文化进万家', '志愿服务暖人心', '科技赋能提质增效',
  '班子成员带头沉下去', '正风肃纪贯穿全程', '风险化解攻坚', '服务实体经济',
];

/** One figure as the frontmatter states it. */
interface Fig {
  key: string;
  value: number;
  unit: string;
  asOf: string;
  approx?: string;
  label?: string;
}

/** A group of related figures and the sentence that prints them. */
interface Block {
  figs: Fig[];
  sentence: string;
}

/** As printed: no trailing zeros, so the YAML number and the body agree (216.6, not 216.60). */
function fmt(x: number, decimals: number): string {
  return String(Number(x.toFixed(decimals)));
}

function num(x: number, decimals: number): number {
  return Number(x.toFixed(decimals));
}

type Rnd = () => number;
const between = (rnd: Rnd, lo: number, hi: number) => lo + rnd() * (hi - lo);
const int = (rnd: Rnd, lo: number, hi: number) => Math.floor(between(rnd, lo, hi + 1));

/**
 * One organisation's balance over the years, the same in every report that prints it: the start of each year is
 * the previous year's end (balance − 较年初增加 of a Q1 report is the year-end balance the year's last report
 * printed), as the cross-report check demands. Deterministic in the organisation and the year.
 */
function yearStart(org: string, which: 'deposit' | 'loan', year: number): number {
  let s = num(between(random(seedOf(`${org}|${which}`)), 5, 600), 2);
  for (let y = 2021; y < year; y++) s = num(s + yearIncrease(org, which, y, s, 4), 2);
  return s;
}

/** 较年初增加 at the end of quarter q (1–4) of `year`, growing through the year. */
function yearIncrease(org: string, which: 'deposit' | 'loan', year: number, start: number, q: number): number {
  const rate = between(random(seedOf(`${org}|${which}|${year}`)), 0.02, 0.15);
  return Math.max(0.01, num((start * rate * q) / 4, 2));
}

function seedOf(s: string): number {
  let h = 2166136261;
  for (const c of s) h = Math.imul(h ^ c.codePointAt(0)!, 16777619) >>> 0;
  return h;
}

/** balance − increase = start and rate = increase ÷ start, from the printed figures. */
function balanceBlock(rnd: Rnd, asOf: string, when: string, which: 'deposit' | 'loan', org: string): Block {
  const year = Number(asOf.slice(0, 4));
  const q = Math.ceil(Number(asOf.slice(5, 7)) / 3);
  const start = yearStart(org, which, year);
  const inc = yearIncrease(org, which, year, start, q);
  const bal = num(start + inc, 2);
  const rate = ((num(inc, 2) / num(bal - inc, 2)) * 100);
  const name = which === 'deposit' ? '各项存款余额' : '各项贷款余额';
  const figs: Fig[] = [
    { key: `${which}_balance`, value: bal, unit: '亿元', asOf },
    { key: `${which}_increase`, value: inc, unit: '亿元', asOf },
    { key: `${which}_growth`, value: Number(fmt(rate, 2)), unit: '%', asOf },
  ];
  let sentence = `截至${when}，该行${name}${fmt(bal, 2)}亿元，较年初增加${fmt(inc, 2)}亿元，增幅${fmt(rate, 2)}%`;
  if (which === 'loan') {
    const incl = num(bal * between(rnd, 0.15, 0.45), 2);
    const agri = num(bal * between(rnd, 0.3, 0.7), 2);
    figs.push({ key: 'inclusive_loan_balance', value: incl, unit: '亿元', asOf }, { key: 'agri_loan_balance', value: agri, unit: '亿元', asOf });
    sentence += `；其中普惠小微贷款余额${fmt(incl, 2)}亿元，涉农贷款余额${fmt(agri, 2)}亿元`;
  }
  return { figs, sentence: `${sentence}。` };
}

/**
 * The figure groups a report may carry. Each is drawn from a generator seeded by the organisation, the group and
 * the as-of day, so two reports of one organisation that print a group at one day print the same figures; every
 * sentence gives the day the figures are as of.
 */
const BLOCKS: Record<string, (rnd: Rnd, asOf: string, when: string, org: string) => Block> = {
  deposit: (rnd, asOf, when, org) => balanceBlock(rnd, asOf, when, 'deposit', org),
  loan: (rnd, asOf, when, org) => balanceBlock(rnd, asOf, when, 'loan', org),
  risk: (rnd, asOf, when) => {
    const rec = num(between(rnd, 500, 20000), 2);
    const n = int(rnd, 20, 900);
    const red = num(between(rnd, 300, 9000), 2);
    return {
      figs: [
        { key: 'bad_loans_recovered', value: rec, unit: '万元', asOf },
        { key: 'bad_loans_recovered_count', value: n, unit: '笔', asOf },
        { key: 'risk_assets_reduced', value: red, unit: '万元', asOf },
      ],
      sentence: `截至${when}，该行清收处置不良贷款${fmt(rec, 2)}万元，共${n}笔；风险资产清降${fmt(red, 2)}万元。`,
    };
  },
  people: (rnd, asOf, when) => {
    const vol = int(rnd, 20, 800);
    const trained = int(rnd, 5, 300) * 10;
    const reached = num(between(rnd, 1.1, 30), 1);
    return {
      figs: [
        { key: 'volunteers', value: vol, unit: '名', asOf },
        { key: 'people_trained', value: trained, unit: '名', approx: '余', asOf, label: '参加培训的学生' },
        { key: 'people_reached', value: reached, unit: '万人次', asOf },
      ],
      sentence: `截至${when}，该行组织青年志愿者${vol}名走进社区和校园，培训学生${trained}余名，宣传覆盖受众${fmt(reached, 1)}万人次。`,
    };
  },
  households: (rnd, asOf, when) => {
    const hh = int(rnd, 300, 50000);
    const ent = int(rnd, 20, 3000);
    return {
      figs: [
        { key: 'households_served', value: hh, unit: '户', asOf },
        { key: 'enterprises_served', value: ent, unit: '家', asOf },
      ],
      sentence: `截至${when}，该行服务农户${hh}户，支持小微企业${ent}家。`,
    };
  },
  events: (rnd, asOf, when) => {
    const ev = int(rnd, 5, 300);
    const visits = int(rnd, 10, 200);
    return {
      figs: [
        { key: 'events_held', value: ev, unit: '场', asOf },
        { key: 'visits_made', value: visits, unit: '次', asOf, label: '领导班子下基层调研' },
      ],
      sentence: `截至${when}，该行开展各类活动${ev}场，领导班子下基层调研${visits}次。`,
    };
  },
  participation: (rnd, asOf, when) => {
    const all = int(rnd, 60, 500);
    const part = Math.floor(all * between(rnd, 0.5, 0.98));
    const done = Math.floor(part * between(rnd, 0.8, 1));
    return {
      figs: [
        { key: 'eligible_total', value: all, unit: '名', asOf },
        { key: 'participants', value: part, unit: '名', asOf },
        { key: 'participation_rate', value: Number(fmt((100 * part) / all, 2)), unit: '%', asOf },
        { key: 'completers', value: done, unit: '名', asOf },
        { key: 'completion_rate', value: Number(fmt((100 * done) / all, 2)), unit: '%', asOf },
      ],
      sentence: `截至${when}，全辖应参与人员${all}名，实际参与${part}名，参与率为${fmt((100 * part) / all, 2)}%；完成${done}名，完成率${fmt((100 * done) / all, 2)}%。`,
    };
  },
  financing: (rnd, asOf, when) => {
    const fin = int(rnd, 10, 3000);
    const line = num(between(rnd, 1, 50), 1);
    return {
      figs: [
        { key: 'financing_provided', value: fin, unit: '亿元', approx: '超', asOf },
        { key: 'credit_line', value: line, unit: '亿元', asOf },
      ],
      sentence: `截至${when}，该行为地方经济提供资金支持超${fin}亿元，并安排专项信贷额度${fmt(line, 1)}亿元。`,
    };
  },
  coverage: (rnd, asOf, when) => {
    const v = int(rnd, 20, 400);
    const t = int(rnd, 3, 30);
    return {
      figs: [
        { key: 'villages_covered', value: v, unit: '个', asOf },
        { key: 'towns_covered', value: t, unit: '个', asOf },
      ],
      sentence: `截至${when}，该行已实现全县${v}个行政村和${t}个乡镇党建联建全覆盖。`,
    };
  },
  issues: (rnd, asOf, when) => {
    const a = int(rnd, 5, 120);
    const b = int(rnd, 5, 80);
    const c = int(rnd, 50, 900);
    return {
      figs: [
        { key: 'issues_resolved', value: a, unit: '个', asOf },
        { key: 'suggestions_collected', value: b, unit: '条', asOf },
        { key: 'reminders_sent', value: c, unit: '条', asOf },
      ],
      sentence: `截至${when}，该行通过走访帮助解决业务难题和基层诉求${a}个，收集意见建议${b}条，推送廉政提醒${c}条。`,
    };
  },
  hires: (rnd, asOf, when) => {
    const all = int(rnd, 20, 200);
    const local = Math.floor(all * between(rnd, 0.4, 0.95));
    return {
      figs: [
        { key: 'new_hires', value: all, unit: '人', asOf },
        { key: 'local_hires', value: local, unit: '人', asOf },
      ],
      sentence: `截至${when}，该行以县为单元共招聘新员工${all}人，其中本地新员工${local}人。`,
    };
  },
};

/** Report 0 always has these: `editFigure` changes its households figure, which heads its card. */
const FIRST_REPORT_BLOCKS = ['households', 'financing', 'people', 'events'];

export interface BenchOrg {
  id: string;
  name: string;
  province: string;
  city: string;
}

export function benchOrgs(count: number): BenchOrg[] {
  const provinces = Object.entries(REGIONS);
  const cities: [string, string][] = [];
  for (let round = 0; cities.length < provinces.reduce((n, [, cs]) => n + cs.length, 0); round++) {
    for (const [p, cs] of provinces) if (cs[round]) cities.push([p, cs[round]!]);
  }
  const orgs: BenchOrg[] = [];
  for (let i = 0; orgs.length < count; i++) {
    const [province, city] = cities[i % cities.length]!;
    const kind = ORG_KINDS[Math.floor(i / cities.length) % ORG_KINDS.length]!;
    const lap = Math.floor(i / (cities.length * ORG_KINDS.length));
    const name = `${city}${lap ? ['', '城区', '郊区', '东部', '西部', '南部', '北部'][lap % 7] ?? '' : ''}${kind.suffix}`;
    orgs.push({ id: `org-${String(i + 1).padStart(4, '0')}`, name, province, city });
  }
  return orgs;
}

function orgsYaml(orgs: readonly BenchOrg[]): string {
  return stringify({
    orgs: orgs.map((o, i) => {
      const kind = ORG_KINDS[Math.floor(i / (Object.values(REGIONS).flat().length)) % ORG_KINDS.length]!;
      const parent = kind.parent(o.province);
      return {
        id: o.id, name: o.name, type: kind.type, region: { province: o.province, city: o.city },
        ...(parent ? { parent } : {}),
        profile: `${o.province}省${o.city}的${kind.type === '联社' ? '农村信用合作联社' : kind.type}，服务当地“三农”和小微企业。`,
      };
    }),
  });
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const QUARTER_END = ['03-31', '06-30', '09-30', '12-31'];
const QUARTER_WORD = ['3月末', '6月末', '9月末', '12月末'];

/** The last day of a month: 2025-05-31. */
function monthEnd(year: number, month: number): string {
  return `${year}-${pad2(month)}-${pad2(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export interface BenchCorpus {
  contentDir: string;
  reportsDir: string;
  files: string[];
  orgs: BenchOrg[];
}

/**
 * How a figure is written in the frontmatter: as `value` + `unit` (+ `approx`), or as the printed `text`
 * (216.66亿元, 120余名, 超2100亿元). The tree's report schema decides; the bench asks `figureFormOf`.
 */
export type FigureForm = 'value' | 'text';

/** The form the report schema of the project at `root` accepts. */
export function figureFormOf(root: string = ROOT): FigureForm {
  const schema = readFileSync(path.join(root, 'src/schemas/report.ts'), 'utf8');
  const metric = schema.slice(schema.indexOf('reportMetricSchema'));
  return /^\s*text:\s*z\./m.test(metric) ? 'text' : 'value';
}

function printed(f: Fig): string {
  const n = String(f.value);
  if (!f.approx) return `${n}${f.unit}`;
  // 余 and 多 stand between the number and the unit (120余名); the others before the number (超2100亿元).
  return f.approx === '余' || f.approx === '多' ? `${n}${f.approx}${f.unit}` : `${f.approx}${n}${f.unit}`;
}

/** The `SHOWCASE_NOW` a bench build uses: every generated report is published by then. */
export const BENCH_NOW = '2026-06-30';

/**
 * Writes `<contentDir>/{site.yaml,metrics.yaml,orgs.yaml,reports/bench-00001.md …}`. Deterministic: the same n
 * gives the same folder. metrics.yaml is the frozen catalog of test/fixtures/content.
 */
export function writeBenchCorpus(contentDir: string, n: number, form: FigureForm = figureFormOf(), orgCount = Math.max(4, Math.round(n / 28))): BenchCorpus {
  const reportsDir = path.join(contentDir, 'reports');
  mkdirSync(reportsDir, { recursive: true });
  const orgs = benchOrgs(orgCount);
  writeFileSync(path.join(contentDir, 'orgs.yaml'), orgsYaml(orgs));
  copyFileSync(path.join(ROOT, 'test/fixtures/content/metrics.yaml'), path.join(contentDir, 'metrics.yaml'));
  writeFileSync(
    path.join(contentDir, 'site.yaml'),
    stringify({
      name: '案例展台', description: '辖内各行党建引领、普惠金融、乡村振兴等工作案例与成效数据',
      site: 'http://showcase.bench.example', base: '/',
      brand: { color: '#b4232a', accent: '#d9a441', ink: '#1f2329', logo: 'brand/logo.svg' },
      themes: BENCH_THEMES,
    }),
  );
  const files: string[] = [];
  for (let i = 0; i < n; i++) {
    const file = path.join(reportsDir, `bench-${String(i + 1).padStart(5, '0')}.md`);
    writeFileSync(file, report(i, orgs, form));
    files.push(file);
  }
  return { contentDir, reportsDir, files, orgs };
}

function report(i: number, orgs: readonly BenchOrg[], form: FigureForm): string {
  const rnd = random(100_003 + i * 7919);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const org = orgs[i % orgs.length]!;
  const year = 2021 + Math.floor(rnd() * 5);
  const q = Math.floor(rnd() * 4);
  // Report 0's figures are as of a month end no other report uses: editing them contradicts no other report.
  const asOf = i === 0 ? monthEnd(year, 3 * q + 2) : `${year}-${QUARTER_END[q]}`;
  const when = i === 0 ? `${Number(asOf.slice(5, 7))}月末` : QUARTER_WORD[q]!;
  const date = addDays(asOf, 5 + Math.floor(rnd() * 35));
  const themes = [...new Set([pick(BENCH_THEMES).name, pick(BENCH_THEMES).name, pick(BENCH_THEMES).name].slice(0, 1 + Math.floor(rnd() * 3)))];

  // Figures: four to seven groups at the report's quarter end, often the previous quarter's balances too.
  const names = Object.keys(BLOCKS);
  const chosen = i === 0 ? FIRST_REPORT_BLOCKS : [...new Set(Array.from({ length: 4 + Math.floor(rnd() * 4) }, () => pick(names)))];
  const block = (b: string, day: string, words: string) => BLOCKS[b]!(random(seedOf(`${org.name}|${b}|${day}`)), day, words, org.name);
  const blocks = chosen.map((b) => block(b, asOf, when));
  if (i !== 0 && q > 0 && rnd() < 0.5) {
    const prev = `${year}-${QUARTER_END[q - 1]}`;
    blocks.push(block(pick(['deposit', 'loan']), prev, `${QUARTER_WORD[q - 1]}`));
  }
  // One metric per as-of date: a second group with the same metric and date would be a duplicate figure.
  const seen = new Set<string>();
  const kept = blocks.filter((b) => {
    const keys = b.figs.map((f) => `${f.key}|${f.asOf}`);
    if (keys.some((k) => seen.has(k))) return false;
    keys.forEach((k) => seen.add(k));
    return true;
  });

  // Body: a lead and four to seven sections of newspaper sentences; the figure sentences go into them.
  const sentences = Array.from({ length: 24 + Math.floor(rnd() * 18) }, () => pick(SENTENCES));
  for (let k = Math.floor(rnd() * 6); k > 0; k--) {
    const at = Math.floor(rnd() * sentences.length);
    sentences[at] = insertAt(sentences[at]!, variant(pick(VOCABULARY), rnd), rnd);
  }
  const sections = 4 + Math.floor(rnd() * 4);
  const per = Math.ceil(sentences.length / (sections + 1));
  const lead = `${year}年以来，${org.name}坚持以党建统领全局，推动党的建设与经营管理深度融合。${sentences.slice(0, 2).join('')}`;
  const parts = [lead];
  const headings = [...HEADINGS].sort(() => rnd() - 0.5);
  for (let s = 0; s < sections; s++) {
    const chunk = sentences.slice(2 + s * per, 2 + (s + 1) * per);
    const paras: string[] = [];
    for (let k = 0; k < chunk.length; k += 3) paras.push(chunk.slice(k, k + 3).join(''));
    kept.filter((_, b) => b % sections === s).forEach((b) => paras.splice(Math.min(1, paras.length), 0, b.sentence));
    parts.push(`## ${headings[s % headings.length]}`, ...paras);
  }

  const figs = kept.flatMap((b) => b.figs);
  const first = kept[0]!;
  const metrics = figs.map((f) =>
    form === 'text'
      ? { key: f.key, text: printed(f), asOf: f.asOf, ...(f.label ? { label: f.label } : {}) }
      : { key: f.key, value: f.value, unit: f.unit, ...(f.approx ? { approx: f.approx } : {}), asOf: f.asOf, ...(f.label ? { label: f.label } : {}) },
  );
  const frontmatter = stringify({
    title: `${org.name}${pick(TITLES)}`,
    summary: `${year}年${QUARTER_WORD[q]}前后，${org.name}${first.sentence.replace(/^(截至[^，]+|今年以来|全年|通过走访|目前|当年以县为单元)，/, '').replace(/^该行/, '')}`.slice(0, 150),
    org: org.name,
    date,
    authors: [pick(['温娜', '王瑞俊', '苟学菲', '李勇', '刘军', '唐智宏', '王建川', '黄家璇', '陈正', '曾敏丽', '占昌曦', '叶海伟'])],
    themes,
    metrics,
  }, { lineWidth: 0 });
  return `---\n${frontmatter}---\n\n${parts.join('\n\n')}\n`;
}

/** Appends a sentence without figures to a report's body. */
export function editBody(file: string): void {
  writeFileSync(file, `${readFileSync(file, 'utf8')}\n该行表示，下一步将继续做好金融服务，推动各项工作再上新台阶。\n`);
}

/** Changes the households figure of report 0 in its frontmatter and its body together (it heads the report's card). */
export function editFigure(file: string): void {
  const text = readFileSync(file, 'utf8');
  const m = /- key: households_served\n\s+(?:value: (\d+)|text: (\d+)户)/.exec(text);
  if (!m) throw new Error(`${file} 没有 households_served`);
  const old = Number(m[1] ?? m[2]);
  const next = text
    .replace(m[0], m[0].replace(String(old), String(old + 1)))
    .replaceAll(`服务农户${old}户`, `服务农户${old + 1}户`);
  if (next === text || !next.includes(`服务农户${old + 1}户`)) throw new Error(`${file} 的正文里没有“服务农户${old}户”`);
  writeFileSync(file, next);
}
