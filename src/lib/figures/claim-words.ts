/**
 * The words a sentence uses to say whose a figure is, what it counts, when and how wide: each kind in one table,
 * read by the claim reader (claims.ts) for the check, the importer and the source links alike. A new way of
 * writing found in a real article is a line here, not a new rule in the code.
 */

/** Words that refer to the reporting organisation itself. 该支行 and 该分行 are the org when it is one. */
export const SELF_WORDS = [
  '该行', '本行', '我行', '全行', '该农商银行', '该农商行', '该联社', '我社', '本社', '该社',
  // The bank's own units together are the bank: 各分行一季度共组织走访1.2万余次.
  '全辖', '各分行', '各支行', '各网点', '各级机构', '辖内各行', '各级行',
] as const;
/** The org when it is a branch of that kind; otherwise a part of it the article named before. */
export const SELF_BRANCH_WORDS = ['该支行', '该分行', '本支行', '本分行', '我支行', '我分行', '支行', '分行'] as const;

/**
 * Subjects that are someone else, read at the start of a clause (after its time words): national, regional and
 * sector aggregates, authorities, statistics quoted from elsewhere.
 */
export const OTHER_SUBJECT_WORDS = [
  '全国', '我国', '国内', '全球', '全省', '全市', '全县', '全区', '全州', '全盟', '全镇', '全乡', '全村', '省内', '市内', '县内', '区内',
  '全行业', '全社会', '各地', '各省', '国家', '中央',
  '中国人民银行', '人民银行', '人行', '央行', '国家金融监督管理总局', '金融监管总局', '金融监管局', '金融监管部门', '监管部门', '监管局', '银保监',
  '统计局', '财政部', '财政局', '财政', '政府', '县委', '市委', '省委', '公安', '反诈中心', '法院', '检察院', '发改委', '农业农村局',
  '乡村振兴局', '税务局', '人社局', '商务局', '科技局', '工信局',
  '银行业', '金融机构', '银行机构', '金融系统', '农信系统', '农商系统', '全省农商银行', '全省农信', '全省农村信用社', '省联社', '农商联合银行',
] as const;

/** A clause that cites a source: 据人民银行统计, 数据显示. The subject is the source's unless the bank is named. */
export const SOURCE_CITATION = /^据(?!了解|悉|介绍|报道)([^，,。；]{0,16}?)(?:统计|数据|测算|通报|发布|显示|介绍)?(?:[，,]|$)|^(?:数据|统计)(?:显示|表明)/;

/** Organisations that are not banks, as the subject of a clause: a partner company, a cooperative, a school. */
export const NON_BANK_SUFFIXES = [
  '有限责任公司', '股份有限公司', '有限公司', '分公司', '子公司', '公司', '集团', '企业', '合作社', '协会', '商会', '工厂', '医院', '学校', '大学',
  '政府', '委员会', '管委会', '街道', '社区', '村委会', '派出所', '中学', '小学', '幼儿园',
  // Bureaus by name: a bare 局 ends too many words (骗局, 格局, 大局).
  '教育局', '公安局', '财政局', '税务局', '农业农村局', '人社局', '商务局', '科技局', '工信局', '住建局', '自然资源局', '生态环境局',
  '市场监管局', '医保局', '民政局', '文旅局', '交通运输局', '水利局', '林业局', '统计局', '乡村振兴局', '发改委', '工商联',
] as const;
/** Companies known by a brand with a place in front (宁波移动, 国网松滋供电): a partner, never the bank. */
export const PARTNER_BRANDS = /^[\u4e00-\u9fff]{0,4}?(?:中国移动|中国联通|中国电信|移动|联通|电信|铁塔|广电|国家电网|国网|供电|烟草|中石化|中石油)(?!支付|端|互联|银行|APP|终端|设备|网点|业务|金融|通信|反诈|诈骗|网络诈骗|欺诈|电话|短信|号码)[\u4e00-\u9fff]{0,6}?(?:公司|分公司)?/;

/** 该企业, 该村: a demonstrative before a word that is not a bank. */
export const OTHER_DEMONSTRATIVE = /^(?:该|这家|这个|此)(?:公司|企业|集团|合作社|村|镇|乡|县|市|区|省|园区|基地|项目|学校|医院|协会|商会|客户|农户|商户|家庭|基金)/;

/**
 * Words that never stand inside an institution's own name: a clause that ends in 网点 or 学校 with one of these
 * before it is a sentence (帮助结对网点, 志愿者走进乡村学校), not a name.
 */
