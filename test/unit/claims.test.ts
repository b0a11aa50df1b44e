/**
 * The claim reader: what the sentence printing a figure says of it — whose (this bank, a part of it, someone
 * else), what (topic and measure words), when (a point, up to now, a scope reaching back, a plan), how wide
 * (branch, product, project, segment, period, cumulative), and whether it is a rule or a part of another figure.
 * Then the check on top of it, one fault per case, through the same validateReport the build uses.
 */
import { describe, expect, it } from 'vitest';
import { findFigures, locateFigureSentences, readClaims, readTimeExpressions, type Claim } from '../../src/lib/figures/index.ts';
import { catalog, checkReport, codes, vocab } from './support/figure-catalog.ts';

const ORG = { name: '松滋农商银行', short: '松滋农商行', aliases: ['湖北松滋农村商业银行'] };

/** The claim of the figure printed as `figure` in `text`. */
function claimOf(text: string, figure: string, pub = '2025-04-25'): Claim {
  const found = findFigures(text, vocab);
  const i = found.findIndex((f) => f.text === figure);
  expect(i, `${figure} is found in the text`).toBeGreaterThanOrEqual(0);
  return readClaims(text, found, { org: ORG, metrics: catalog.metrics, pub })[i]!;
}

describe('whose figure it is', () => {
  it.each([
    ['the bank by name', '截至3月末，松滋农商银行各项存款余额216.66亿元。', '216.66亿元', 'self', '松滋农商银行', 'clause'],
    ['the bank by another form of its name', '湖北松滋农商银行各项存款余额216.66亿元。', '216.66亿元', 'self', '湖北松滋农商银行', 'clause'],
    ['the bank as 该行', '截至3月末，该行各项存款余额216.66亿元。', '216.66亿元', 'self', '该行', 'clause'],
    ['the nation', '截至9月末，全国普惠小微贷款余额36.1万亿元。', '36.1万亿元', 'other', '全国', 'clause'],
    ['a cited statistic', '据人民银行统计，截至9月末，普惠小微贷款余额36.1万亿元。', '36.1万亿元', 'other', '据人民银行统计', 'sentence'],
    ['the province\'s rural banks', '截至3月末，全省农商银行各项存款余额1.86万亿元。', '1.86万亿元', 'other', '全省农商银行', 'clause'],
    ['a city named before its aggregate', '深圳全市数字人民币受理商户超过120万户。', '超过120万户', 'other', '深圳全市', 'clause'],
    ['a partner company known by its brand', '1至5月，宁波移动向辖区用户推送反诈提醒短信520万条。', '520万条', 'other', '宁波移动', 'clause'],
    ['a government bureau', '江北区教育局组织全区1.2万名中小学生参加反诈知识竞赛。', '1.2万名', 'other', '江北区教育局', 'clause'],
    ['a county described', '岢岚县地处吕梁山区，沙棘资源49余万亩。', '49余万亩', 'other', '岢岚县', 'sentence'],
    ['a named branch', '其中，城关支行贷款余额5.2亿元。', '5.2亿元', 'part', '城关支行', 'clause'],
    ['the bank\'s branch named after it', '松滋农商银行城关支行贷款余额5.2亿元。', '5.2亿元', 'part', '松滋农商银行城关支行', 'clause'],
  ])('%s', (_, text, figure, kind, words, via) => {
    const c = claimOf(text, figure);
    expect([c.subject.kind, c.subject.words, c.subject.via]).toEqual([kind, words, via]);
  });

  it('a sentence that names no one follows the sentence before it in its paragraph, and says so', () => {
    const c = claimOf('截至9月末，全国普惠小微贷款余额36.1万亿元。同比增长14.6%。', '14.6%');
    expect([c.subject.kind, c.subject.via]).toEqual(['other', 'antecedent']);
  });

  it('a new paragraph that names no one is the bank’s own', () => {
    const c = claimOf('截至9月末，全国普惠小微贷款余额36.1万亿元。\n开展金融知识宣传活动36场。', '36场');
    expect([c.subject.kind, c.subject.via]).toEqual(['self', 'default']);
  });

  it('a clause that opens with a verb goes on with the subject before it: 覆盖全市 is an object', () => {
    const c = claimOf('该行建成服务点1260个，覆盖全市近九成行政村。', '近九成');
    expect([c.subject.kind, c.subject.words]).toEqual(['self', '该行']);
  });

  it('the bank named after the figure in its clause is what the clause is about', () => {
    expect(claimOf('截至目前，财政、住建等部门共有27个账户的资金入驻该行。', '27个').subject.kind).toBe('self');
  });

  it('a county’s villages counted as the bank’s coverage are the bank’s', () => {
    expect(claimOf('该行搭建三级联建体系，全县190个行政村实现党建联建全覆盖。', '190个').subject.kind).toBe('self');
  });

  it('a parent group before the bank’s name is not the subject', () => {
    const c = claimOf('近年来，湖北农商联合银行辖内松滋农商银行服务覆盖县域90%以上的经营主体。', '90%以上');
    expect(c.subject.kind).toBe('self');
  });
});

