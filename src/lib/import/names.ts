/**
 * Person names in bylines. Newspapers set two-character names with a space in the middle so they line up with
 * three-character ones (胡  蓉 刘  洋); WeChat posts put them after 文字： or in brackets at the end.
 */
import { CJK } from './text.ts';

const SINGLE_SURNAMES = new Set([
  ...'占晋'.split(''), ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由'
]);
const DOUBLE_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '令狐', '夏侯', '端木', '独孤', '南宫', '西门', '万俟', '闻人', '呼延'];

/** Words that start with a surname character but are never names in a byline. */
const NOT_NAMES = new Set(['该行', '全行', '支行', '分行', '总行', '本行', '银行', '通讯', '记者', '图片', '文字', '编辑', '审核', '来源', '供稿', '摄影', '报道', '北京', '合影', '同时', '成效', '能力', '金融', '服务', '农商', '党委', '宣传']);

export function isPersonName(w: string): boolean {
  if (!/^[\u3400-\u9fff]{2,4}$/.test(w) || NOT_NAMES.has(w)) return false;
  if (DOUBLE_SURNAMES.some((s) => w.startsWith(s))) return w.length >= 3;
  if (!SINGLE_SURNAMES.has(w[0]!)) return false;
  return w.length <= 3;
}

/** Where the position already says "byline" (after the last full stop of an item), any short word will do. */
function looseName(w: string): boolean {
  return /^[\u3400-\u9fff]{2,3}$/.test(w) && !NOT_NAMES.has(w) && !/[的了是在和与为行年月日元人个]/.test(w);
}

/**
 * Names in a run of text separated by spaces, 、 or ，: "李勇 刘军 唐智宏", "胡 蓉", "张 超  刘 洋".
 * Undefined when anything in the run is not a name.
 */
export function parseNames(run: string, loose = false): string[] | undefined {
  const ok = loose ? (w: string) => isPersonName(w) || looseName(w) : isPersonName;
  const t = run.replace(/\u3000/g, '  ').trim();
  if (!t || !CJK.test(t)) return undefined;
  const groups = t.split(/\s{2,}|[、，,；;／/]+/).map((g) => g.trim()).filter(Boolean);
  const names: string[] = [];
  for (const g of groups) {
    const words = g.split(/\s+/);
    if (words.every((w) => w.length === 1)) {
      // 胡 蓉: one name spread out; 张 超 刘 洋 without a wider gap: pairs.
      if (words.length <= 3 && ok(words.join(''))) names.push(words.join(''));
      else if (words.length % 2 === 0 && words.length <= 8) {
        for (let i = 0; i < words.length; i += 2) {
          const n = words[i]! + words[i + 1]!;
          if (!ok(n)) return undefined;
          names.push(n);
        }
      } else return undefined;
      continue;
    }
    // 李 雅坤 / 李雅 坤: a name broken by justification.
    let i = 0;
    while (i < words.length) {
      const w = words[i]!;
      const joined = i + 1 < words.length ? w + words[i + 1]! : '';
      if (ok(w) && !(w.length === 1)) {
        names.push(w);
        i++;
      } else if (joined && ok(joined) && (w.length === 1 || words[i + 1]!.length === 1)) {
        names.push(joined);
        i += 2;
      } else return undefined;
    }
  }
  return names.length > 0 && names.length <= 8 ? names : undefined;
}

/** A byline that opens an item: □通讯员 于萌 李媛 / 中经记者 张漫游 北京报道 / 本报记者 王某 / 通讯员：王晓明 张丽. */
const OPENING = /^[□■◆◇●○▲△☆★\s]*(?:本报讯\s*)?[（(]?\s*(?:特约|本报|中经|见习|实习|首席)?(?:通讯员|记者|作者|撰稿|文)[\s:：/]*([\u3400-\u9fff\s、，,]+?)\s*[）)]?\s*(?:[\u3400-\u9fff]{2,4}报道)?\s*$/;

export interface Byline {
  authors: string[];
  /** Text after the byline on the same line (本报讯（通讯员 黄小川）为提升…). */
  rest: string;
}