export const NOT_IN_NAME = /的|与|在|是|对|把|被|让|从|及|将|据|该|各|其|为|即|到|了|着|等|每|至少|列席|开展|推进|推行|帮助|通过|参加|参与|实现|持续|整村|授信|乡村|金融服务|结对|辖内|走进|走入|入驻|解决|提出|定期|坚持|深化|打造|搭建|联建|有了|服务队|志愿|党员|员工|客户|群众|积极|组织|对接|加大|深入|推动|围绕|聚焦|依托|发挥|联合|携手|联手|会同|协同|堵截|拦截|防范|打击|撬动|下沉|基层|示范|标杆|相关|重点|所有|全部|居|位居|排名|列|名列|增量|余额|总量/;
/** Before a bank's name, its parent group: 浙江农商联合银行辖内松阳农商银行 is 松阳农商银行. */
export const PARENT_LEAD = /^[\u4e00-\u9fff]{2,16}?(?:辖内|旗下|所属)(?!各|的)/;
/**
 * A clause that opens with a verb or preposition goes on with the subject of the clause before it: 覆盖全市近九成
 * 行政村, 与电信公司共建, 为供电产业链授信 — what follows is an object, not a subject.
 */
export const OBJECT_LEAD = /^(?:实现|组建|建立|建成|设立|打造|推出|堵截|拦截|撬动|居|位居|覆盖|服务|惠及|带动|辐射|面向|走访|走遍|走进|走入|深入|邀请|对接|支持|帮助|助力|为|向|对|给|替|帮|与|和|同|跟|在|联合|协助|配合|参与|组织|开展|推动|完成|发放|投放|办理|授信|新增|累计)/;

/** Verbs after an aggregate and its figure that make the bank the actor: 全县190个行政村实现党建联建全覆盖. */
export const BANK_ACTION_AFTER = /实现|全覆盖|覆盖|签约|授信|建档|评级|开户|办理|对接|走访|联建|共建|结对|入驻/;

/** Places: a clause that opens with one and goes on to a non-bank noun speaks of the place (岢岚县沙棘资源). */
export const PLACE_SUFFIXES = ['自治州', '自治县', '省', '市', '县', '区', '州', '盟', '旗', '镇', '乡', '村'] as const;

/** What ends an institution's name: a bank, its branch, an outlet. */
export const BANK_SUFFIXES = [
  '农村商业银行', '农商银行', '农商行', '村镇银行', '农村合作银行', '农村信用合作联社', '农村信用联社', '信用联社', '农村信用社', '信用社', '农信社',
  '银行', '分行', '支行', '网点', '营业部', '分理处', '营业所', '储蓄所', '普惠金融服务站', '服务站', '服务点',
] as const;
/** Parts of an organisation: a named branch, outlet or department. */
export const PART_SUFFIXES = ['分行', '支行', '网点', '营业部', '分理处', '营业所', '储蓄所', '服务站', '服务点'] as const;

/** The big banks' short names: 中行 is 中国银行 wherever it appears. */
export const BANK_BRANDS: readonly (readonly string[])[] = [
  ['中国银行', '中行'], ['工商银行', '中国工商银行', '工行'], ['农业银行', '中国农业银行', '农行'], ['建设银行', '中国建设银行', '建行'],
  ['交通银行', '交行'], ['邮储银行', '邮政储蓄银行', '中国邮政储蓄银行', '邮储'], ['国家开发银行', '国开行'], ['农业发展银行', '中国农业发展银行', '农发行'],
];

/**
 * Words that open a clause and say nothing of whose or what: time, connectives, adverbs. Stripped before the
 * subject is read (截至3月末，该行… → 该行…).
 */
export const LEADING_PHRASES: readonly RegExp[] = [
  /^(?:截[至止])[^，,。；]*?(?:末|底|日|目前|当前|季度|年|发稿时)/,
  /^(?:今年以来|近年来|去年以来|年初以来|活动开展以来|开展以来|成立以来|\d{1,2}月以来|\d{4}年以来|近\s*[\d一二三四五六七八九十]+\s*年来?)/,
  /^(?:\d{4}年)?(?:第?[一二三四]季度|前[一二三]季度|[上下]半年|\d{1,2}月(?:[-—至到]\d{1,2}月)?(?:份|末|底)?|全年|年末|年底)/,
  /^(?:去年|今年|当年|上年|\d{4}年)/,
  /^(?:同时|此外|另外|其中|包括|含|并且|并|还|已经|已|共计|共有|累计共|共|累计|合计|总计|先后|分别|也|均|成功|目前|现已|据了解|据悉|据介绍|与此同时|在此基础上|为此|对此|通过|截至目前|此次活动|此次|本次|活动中)/,
  /^[，、：:\s]/,
];

