/**
 * Data downloads without a build: rows from checked reports, the CSV as Excel needs it (BOM, CRLF, Chinese
 * headers, quoting, no formula), read back with a CSV parser, and the JSON of the same rows. Each fixture
 * report has one fault to survive; every expected cell below is written out by hand.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { rankingGroups } from '../../src/lib/aggregate.ts';
import {
  COLUMNS, downloadFileName, downloadPath, downloadSets, plainNumber, reportRows, rowContext, toCsv, toJson, unescapeCell,
  type FigureRow,
} from '../../src/lib/downloads.ts';
import type { Report } from '../../src/lib/model.ts';
import { catalog, checkReport, type MetricLine } from './support/figure-catalog.ts';

const ADDR = { site: 'http://showcase.bank.local', base: '/showcase/' };
const ctx = rowContext(catalog, ADDR);

/** A checked report with these figures and body (松滋农商银行, dated 2025-04-25, published). */
function report(metrics: MetricLine[], body: string, slug = 'songzi-2025q1'): Report {
  const v = checkReport(metrics, body);
  expect(v.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return { ...v.report!, slug };
}

/** Bytes of a CSV as the build writes it, parsed back the way a program would (BOM stripped by the parser). */
function readCsv(csv: string): { bytes: Buffer; records: string[][] } {
  const bytes = Buffer.from(csv, 'utf8');
  const records = parse(bytes, { bom: true, relax_column_count: false }) as string[][];
  return { bytes, records };
}

/** The one data row of a one-figure report, as a header → cell map. */
function onlyRow(metric: MetricLine, body: string): Record<string, string> {
  const { records } = readCsv(toCsv(reportRows([report([metric], body)], ctx)));
  expect(records).toHaveLength(2);
  return Object.fromEntries(records[0]!.map((h, i) => [h, records[1]![i]!]));
}

describe('CSV file format', () => {
  const r = report([['deposit_balance', '216.66亿元'], [null, '40余亿元', { label: '累计发放扶贫贷款' }]], '截至3月末，各项存款余额216.66亿元，累计发放扶贫贷款40余亿元。');
  const csv = toCsv(reportRows([r], ctx));

  it('starts with the UTF-8 BOM, so Excel reads it as UTF-8', () => {
    expect([...Buffer.from(csv, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('ends every record with CRLF and has Chinese headers in order', () => {
    const body = csv.slice(1);
    expect(body.endsWith('\r\n')).toBe(true);
    expect(body.split('\r\n')).toHaveLength(4);
    expect(body.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(readCsv(csv).records[0]).toEqual([
      '机构', '机构代码', '报告', '标题', '发布日期', '名称', '口径', '指标代码', '印的数字', '折合数值', '上限', '单位', '约数', '截至', '推算', '出处',
    ]);
  });

  it('round-trips through a CSV parser with the Chinese intact', () => {
    const { records } = readCsv(csv);
    expect(records.slice(1)).toEqual([
      [
        '松滋农商银行', 'songzi', 'songzi-2025q1', '松滋农商银行数字检查用例', '2025-04-25', '各项存款余额', '', 'deposit_balance', '216.66亿元',
        '21666000000', '', '元', '', '2025-03-31', '', 'http://showcase.bank.local/showcase/reports/songzi-2025q1/#src-1',
      ],
      [
        '松滋农商银行', 'songzi', 'songzi-2025q1', '松滋农商银行数字检查用例', '2025-04-25', '累计发放扶贫贷款', '', '', '40余亿元',
        '4000000000', '5000000000', '元', '余', '2025-03-31', '', 'http://showcase.bank.local/showcase/reports/songzi-2025q1/#src-2',
      ],
    ]);
  });

  it('writes numbers bare and text quoted', () => {
    const line = csv.split('\r\n')[1]!;
    expect(line).toContain(',21666000000,,"元",');
    expect(line.startsWith('"松滋农商银行","songzi",')).toBe(true);
  });
});

describe('one fault per fixture', () => {
  const B = '截至3月末，';

  it('a comma in a label: the cell is quoted, the comma kept', () => {
    const row = onlyRow([null, '40余亿元', { label: '涉农,小微贷款' }], `${B}涉农、小微贷款40余亿元。`);
    expect(row['名称']).toBe('涉农,小微贷款');
    expect(row['印的数字']).toBe('40余亿元');
  });

  it('a double quote in a label: doubled inside the quoted cell, read back as one', () => {
    const v = report([[null, '120余名', { label: '说"好"的客户' }]], `${B}120余名客户说好。`);
    const csv = toCsv(reportRows([v], ctx));
    expect(csv).toContain('"说""好""的客户"');
    expect(readCsv(csv).records[1]![5]).toBe('说"好"的客户');
  });

  it('a newline in a label: kept inside the quoted cell, the record still one row', () => {
    const row = onlyRow([null, '超六成', { label: '第一行\n第二行' }], `${B}超六成。`);
    expect(row['名称']).toBe('第一行\n第二行');
    expect(row['约数']).toBe('超');
    expect(row['折合数值']).toBe('60');
    expect(row['上限']).toBe('70');
    expect(row['单位']).toBe('%');
  });

  it('a label starting with "=": prefixed with an apostrophe, never a formula', () => {
    const label = '=HYPERLINK("http://evil.example","点我")';
    const v = report([[null, '3至5个', { label }]], `${B}建成3至5个。`);
    const csv = toCsv(reportRows([v], ctx));
    const row = readCsv(csv).records[1]!;
    expect(row[5]).toBe(`'${label}`);
    expect(unescapeCell(row[5]!)).toBe(label);
    // A range: the printed lower end, and the printed upper end (not the rounding interval 2.5–5.5).
    expect(row.slice(8, 11)).toEqual(['3至5个', '3', '5']);
    expect(toJson({ name: 't' }, reportRows([v], ctx))).toContain(JSON.stringify(label));
  });

  it('a label starting with "+", a scope starting with "@": both prefixed', () => {
    const row = onlyRow([null, '近180万户', { label: '+30天回访', scope: '@网点' }], `${B}近180万户。`);
    expect(row['名称']).toBe("'+30天回访");
    expect(row['口径']).toBe("'@网点");
    expect(row['约数']).toBe('近');
    expect(row['折合数值']).toBe('1800000');
    expect(row['上限']).toBe('1800000');
  });

  it('a printed figure starting with "-": the text prefixed, the number not', () => {
    const v = report([['deposit_growth', '-3.2%', { derived: true, note: '由余额与较年初增加推算' }]], `${B}存款余额有所下降。`);
    const csv = toCsv(reportRows([v], ctx));
    const row = readCsv(csv).records[1]!;
    expect(row[8]).toBe("'-3.2%");
    expect(unescapeCell(row[8]!)).toBe('-3.2%');
    // The value is a number: written bare, negative, no apostrophe.
    expect(csv).toContain(',-3.2,,"%",');
    expect(row[9]).toBe('-3.2');
    // A derived figure links to its note and says so.
    expect(row[14]).toBe('是');
    expect(row[15]).toBe('http://showcase.bank.local/showcase/reports/songzi-2025q1/#note-1');
  });

  it('a tab, a CR or a full-width equals sign at the start of a text: prefixed too', () => {
    // The check trims labels, so a leading tab or CR can only come from elsewhere: a row made by hand.
    const base = reportRows([report([[null, '120余名', { label: '名称' }]], `${B}120余名。`)], ctx)[0]!;
    const rows = ['\t制表开头', '\r回车开头', '＝全角等号'].map((label) => ({ ...base, label }));
    const cells = readCsv(toCsv(rows)).records.slice(1).map((r) => r[5]!);
    expect(cells).toEqual(["'\t制表开头", "'\r回车开头", "'＝全角等号"]);
    expect(cells.map(unescapeCell)).toEqual(['\t制表开头', '\r回车开头', '＝全角等号']);
  });

  it('no text cell of any fixture starts with a formula character', () => {
    const v = report(
      [
        [null, '40余亿元', { label: '=1+1' }], [null, '120余名', { label: '-负号' }], [null, '超六成', { label: '+正号' }],
        [null, '近180万户', { label: '@at' }], ['deposit_growth', '-3.2%', { derived: true, note: '推算' }],
      ],
      `${B}40余亿元，120余名，超六成，近180万户。`,
    );
    const records = readCsv(toCsv(reportRows([v], ctx))).records.slice(1);
    const numeric = new Set([COLUMNS.findIndex((c) => c.key === 'value'), COLUMNS.findIndex((c) => c.key === 'upper')]);
    for (const rec of records) rec.forEach((cell, i) => !numeric.has(i) && expect(cell).not.toMatch(/^[=+\-@\t\r]/));
  });

  it('Chinese text and every approximation marker as printed', () => {
    const v = report(
      [
        [null, '40余亿元', { label: '累计投放' }], [null, '2万多户', { label: '服务农户' }], [null, '超六成', { label: '覆盖率' }],
        [null, '近180万户', { label: '开户' }], [null, '约100人', { label: '志愿者' }], [null, '90%以上', { label: '满意率' }],
        [null, '14万余元', { label: '捐款' }],
      ],
      `${B}累计投放40余亿元，服务农户2万多户，覆盖超六成，开户近180万户，志愿者约100人，满意率90%以上，捐款14万余元。`,
    );
    const records = readCsv(toCsv(reportRows([v], ctx))).records.slice(1);
    expect(records.map((r) => [r[5], r[8], r[12], r[9], r[10], r[11]])).toEqual([
      ['累计投放', '40余亿元', '余', '4000000000', '5000000000', '元'],
      ['服务农户', '2万多户', '多', '20000', '30000', '户'],
      ['覆盖率', '超六成', '超', '60', '70', '%'],
      ['开户', '近180万户', '近', '1800000', '1800000', '户'],
      ['志愿者', '约100人', '约', '100', '105', '人'],
      ['满意率', '90%以上', '以上', '90', '100', '%'],
      ['捐款', '14万余元', '余', '140000', '150000', '元'],
    ]);
  });
});

describe('rows', () => {
  const a = report([['deposit_balance', '216.66亿元'], [null, '40余亿元', { label: '累计发放扶贫贷款' }]], '截至3月末，存款余额216.66亿元，累计发放扶贫贷款40余亿元。', 'songzi-2025q1');
  const other = { ...a.org, id: 'yicheng', name: '翼城农商银行', region: { province: '山西' } };
  const b: Report = { ...report([['deposit_balance', '305.2亿元']], '截至3月末，存款余额305.2亿元。', 'yicheng-2025q1'), org: other };
  const draft: Report = { ...report([['deposit_balance', '999亿元']], '截至3月末，存款余额999亿元。', 'songzi-draft'), draft: true, published: false };
  const embargoed: Report = { ...report([['deposit_balance', '888亿元']], '截至3月末，存款余额888亿元。', 'songzi-2031'), date: '2031-01-01', published: false };

  it('a ranking has exactly the figures its page ranks, in its order', () => {
    const rows = downloadSets([a, b, draft, embargoed], catalog, ADDR).find((s) => s.kind === 'metric' && s.id === 'deposit_balance')!.rows;
    const page = rankingGroups([a, b], 'deposit_balance').flatMap((g) => g.entries);
    expect(rows.map((r) => [r.org, r.text])).toEqual([['翼城农商银行', '305.2亿元'], ['松滋农商银行', '216.66亿元']]);
    expect(rows.map((r) => `${r.report}|${r.text}`)).toEqual(page.map((e) => `${e.report.slug}|${e.metric.text}`));
  });

  it('drafts and embargoed reports never give a row, even when handed in', () => {
    const sets = downloadSets([a, b, draft, embargoed], catalog, ADDR);
    const all = sets.flatMap((s) => s.rows);
    expect(all.some((r) => ['songzi-draft', 'songzi-2031'].includes(r.report))).toBe(false);
    expect(all.some((r) => ['999亿元', '888亿元'].includes(r.text))).toBe(false);
  });

  it('sets: the site, each ranked metric, each organisation; paths and names', () => {
    const sets = downloadSets([a, b], catalog, ADDR);
    expect(sets.map((s) => [s.kind, s.id, s.name, s.rows.length])).toEqual([
      ['site', '', '全部数字', 3],
      ['metric', 'deposit_balance', '各项存款余额排行', 2],
      // By province (湖北 before 山西), then name.
      ['org', 'songzi', '松滋农商银行', 2],
      ['org', 'yicheng', '翼城农商银行', 1],
    ]);
    expect(sets.map((s) => downloadPath(s, 'csv'))).toEqual(['data/figures.csv', 'data/metrics/deposit_balance.csv', 'data/orgs/songzi.csv', 'data/orgs/yicheng.csv']);
    expect(downloadPath(sets[1]!, 'json')).toBe('data/metrics/deposit_balance.json');
    expect(downloadFileName(sets[1]!, 'csv')).toBe('各项存款余额排行.csv');
    expect(downloadFileName({ name: '甲/乙 银行' }, 'json')).toBe('甲_乙_银行.json');
  });

  it('an organisation has every figure of its published reports, own figures included', () => {
    const songzi = downloadSets([a, b, draft], catalog, ADDR).find((s) => s.id === 'songzi')!;
    expect(songzi.rows.map((r) => [r.label, r.key])).toEqual([['各项存款余额', 'deposit_balance'], ['累计发放扶贫贷款', null]]);
  });

  it('a figure the report quotes about someone else (context) is in no file: every row is the organisation’s', () => {
    const quoting = report(
      [[null, '36.1万亿元', { label: '全国普惠小微贷款余额', context: true }], ['deposit_balance', '216.66亿元']],
      '据人民银行统计，截至2025年3月末，全国普惠小微贷款余额36.1万亿元。截至3月末，该行各项存款余额216.66亿元。',
      'songzi-2025q1',
    );
    expect(reportRows([quoting], ctx).map((r) => r.text)).toEqual(['216.66亿元']);
    const sets = downloadSets([quoting], catalog, ADDR);
    expect(sets.map((s) => [s.kind, s.id])).toEqual([['site', ''], ['metric', 'deposit_balance'], ['org', 'songzi']]);
    for (const s of sets) {
      expect(s.rows.map((r) => r.text), s.name).not.toContain('36.1万亿元');
      expect(toCsv(s.rows), s.name).not.toContain('全国');
    }
  });
});

describe('JSON', () => {
  const v = report([['deposit_balance', '216.66亿元'], [null, '40余亿元', { label: '=涉农,"小微"\n贷款', scope: '近3年' }]], '截至3月末，存款余额216.66亿元，近3年涉农小微贷款40余亿元。');
  const rows = reportRows([v], ctx);

  it('holds the same rows as the CSV, texts unescaped, numbers as numbers', () => {
    const doc = JSON.parse(toJson({ name: '全部数字' }, rows)) as { name: string; columns: { key: string; header: string }[]; rows: FigureRow[] };
    expect(doc.name).toBe('全部数字');
    expect(doc.columns.map((c) => c.header)).toEqual(readCsv(toCsv(rows)).records[0]);
    expect(doc.rows).toEqual(rows);
    expect(doc.rows[1]!.label).toBe('=涉农,"小微"\n贷款');
    expect(doc.rows[0]!.value).toBe(21666000000);
    expect(doc.rows[0]!.upper).toBeNull();
    // Cell by cell, the CSV says the same as the JSON.
    const csvRows = readCsv(toCsv(rows)).records.slice(1);
    const asCells = (r: FigureRow) =>
      doc.columns.map(({ key }) => {
        const x = r[key as keyof FigureRow];
        return x === null ? '' : typeof x === 'boolean' ? (x ? '是' : '') : String(x);
      });
    expect(csvRows.map((r) => r.map(unescapeCell))).toEqual(doc.rows.map(asCells));
  });

  it('one row per line, and an empty file is still valid JSON', () => {
    expect(toJson({ name: 'x' }, rows).trimEnd().split('\n')).toHaveLength(rows.length + 2);
    expect(JSON.parse(toJson({ name: 'x' }, []))).toEqual({ name: 'x', columns: COLUMNS.map(({ key, header }) => ({ key, header })), rows: [] });
  });
});

describe('plain numbers', () => {
  it('never writes an exponent', () => {
    expect(plainNumber(2.71e12)).toBe('2710000000000');
    expect(plainNumber(1e21)).toBe('1000000000000000000000');
    expect(plainNumber(-3.2)).toBe('-3.2');
    expect(plainNumber(0.0000001)).toBe('0.0000001');
  });
});