describe('when', () => {
  it.each([
    ['截至3月末', '2025-04-25', 'point', '2025-03-31', '2025-03-31', '2025-03'],
    ['截至12月末', '2025-01-20', 'point', '2024-12-31', '2024-12-31', '2024-12'],
    ['一季度', '2025-04-25', 'point', '2025-01-01', '2025-03-31', '2025-Q1'],
    ['2025年一季度末', '2025-04-25', 'point', '2025-03-31', '2025-03-31', '2025-Q1'],
    ['截至2024年末', '2025-01-20', 'point', '2024-12-31', '2024-12-31', '2024'],
    ['去年末', '2025-04-25', 'point', '2024-12-31', '2024-12-31', '2024'],
    ['上半年', '2025-07-10', 'point', '2025-01-01', '2025-06-30', '2025-H1'],
    ['今年以来', '2025-04-25', 'now', '2025-01-01', '2025-04-25', '2025-04-25'],
    ['2019年以来', '2025-04-25', 'since', '2019-01-01', '2025-04-25', '2025-04-25'],
  ])('%s in a report of %s', (words, pub, kind, from, to, asOf) => {
    const [t] = readTimeExpressions(`${words}，该行发放贷款5亿元。`, pub);
    expect([t!.words, t!.kind, t!.from, t!.to, t!.asOf]).toEqual([words, kind, from, to, asOf]);
  });

  it('a period ahead is a plan; the same years in a plan’s title are its name, and 以来 after it a scope', () => {
    expect(readTimeExpressions('2025—2027年，该行将新增贷款100亿元。', '2025-04-25')[0]!.kind).toBe('plan');
    const [t] = readTimeExpressions('《2024—2026年普惠金融发展规划》实施以来，该行累计投放贷款516.8亿元。', '2025-05-12');
    expect([t!.kind, t!.sinceYear]).toEqual(['since', 2024]);
  });

  it('截至2025年 is a date, never a plan “至2025年”', () => {
    expect(readTimeExpressions('截至2025年第一季度，该行起诉96笔。', '2025-04-28').map((t) => t.kind)).toEqual(['point']);
  });

  it('a sentence without a date takes its paragraph’s earlier one, and says so; a new paragraph does not', () => {
    const text = '截至3月末，该行各项存款余额216.66亿元。各项贷款余额105.15亿元。\n各项贷款余额99.1亿元。';
    expect([claimOf(text, '105.15亿元').date?.words, claimOf(text, '105.15亿元').date?.via]).toEqual(['截至3月末', 'antecedent']);
    expect(claimOf(text, '99.1亿元').date).toBeUndefined();
  });
});

describe('what and how wide', () => {
  it('reads the topic and measure, carrying the topic of the sentence to a bare 较年初增加', () => {
    const c = claimOf('截至3月末，该行各项存款余额216.66亿元，较年初增加12.64亿元。', '12.64亿元');
    expect([c.topic?.topic, c.topic?.via, c.measure?.measure]).toEqual(['存款', 'sentence', '较年初']);
  });

  it.each([
    ['近3年累计投放个人经营贷款30余亿元。', '30余亿元', ['period:近3年', 'segment:个人经营贷款']],
    ['截至2024年末，该行累计服务小微企业1280户。', '1280户', ['cumulative:累计']],
    ['今年以来，该行累计发放贷款12亿元。', '12亿元', []],
    ['该行投放“裕农快贷”8400余万元。', '8400余万元', ['product:裕农快贷']],
    ['该行累计投放巴达铁路项目贷款2.9亿元。', '2.9亿元', ['cumulative:累计', 'project:巴达铁路项目', 'segment:项目贷款']],
  ])('%s', (text, figure, scopes) => {
    expect(claimOf(text, figure).scopes.map((s) => `${s.kind}:${s.words}`)).toEqual(scopes);
  });

  it('a plan, a per-unit rule, a share and a part of another figure are told', () => {
    expect(claimOf('该行力争全年新增贷款10亿元。', '10亿元').plan).toMatch(/^力争/);
    expect(claimOf('该行每个乡镇对接企业3-5家。', '3-5家').perUnit).toBe('每');
    expect(claimOf('党员占比65.2%。', '65.2%').share).toBe('占比');
    expect(claimOf('服务农户3260户，其中脱贫户426户。', '426户').whole?.text).toBe('3260户');
    expect(claimOf('存款较年初增加12亿元，其中个人存款增加15亿元。', '15亿元').whole).toBeUndefined();
  });
});