/** A label never starts with the bank itself (该行共走访干部员工 → 走访干部员工). */
export const LABEL_SUBJECT = /^(?:该行|全行|本行|我行|该支行|该分行|全辖|辖内|行内)/;
/** A label never ends with the verb that joins it to its figure (余额达 → 余额). */
export const LABEL_TRAILING = /(?:分别为|分别达|达到了|达到|已达|共计|合计|累计|总计|共有|共|约为|为|达|是|有|至|超过|突破|逾|超|近|约|了|到)$/;

/** Words that mark a narrower scope of the bank's own figure: a period longer than the report's, cumulative. */
export const PERIOD_SCOPE = /近\s*[\d一二三四五六七八九十两]+\s*年来?|\d{4}\s*年以来|自\s*\d{4}\s*年(?:以来|起)?|成立以来|开业以来|建行以来|改制以来|自成立|历年|\d{4}\s*年至今/;
/** 累计 is a scope unless the sentence also gives the period it accumulates over (今年以来累计发放). */
export const CUMULATIVE = /累计|累放|累积/;
/** Periods within the report's year: with one of these, 累计 adds up that period, not a history. */
export const WITHIN_YEAR = /今年以来|年初以来|今年|本年|当年|全年|去年|上年|[一二三四]季度|[上下]半年|\d{1,2}\s*月|以来/;
/** Named programmes and projects: a figure of one of them is a part of the bank's. */
export const PROJECT_WORDS = /项目|工程|铁路|高速|公路|大桥|机场|园区|基地|专项|行动|计划|活动|战役|攻坚/;
/** Words a project's name never starts with: what comes before it in a clause (该行累计投放巴达铁路). */
export const PROJECT_LEAD = /^.*(?:该行|本行|我行|累计|投放|发放|支持|助力|用于|参与|为|向|对|给|了)/;

/** A product or programme in quotes: “裕农快贷”, “百行进万企”. */
export const QUOTED_NAME = /“([^”]{2,12})”/g;

/**
 * A plan or target, not an achievement, read in the figure's own clause (quoted names are read out first:
 * “春雨计划” is a programme's name; 还款计划 a noun, not a plan of the bank's).
 */
export const PLAN_WORDS = /力争|争取|确保(?=全年|年末|到|在|实现|完成|新增|投放|发放|达到|不低于|不少于)|将(?:突破|超过|达到|实现|确保)|(?<!还款|工作|行动|项目|培训|帮扶)计划(?=[在于到投发新开实完用通提为向对达今全明年再将\d])|目标(?:是|为|任务|达到)|预计|拟(?:于|在|投放|发放|新增|提供|对|为|向|将)|规划(?=[在于到投发新实完])|将(?:实现|达到|投放|发放|新增|提供|力争)|(?<!截)到\s*\d{4}\s*年(?:末|底)?|未来\s*[\d一二三四五六七八九十两]+\s*年/;
/** After a plan, a clause that says what has happened already is an achievement again (计划开展12场，目前已开展7场). */
export const PLAN_DONE = /[，；,;]\s*(?:目前|现已|已经|已|截至|实际|当前|至今|其中已)/;

/** Per-unit and average figures: 每户授信30万元, 户均, 每个乡镇3-5家. */
export const PER_UNIT_NOUNS = /每|户均|人均|笔均|平均|单户|单笔/;
/** Thresholds and limits: a rule (每周至少1次, 最高可达), never a figure anyone reached. */
export const THRESHOLD_WORDS = /至少|不少于|最多|不超过|不低于|最高|最低|上限|限额/;
/**
 * Words of a rule, quota or weighting that govern the figures after them in a sentence (分别控制在5%、10%以内,
 * 考核维度为年度考核占80%, 认领工作目标超全员平均20%, 年利率低至3.85%): what must or may be, not what was done. The
 * importer leaves such figures out of a draft's metrics.
 */
export const RULE_WORDS = /最高可|低至|控制在|必须|不得|不低于|不少于|不超过|不高于|确保|要求|原则上|认领|应当|务必|考核维度|权重|比例控制|上限|限额|最低/;
/** Per-unit, average and rule figures: 每户授信30万元, 户均, 每周至少1次, 每个乡镇3-5家. */
export const PER_UNIT_WORDS = new RegExp(`${PER_UNIT_NOUNS.source}|${THRESHOLD_WORDS.source}`);