export function openingByline(line: string): Byline | undefined {
  const t = line.trim().replace(/^\*\*(.*)\*\*$/, '$1');
  const m = OPENING.exec(t);
  if (m) {
    const names = parseNames(m[1]!.replace(/(?:通讯员|记者)/g, ' '));
    if (names) return { authors: names, rest: '' };
  }
  // 本报讯 近日，…: an item starts, its byline comes at the end.
  const bare = /^[□■\s]*本报讯\s+(?![（(])/.exec(t);
  if (bare) return { authors: [], rest: t.slice(bare[0].length) };
  // 本报讯（通讯员 黄小川）为提升员工… / 本报讯 记者 王某 通讯员 李某 报道
  const lead = /^[□■\s]*本报讯\s*[（(]([^（）()]*)[）)]\s*/.exec(t);
  if (lead) {
    const names = parseNames(lead[1]!.replace(/(?:特约|本报|见习|实习)?(?:通讯员|记者)/g, '  ').replace(/[\u3400-\u9fff]{2,4}报道/, ''));
    return { authors: names ?? [], rest: t.slice(lead[0].length) };
  }
  return undefined;
}

/** A byline closing an item in brackets: （通讯员 温娜） （太谷农商银行 李娜 赵鹏） （记者 王某 通讯员 李某）. */
export function closingBracketByline(line: string): string[] | undefined {
  const m = /^[（(]\s*(.+?)\s*[）)]$/.exec(line.trim());
  if (!m || /摄/.test(m[1]!)) return undefined;
  const tokens = m[1]!.replace(/(?:特约|本报|见习|实习)?(?:通讯员|记者|供稿|作者)[：:]?/g, ' ').trim().split(/\s+/);
  // An org may stand first: （太谷农商银行 李娜 赵鹏）.
  if (tokens[0] && /(银行|支行|分行|联社|信用社|中心|部|室|办公室)$/.test(tokens[0])) tokens.shift();
  return parseNames(tokens.join(' '));
}

/** Names closing the last line of an item: "…授牌。 李勇 刘军 唐智宏". Returns the text without them. */
export function trailingNames(line: string, loose = false): { text: string; authors: string[] } | undefined {
  const m = /^(.*[。！？!?”’）)])\s+([\u3400-\u9fff][\u3400-\u9fff\s]{1,40})$/.exec(line.trimEnd());
  if (!m) return undefined;
  const names = parseNames(m[2]!, loose);
  return names ? { text: m[1]!, authors: names } : undefined;
}

/** A line that is nothing but names (the byline set on its own line). */
export function namesLine(line: string): string[] | undefined {
  // ■ 刘 畅 文/图 · 文/张三 · 张三 报道: the marks around the names are not names.
  const t = line.trim().replace(/^[□■◆●]\s*/, '').replace(/\s*(?:文\s*\/\s*图|图\s*\/\s*文|文图|图文|文|报道)$/, '').replace(/^(?:文|图)\s*[\/／]\s*/, '');
  if (t.length > 30 || /[，。；：]/.test(t)) return undefined;
  if (!/\s/.test(t) && t.length > 3) return undefined;
  return parseNames(t);
}

/** A photo credit: （邓 华 摄） / 王磊 摄 / (本版图片均由林道辉 摄) → the photographer(s). */
export function photoCredit(s: string): { text: string; credit: string } | undefined {
  const m = /\s*[（(]([^（()）]*?)\s*摄\s*[）)]\s*$/.exec(s) ?? /\s+([\u3400-\u9fff ]{2,12}?)\s*摄\s*$/.exec(s);
  if (!m) return undefined;
  const who = m[1]!.replace(/^(?:本版|本组|文中)?(?:图片|照片)?(?:均)?由/, '').replace(/^(?:记者|通讯员|图\/)/, '').trim();
  const names = parseNames(who) ?? (who ? [who.replace(/\s+/g, '')] : []);
  return { text: s.slice(0, m.index).trimEnd(), credit: names.length > 0 ? `${names.join(' ')} 摄` : '' };
}

/**
 * A line that is a photo's credit, after its caption if the page prints one there: 中国银行图, 重走红军路 中国工商
 * 银行于都支行供图, 钟 华 摄, （邓 华 摄）. Who took or gave the photo is an org (`isOrgName`) or names.
 */
export function creditLine(line: string, isOrgName: (s: string) => boolean): { caption: string; credit: string } | undefined {
  const t = line.trim().replace(/[）)]\s*$/, '');
  const m = /\s*(供图|图片|图|摄)$/.exec(t);
  // 刘 畅 文/图: who wrote the text and took the photos is a byline.
  if (!m || t.length > 80 || /(?:文\s*[\/／]\s*|图\s*[\/／]\s*|文)图$/.test(t)) return undefined;
  const rest = t.slice(0, m.index);
  const opening = Math.max(rest.lastIndexOf('（'), rest.lastIndexOf('('));
  const who = (w: string): string | undefined => {
    const bare = w.replace(/^(?:本报记者|记者|通讯员|图\/)\s*/, '').trim();
    if (!bare) return undefined;
    if (isOrgName(bare.replace(/\s+/g, ''))) return bare.replace(/\s+/g, '');
    return parseNames(bare)?.join(' ');
  };
  const credit = (name: string) => (m[1] === '摄' ? `${name} 摄` : `${name}${m[1]}`);
  if (opening >= 0) {
    const name = who(rest.slice(opening + 1));
    return name ? { caption: rest.slice(0, opening).trim(), credit: credit(name) } : undefined;
  }
  const parts = rest.trim().split(/\s+/);
  for (let k = parts.length; k >= 1; k--) {
    const name = who(parts.slice(parts.length - k).join(' '));
    if (name) return { caption: parts.slice(0, parts.length - k).join(' '), credit: credit(name) };
  }
  return undefined;
}
