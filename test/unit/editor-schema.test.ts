/**
 * The JSON Schema editors get (npm run schema): generated from the report's zod schema plus the content's
 * choices, it accepts a valid report's frontmatter and rejects an unknown field, metric, unit, theme or org.
 * Checked with an independent validator (ajv), on the tests' own content.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { reportJsonSchema } from '../../scripts/schema.ts';
import { figureTextPattern } from '../../src/lib/editor-schema.ts';
import { config } from './import-support.ts';

const schema = reportJsonSchema(path.resolve('test/fixtures/content'), path.resolve('content'));
const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
const metricProps = Object.keys(((schema.properties as Record<string, { items?: { properties?: object } }>).metrics!.items!.properties!));

/** A figure in whichever form the report schema takes: printed text, or value and unit. */
function figure(printed: string, value: number, unit: string, extra: Record<string, unknown>): Record<string, unknown> {
  return metricProps.includes('text') ? { text: printed, ...extra } : { value, unit, ...extra };
}

function valid(): Record<string, unknown> {
  return {
    title: '介休农商银行党建赋能存贷款稳步增长',
    summary: '截至3月末，介休农商银行各项存款余额216.66亿元，较年初增加12.64亿元。',
    org: '介休农商银行',
    date: '2025-04-22',
    authors: ['温娜', '王瑞俊'],
    themes: ['党建引领', '普惠金融'],
    metrics: [
      figure('216.66亿元', 216.66, '亿元', { key: 'deposit_balance', asOf: '2025-03-31' }),
      figure('120余名', 120, '名', { key: 'people_trained', label: '参加反诈课堂的学生', asOf: '2025-05' }),
    ],
  };
}

const errors = () => (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join('\n');

describe('the editor schema', () => {
  it('accepts a valid report\'s frontmatter, and every frontmatter of the tests\' content', () => {
    expect(validate(valid()), errors()).toBe(true);
    const file = readFileSync('test/fixtures/content/reports/jiexiu-2025q1.md', 'utf8');
    const data = YAML.parse(/^---\n([\s\S]*?)\n---/.exec(file)![1]!) as Record<string, unknown>;
    expect(validate(data), errors()).toBe(true);
  });

  it('rejects an unknown field, also in a figure', () => {
    expect(validate({ ...valid(), 标题: '某某' })).toBe(false);
    const r = valid();
    (r.metrics as Record<string, unknown>[])[0]!.colour = 'red';
    expect(validate(r)).toBe(false);
  });

  it('rejects a metric key the catalog does not have, and accepts its Chinese name', () => {
    const r = valid();
    (r.metrics as Record<string, unknown>[])[0]!.key = 'deposit_balanse';
    expect(validate(r)).toBe(false);
    (r.metrics as Record<string, unknown>[])[0]!.key = '各项存款余额';
    expect(validate(r), errors()).toBe(true);
  });

  it('rejects a unit the catalog does not have', () => {
    const r = valid();
    (r.metrics as Record<string, unknown>[])[0] = figure('216.66亿块', 216.66, '亿块', { key: 'deposit_balance', asOf: '2025-03-31' });
    expect(validate(r)).toBe(false);
  });

  it('rejects a theme not in the list and an org not in the registry', () => {
    expect(validate({ ...valid(), themes: ['足球'] })).toBe(false);
    expect(validate({ ...valid(), org: '不存在农商银行' })).toBe(false);
    expect(validate({ ...valid(), org: '山西介休农商银行' }), errors()).toBe(true);
  });

  it('describes each choice in Chinese', () => {
    const text = JSON.stringify(schema);
    expect(text).toContain('"const":"deposit_balance","description":"各项存款余额（金额');
    expect(text).toContain('"const":"党建引领","description":"以高质量党建引领业务发展"');
  });

  it('reads the printed forms of figures with the catalog\'s units', () => {
    const re = new RegExp(figureTextPattern(config.catalog.baseUnits));
    for (const ok of ['216.66亿元', '40余亿元', '14万余元', '超六成', '近180万户', '3至5个', '三分之一', '上万个', '90%以上', '1,392.1 万元']) expect(re.test(ok), ok).toBe(true);
    for (const bad of ['216.66亿块', '很多', '5G']) expect(re.test(bad), bad).toBe(false);
  });
});