/** Introduces a part of the figure before it in the same sentence: 服务农户3260户，其中脱贫户426户. */
export const PART_OF_WORDS = /其中|内含|包括|含/;
/** A change can exceed a part's change elsewhere (a part grows while the whole shrinks): not compared. */
export const CHANGE_WORDS = /增加|增长|净增|增量|下降|减少|压降|多增|少增|多投放|多发放|少投放|提升|提高|增幅|增速|同比/;

/** Share words: a percent that is one of these cannot exceed 100 %. */
export const SHARE_WORDS = /占比|占[^，。；]{0,8}(?:比重|比例|的)|覆盖率|完成率|参与率|合格率|满意度|达标率|使用率|普及率|知晓率|签约率|建档率|授信率|办结率|回复率|出席率|到位率/;

/**
 * The object of a loan or deposit: longest first, so 普惠小微企业贷款 wins over 贷款. `topic` groups the ways of
 * writing one: a figure whose sentence names one topic is not a figure of another.
 */
export const TOPIC_WORDS: readonly { words: readonly string[]; topic: string }[] = [
  { words: ['普惠型小微企业贷款', '普惠小微企业贷款', '普惠型小微贷款', '普惠小微贷款', '普惠贷款', '小微企业贷款', '小微贷款'], topic: '普惠小微贷款' },
  { words: ['涉农贷款', '支农贷款'], topic: '涉农贷款' },
  { words: ['精准扶贫贷款', '扶贫小额信贷', '扶贫贷款'], topic: '扶贫贷款' },
  { words: ['绿色贷款', '绿色信贷'], topic: '绿色贷款' },
  { words: ['专精特新企业贷款', '专精特新贷款'], topic: '专精特新企业贷款' },
  { words: ['科技型企业贷款', '科技金融贷款', '科技企业贷款', '科技贷款'], topic: '科技贷款' },
  { words: ['不良贷款', '不良'], topic: '不良贷款' },
  { words: ['个人存款'], topic: '个人存款' },
  { words: ['储蓄存款'], topic: '储蓄存款' },
  { words: ['对公存款', '单位存款', '公司存款'], topic: '对公存款' },
  { words: ['各项存款', '本外币存款', '人民币存款', '存款'], topic: '存款' },
  { words: ['各项贷款', '本外币贷款', '人民币贷款', '实体贷款', '贷款'], topic: '贷款' },
];

/**
 * Words before 贷款 that make it a segment the catalog has no metric for: a figure of it is a part of the bank's
 * loans (scope), never its loans.
 */
export const LOAN_SEGMENTS = /个人经营|个人消费|个人住房|个人|经营性|经营|消费|住房|按揭|信用|创业担保|创业|助学|产业|线上|农户|公司|对公|项目|并购|贸易融资|房地产|“[^”]{1,10}”/;

/** What is measured of a topic. A generic change (增加) agrees with both since-year-start and year-on-year. */
export const MEASURE_WORDS: readonly { words: readonly string[]; measure: string }[] = [
  { words: ['较年初增加', '比年初增加', '较年初净增', '比年初净增', '较年初新增', '比年初新增', '较年初增长', '比年初增长', '较年初增幅', '较年初多增', '年初增加', '较上年末增加', '比上年末增加', '较年初', '比年初', '较上年末', '比上年末'], measure: '较年初' },
  { words: ['同比增加', '同比增长', '同比多增', '同比净增', '同比增幅', '同比', '较上年同期', '比上年同期', '较去年同期', '比去年同期'], measure: '同比' },
  { words: ['余额', '存量', '规模', '总量'], measure: '余额' },
  { words: ['累计发放', '累计投放', '累放', '发放', '投放', '放贷', '新发放', '授信'], measure: '发放' },
  { words: ['清收', '处置', '核销', '化解'], measure: '清收' },
  { words: ['起诉', '诉讼'], measure: '起诉' },
  { words: ['净增', '新增', '增加', '增长', '增量', '增幅', '增速'], measure: '增加' },
];
/** Measures that agree with one another: a bare 增加 after a balance is since the year's start. */
export const COMPATIBLE_MEASURES: Readonly<Record<string, readonly string[]>> = {
  增加: ['较年初', '同比', '增加'],
  较年初: ['增加', '较年初'],
  同比: ['增加', '同比'],
};
