/**
 * Undoing page layout: column lines joined, furniture dropped, items split, and headlines and bylines given
 * to the right article wherever the page printed them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { layOut } from '../../src/lib/import/layout.ts';
import { parseNames, trailingNames } from '../../src/lib/import/names.ts';
import { collapseSpaces, dedupeRepeats } from '../../src/lib/import/text.ts';
import { config, importText, textDoc } from './import-support.ts';

describe('the sample newspaper page', () => {
  const articles = importText(readFileSync('test/fixtures/import/newspaper-page-rural-banks.txt', 'utf8'));

  it('finds its 13 items with the headline, org and byline of each', () => {
    expect(articles.map((a) => [a.org, a.title, a.authors.join(' ')])).toEqual([
      ['资阳农商银行', '资阳农商银行创新“星级党支部”评定模式', '李勇 刘军 唐智宏'],
      ['盐亭农商银行', '盐亭农商银行开展“护廉·守廉”大走访活动', '王建川'],
      ['甬城农商银行', '甬城农商银行送金融知识进校园', '林琳'],
      ['翼城农商银行', '翼城农商银行多措并举 推动党建引领与业务发展深度融合', '孟庆泉 李雅坤'],
      ['松阳农商银行', '松阳农商银行构建“三维联动”体系 探索金融服务提质增效新路径', '叶海伟'],
      ['武宁农商银行', '武宁农商银行举办“机关大学习”培训', '占昌曦'],
      ['桃江农商银行', '桃江农商银行举行主题演讲比赛', '黄家璇'],
      ['霸州农商银行', '霸州农商银行织密反诈防护网 守护群众“钱袋子”', '陈正'],
      ['介休农商银行', '介休农商银行以党建赋能高质量发展', '温娜 王瑞俊'],
      ['睢宁农商银行', '睢宁农商银行自主研发廉洁档案管理系统', '陆亭亭'],
      ['辛集农商银行', '辛集农商银行强化作风建设 为稳健经营提供纪律保障', '沈阳 张义'],
      ['宁明农商银行', null, '曾敏丽'],
      ['松滋农商银行', '松滋农商银行党建聚合力 服务促提升', '苟学菲'],
    ]);
  });

  it('joins the column lines into whole sentences and keeps section headings inside their article', () => {
    const yicheng = articles[3]!;
    expect(yicheng.paragraphs.filter((p) => p.kind === 'h2').map((p) => p.text)).toEqual(['党建引领赋能业务经营', '党建联盟助力乡村振兴', '党员实干服务支农惠民']);
    const text = yicheng.paragraphs.map((p) => p.text).join('\n');
    expect(text).toContain('截至3月末，该行实体贷款余额达31.98亿元，净增1.46亿元；风险资产清降3746.03万元。');
    // “该 行 党 委 坚 持 实 行“ 党 建 融 合\n日”制度”: letter-spaced text closed up.
    expect(text).toContain('该行党委坚持实行“党建融合日”制度');
    // A sentence broken by a blank line at a column break is one sentence.
    expect(text).toContain('该行秉持资源共享、优势互补、共同发展、乡村振兴理念');
  });

  it('gives no article the byline names or the headlines of another', () => {
    const all = articles.flatMap((a) => a.paragraphs.map((p) => p.text)).join('\n');
    for (const name of ['李勇', '占昌曦', '苟学菲']) expect(all).not.toContain(name);
    expect(all).not.toContain('党建聚合力');
  });
});

describe('page furniture and bylines', () => {
  const page = [
    '农村金融时报 2025年6月9日 星期一 第7版',
    '党建·文化 责任编辑：周敏 美术编辑：赵磊',
    '',
    '某县农商银行',
    '',
    '开展“金融夜校”活动',
    '□通讯员 于萌 李媛',
    '今年以来，山西某县农商银行开展',
    '“金融夜校”32场，覆盖群众2600余',
    '人次。',
    '',
    '农村金融时报',
    '本报讯 （通讯员 黄小川） 近日，广西蒙山农商银行组织开展',
    '“反诈知识大讲堂”活动。',
    '— 7 —',
  ].join('\n');
  const doc = layOut(textDoc(page), config.registry);

  it('drops the masthead, the editor line, the repeated paper name and the page number, keeping the page date', () => {
    expect(doc.dates).toEqual(['2025-06-09']);
    const all = doc.articles.flatMap((a) => [...a.headline, ...a.paragraphs.map((p) => p.text)]).join('\n');
    for (const f of ['责任编辑', '农村金融时报', '第7版', '— 7 —']) expect(all).not.toContain(f);
  });

  it('starts an item at an opening byline and keeps its names as the authors', () => {
    expect(doc.articles).toHaveLength(2);
    expect(doc.articles[0]!.headline).toEqual(['某县农商银行', '开展“金融夜校”活动']);
    expect(doc.articles[0]!.authors).toEqual(['于萌', '李媛']);
    expect(doc.articles[1]!.authors).toEqual(['黄小川']);
    expect(doc.articles[1]!.paragraphs[0]!.text).toMatch(/^近日，广西蒙山农商银行/);
  });

  it('reads names set with justification spaces', () => {
    expect(parseNames('胡 蓉')).toEqual(['胡蓉']);
    expect(parseNames('张 超  刘 洋')).toEqual(['张超', '刘洋']);
    expect(parseNames('李勇 刘军 唐智宏')).toEqual(['李勇', '刘军', '唐智宏']);
    expect(trailingNames('…并发文通报、授牌。 李勇 刘军 唐智宏')).toEqual({ text: '…并发文通报、授牌。', authors: ['李勇', '刘军', '唐智宏'] });
    // Words that follow a full stop but are no names.
    expect(trailingNames('…取得实效。 该行党委')).toBeUndefined();
  });

  it('removes text printed twice and the spaces of letter-spaced lines', () => {
    expect(dedupeRepeats('员工们穿上红军衣红军衣走进课堂', 3)).toBe('员工们穿上红军衣走进课堂');
    expect(dedupeRepeats('走访干部员工288人、288人', 3)).toBe('走访干部员工288人、288人');
    expect(collapseSpaces('该 行 党 委 坚 持 实 行“ 党 建 融 合日”制度，全行 6 个党支部')).toBe('该行党委坚持实行“党建融合日”制度，全行6个党支部');
  });
});

describe('one paragraph per line (feature articles, WeChat)', () => {
  const articles = importText(readFileSync('test/fixtures/import/feature-article-boc-hunan.txt', 'utf8'));

  it('is one article, titled by its first line, dated by its signature, with the photographer not as author', () => {
    expect(articles).toHaveLength(1);
    const a = articles[0]!;
    expect(a.title).toBe('春风万里红旗扬——湖南中行以“基层网点党建辅导员”强基础促发展纪实');
    expect(a.org).toBe('中国银行湖南省分行');
    expect(a.date).toBe('2023-08-01');
    expect(a.authors).toEqual([]);
    expect(a.credits).toEqual(['林道辉 摄']);
  });

  it('takes short unpunctuated lines as section headings and photo captions out of the text', () => {
    const a = articles[0]!;
    expect(a.paragraphs.filter((p) => p.kind === 'h2').map((p) => p.text)).toContain('点对点，基层网点有了“省城亲戚”');
    expect(a.captions).toContain('中国银行湖南省分行党员领导干部重温入党誓词。');
    expect(a.paragraphs.filter((p) => p.kind === 'p').map((p) => p.text)).not.toContain('中国银行湖南省分行党员领导干部重温入党誓词。');
  });

  it('reads a WeChat header and footer as date and writer', () => {
    const [a] = importText(readFileSync('test/fixtures/import/src/wechat-pingyao.txt', 'utf8'));
    expect(a!.date).toBe('2025-05-28');
    expect(a!.authors).toEqual(['郭晓东']);
    const all = a!.paragraphs.map((p) => p.text).join('\n');
    for (const f of ['原创', '编辑：', '审核：', '阅读']) expect(all).not.toContain(f);
  });
});

describe('orgs', () => {
  it('proposes an org the registry does not know, without its province, and never the parent group', () => {
    const [a] = importText('今年以来，浙江农商联合银行辖内山西某某农商银行开展活动，服务农户1200户。 王某');
    expect(a!.org).toBe('某某农商银行');
    expect(a!.registryOrg).toBeUndefined();
    expect(a!.proposal).toMatchObject({ name: '某某农商银行', aliases: ['山西某某农商银行'], province: '山西', type: '农商银行' });
  });

  it('matches 农村商业银行 and a province in front to the registry', () => {
    const [a] = importText('截至3月末，湖北松滋农村商业银行存款比年初净增16.43亿元。');
    expect(a!.org).toBe('松滋农商银行');
    expect(a!.registryOrg?.id).toBe('songzi');
  });
});