describe('the check reads each figure as its claim', () => {
  const body = (s: string) => s;

  it('refuses a keyed figure of someone else, and accepts it as context with a label saying whose', () => {
    const text = body('据人民银行统计，全国普惠小微贷款余额36.1万亿元。截至3月末，该行各项存款余额216.66亿元。');
    expect(codes([['deposit_balance', '36.1万亿元']], text)).toEqual(['claim-subject-other']);
    expect(codes([[null, '36.1万亿元', { label: '全国普惠小微贷款余额' }]], text)).toEqual(['claim-subject-other']);
    expect(codes([[null, '36.1万亿元', { label: '全国普惠小微贷款余额', context: true }]], text)).toEqual([]);
    expect(codes([['deposit_balance', '36.1万亿元', { context: true }]], text)).toEqual(['claim-context-key']);
  });

  it('refuses a key whose sentence names another metric, naming that metric', () => {
    const r = checkReport([['deposit_increase', '3.93亿元']], '截至3月末，该行各项贷款余额105.15亿元，较年初增加3.93亿元。');
    expect(r.problems.map((p) => p.code)).toEqual(['claim-metric-other']);
    expect(r.problems[0]!.fix).toContain('key: loan_increase');
  });

  it('takes the printing whose sentence says what the report says, and the source link follows it', () => {
    const text = '截至3月末，该行各项贷款余额105.15亿元，较年初增加3.93亿元。各项存款较年初增加3.93亿元。';
    const r = checkReport([['deposit_increase', '3.93亿元']], text);
    expect(r.problems).toEqual([]);
    const m = r.report!.metrics[0]!;
    expect(m.printing).toBe(1);
    const located = locateFigureSentences(r.report!.text, r.report!.metrics.map((x) => ({ ...x, index: x.index })), vocab);
    const s = located.located[0]!.sentence;
    expect(r.report!.text.slice(s.start, s.end)).toBe('各项存款较年初增加3.93亿元。');
  });

  it('refuses an asOf the sentence contradicts, and the first year of a scope as an asOf', () => {
    expect(codes([['deposit_balance', '216.66亿元', { asOf: '2024-03-31' }]], '截至2025年3月末，该行各项存款余额216.66亿元。')).toEqual(['claim-asof']);
    expect(codes([[null, '40余亿元', { label: '发放扶贫贷款', scope: '2019年以来', asOf: '2019' }]], '2019年以来，该行发放扶贫贷款40余亿元。')).toEqual(['claim-asof-scope']);
  });

  it('refuses a bank-wide key on a narrower figure, in the sentence or in the label', () => {
    expect(codes([['loan_balance', '5.2亿元']], '截至3月末，城关支行贷款余额5.2亿元。')).toEqual(['claim-scope-missing']);
    expect(codes([['loan_balance', '5.2亿元', { label: '城关支行贷款余额' }]], '截至3月末，贷款余额5.2亿元。')).toEqual(['claim-scope-missing']);
    expect(codes([[null, '5.2亿元', { label: '贷款余额', scope: '城关支行' }]], '截至3月末，城关支行贷款余额5.2亿元。')).toEqual([]);
  });

  it('refuses a plan written as an achievement', () => {
    expect(codes([['loan_increase', '10亿元']], '该行力争全年新增贷款10亿元。')).toEqual(['claim-plan']);
  });

  it('says a per-unit figure is one, never that it cannot be found', () => {
    const text = '该行每个乡镇对接企业3-5家，共对接企业86家。';
    expect(codes([[null, '3-5家', { label: '对接企业' }]], text)).toEqual(['claim-per-unit']);
    expect(codes([[null, '3-5家', { label: '每个乡镇对接企业' }]], text)).toEqual([]);
    const around = '今年以来，约100人次参加反诈课堂，每场活动参与群众100人左右。';
    expect(codes([[null, '100人左右', { label: '每场活动参与群众' }]], around)).toEqual([]);
  });

  it('refuses a part (其中) larger than its whole', () => {
    expect(codes([['households_served', '3260户']], '今年以来，该行服务农户3260户，其中脱贫户4260户。')).toEqual(['claim-part-exceeds-whole']);
    expect(codes([['households_served', '3260户']], '今年以来，该行服务农户3260户，其中脱贫户426户。')).toEqual([]);
  });
});
