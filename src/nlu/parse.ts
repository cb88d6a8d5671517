// Text to Intent by rules: instant, free, no I/O. Handles Chinese numerals and units,
// full-width characters, and the many ways officials ask and report. Never throws.
import { normalizeText, parseChineseNumeral, scanQuantities, type Quantity } from "../domain/numbers.js";
import type { Role } from "../domain/roles.js";
import type { Intent, IndicatorRef, LineProblem, ReportLine } from "./intent.js";
import { findEntry, findMention, findMentions, fold, rankIndicators, resolve, type Mention } from "./match.js";
import type { Vocabulary } from "./vocabulary.js";

/** Longer messages are cut: nobody reports a thousand lines in a chat. */
const MAX_CHARS = 4000;
const MAX_LINES = 60;

const TRAILING_PUNCT = /[\s。.！!，,、~～…]+$/u;
/** Words that only ask; beside a figure they still make the line a question. */
const STRONG_QUESTION = /多少|几|怎么样|怎样|如何|咋样|查|看看|看一下|[?？]|吗|呢$|是否|有没有|没有$|了没|没$|是不是|有无|达到了没|到哪/u;
/** Also nouns a report may use (完成率40%, 进度说明): a question only when no figure is given. */
const QUESTION = new RegExp(`${STRONG_QUESTION.source}|进度|进展|情况|完成率`, "u");
const HISTORY = /填报记录|记录|历史|变更|修改过|改动|谁改|谁填|流水|日志/u;
// 这周装了 300 个: a figure for a stretch of time is what was added in it
const INCREMENT = /又|再|新增|增加|追加|多了|加上|新装|新完成|新开展|这周|本周|这个星期|今天|今日|本月|这个月|上周|昨天|\+/gu;
// 增加到 44 家, 达到, 提高至: the new total, even though 增加 is in it; 累计 before a figure always is
const SET_TO = /(?:增加|增长|提高|提升|上升|扩大|升|增|达)(?:到|至)|达到|到达|截至|截止/gu;
const CUMULATIVE = /累计|总计|合计|共计|一共|总数|总量/u;
// 截至本月底 is a point in time, not the stretch 本月
const AS_OF = /(?:截至|截止)(?:到)?(?:目前|当前|现在|今天|今日|本月|这个月|本周|这周|上周|昨天)?(?:底|末)?/gu;
// 备注：含4月上旬数据 after a figure is said about it, not another report
const REMARK = /[\s，,。.;；(（]*(?:备注|(?<![\p{Script=Han}])注|(?<![\p{Script=Han}])说明)\s*[:：]\s*/u;
const NOTE_MARK = /^(?:最新)?(?:进展|情况|说明|备注|进度说明|工作进展)?\s*[:：]/u;
const MEASURE_END = /(人次|场次|人|个|台|家|场|条|栋|户|元|亩|方|座|所|名|辆|件|项|处|次)$/u;
const VAGUE_AMOUNT = /很多|许多|不少|若干|一些|好几|几百|几千|几万|上百|上千|大量|差不多|左右|一半/u;
const LAGGARDS = /落后|滞后|拖后腿|没达到|没有达到|未达到|未能达到|达不到|低于时序|不达标|未达标|没完成时序|赶不上|排名靠后|排名最后|倒数|后进|跟不上|进度慢|偏慢|较慢|完成得不好|完成不好|欠账/u;
const OVERVIEW = /^(?:总体|整体|全部|所有|全市|总的|全面)(?:的)?(?:进度|情况|进展|指标|完成情况)?$|概况|总览|汇总|大盘|一览|全部指标|所有指标|总体进度|整体进度|总体情况|整体情况/u;
const SECTION_MARK = /方面|板块|领域|部分|这块|这一块|类指标|类的/u;
const ASK_PREFIX = /^(?:请问|麻烦|帮我|帮忙|给我)?(?:查询|查一下|查查|查|看看|看一下|问一下|了解一下|说说)?\s*/u;
const ASK_SUFFIX =
  /(?:的)?(?:进度|进展|情况|完成情况|完成率|完成了多少|完成多少|是多少|有多少|多少了|多少人了|多少人|多少个|多少|怎么样了|怎么样|如何|咋样|到哪了|几个了|几个|几家|几场|几|装了|建了|做了|开展了|现在|目前|当前|最新|数据|呢|吗|啊|吧|了|的|[?？])$/u;

export function parseMessage(text: string, vocab: Vocabulary): Intent {
  try {
    return parseUnguarded(typeof text === "string" ? text : "", vocab);
  } catch {
    // a parser bug must cost one "没看懂", never the conversation
    return { type: "unknown", text: String(text).slice(0, 200) };
  }
}

/** The parser without its safety net; exported so the fuzz test can prove it needs none. */
export function parseUnguarded(input: string, vocab: Vocabulary): Intent {
  const text = normalizeText(input.slice(0, MAX_CHARS)).replace(/\r/g, "").trim();
  const bare = text.replace(TRAILING_PUNCT, "");
  const command = parseCommand(bare) ?? parseEdit(bare, vocab);
  if (command) return command;
  const lines = text
    .split(/[\n；;]+/u)
    .reduce<string[]>((out, l) => {
      // 备注：… on a line of its own is said about the report above it
      if (out.length > 0 && /^\s*(?:备注|注|说明)\s*[:：]/u.test(l)) out[out.length - 1] += `，${l.trim()}`;
      else out.push(l);
      return out;
    }, [])
    .flatMap((l) => splitClauses(l, vocab))
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, MAX_LINES);
  if (lines.length > 1) return parseReport(lines, vocab);
  return parseSingle(bare, vocab);
}

/**
 * 城镇新增就业2600人，就业困难人员就业580人: one line, two reports. Split at commas when at least
 * two of the clauses each name an indicator and give a number; otherwise keep the line whole
 * (城镇新增就业：截至4月底完成2400人，完成率40% is one report).
 */
function splitClauses(line: string, vocab: Vocabulary): string[] {
  const { body, remark } = splitRemark(line);
  const pieces = splitAtCommas(body, vocab).flatMap((c) => splitAtNames(c, vocab));
  pieces[pieces.length - 1] += remark?.written ?? "";
  return pieces;
}

function splitAtCommas(line: string, vocab: Vocabulary): string[] {
  const clauses = line.split(/[，,、]/u);
  if (clauses.length < 2) return [line];
  const reports = clauses.filter((c) => findMention(c, vocab) && scanQuantities(normalizeText(c)).length > 0);
  if (reports.length < 2) return [line];
  // clauses without a name of their own belong to the report before them
  const out: string[] = [];
  for (const c of clauses) {
    if (findMention(c, vocab) || out.length === 0) out.push(c);
    else out[out.length - 1] += `，${c}`;
  }
  return out;
}

/**
 * 城镇新增就业 2700 人 职业技能培训 320 人, 职业技能培训累计310人创业培训累计180人: several
 * indicators named on one line with a figure among them: one piece per name, so each is either
 * reported or named in a question (a piece without a figure), never dropped or given a
 * neighbour's figure. Two names of the same indicator (三湘怡养 助餐点) stay together.
 */
function splitAtNames(line: string, vocab: Vocabulary): string[] {
  const heads = findMentions(line, vocab).filter((m, n, all) => n === 0 || !m.codes.some((c) => all[n - 1]!.codes.includes(c)));
  if (heads.length < 2) return [line];
  const cuts = [0, ...heads.slice(1).map((m) => rawIndexOf(line, m.start)), line.length];
  const pieces = cuts.slice(1).map((end, n) => line.slice(cuts[n], end)).filter((p) => p.trim());
  return pieces.some((p) => scanQuantities(p).length > 0) ? pieces : [line];
}

/** The index in raw of the character at folded index `at`. */
function rawIndexOf(raw: string, at: number): number {
  let folded = 0;
  for (let i = 0; i < raw.length; i++) {
    if (fold(raw[i]!).length === 0) continue;
    if (folded === at) return i;
    folded++;
  }
  return raw.length;
}

/** 2400人，备注：含4月上旬数据 → the report and its remark; only after a figure, so a note stays a note. */
function splitRemark(line: string): { body: string; remark?: { text: string; written: string } } {
  const m = REMARK.exec(line);
  if (!m) return { body: line };
  const body = line.slice(0, m.index);
  const text = line.slice(m.index + m[0].length).replace(/[\s)）。.]+$/u, "").trim();
  if (!text || scanQuantities(body).length === 0) return { body: line };
  return { body, remark: { text: text.slice(0, 500), written: line.slice(m.index) } };
}

function parseCommand(t: string): Intent | undefined {
  const f = fold(t);
  if (f === "" || /^\/?(?:help|start|帮助|使用帮助|怎么用|使用说明|说明|菜单|功能|你好|您好|在吗|hi|hello|\?|？)$/iu.test(f)) return { type: "help" };
  if (/^(?:确认|确定|是的?|对的?|好的?|ok|yes|y|确认修改|没问题|可以)$/iu.test(f)) return { type: "confirm" };
  if (/^(?:取消|算了|不对|不用了|不是|否|no|n|放弃|不要)$/iu.test(f)) return { type: "cancel" };
  if (/^(?:撤销|撤回|撤消|回退|撤销上一次|撤销刚才的?|撤回上一条|撤销修改|撤销上次填报)$/u.test(f)) return { type: "undo" };
  if (/^(?:我是谁|我的权限|我的角色|我的身份)$/u.test(f)) return { type: "whoami" };
  if (/^(?:\/dashboard|\/login|(?:登录|登陆|打开|进入|查看|发我|发个|给我)?(?:数据|督办|进度)?看板(?:链接|登录|登陆|地址|网址)?|登录网页版?|网页版|看板怎么(?:登录|登陆|打开|进)(?:呢)?[?？]?)$/iu.test(f)) return { type: "signin" };
  if (/^(?:我的指标|我们单位的指标|本单位指标|我单位指标|我负责的指标)$/u.test(f)) return { type: "mine" };
  if (/^(?:\/chart|落后指标图|落后图|进度图|落后指标图表|画(?:一)?(?:个|张)?落后(?:指标)?图)$/u.test(f)) return { type: "chart" };
  if (/^(?:\/report_doc|生成(?:本月)?(?:工作)?专报|(?:本月)?工作专报|出(?:一份)?专报|生成报告)$/u.test(f)) return { type: "reportdoc" };
  if (/^(?:本月)?(?:进度)?摘要$|^(?:本月|月度|领导)(?:进度)?摘要$|^本月进度摘要$/u.test(f)) return { type: "summary" };
  const choice = /^(?:选|第)?([0-9]{1,2}|[一二三四五六七八九十])(?:个|项|条)?$/u.exec(f);
  if (choice) {
    const n = /\d/.test(choice[1]!) ? Number(choice[1]) : parseChineseNumeral(choice[1]!);
    if (n && n >= 1) return { type: "choose", index: n };
  }
  const reminders = parseReminderCommand(t.trim());
  if (reminders) return reminders;
  const bind = /^绑定\s+(\S+)\s+(.+)$/u.exec(t.trim());
  if (bind) return parseBind(bind[1]!, bind[2]!.split(/\s+/u));
  return parseName(t.trim());
}

/** 设置姓名 wecom:zhangsan 张三 (修改姓名, 设置名字) for anyone; 我叫张三 / 我的姓名 张三 for oneself. */
function parseName(t: string): Intent | undefined {
  const set = /^(?:设置|修改|更改)(?:姓名|名字)\s+((?:api|wecom|telegram|cli):\S+)(?:\s+(.*))?$/iu.exec(t);
  if (set) return { type: "name", member: set[1]!, name: (set[2] ?? "").trim() };
  // 我的名字是张三，市人社局的: the name ends where the sentence goes on
  const own = /^(?:我叫|我的(?:姓名|名字)(?:是|为|叫)?[:：]?)\s*([^，,。！!？?；;]+)/u.exec(t);
  // 我叫什么 / 我的名字是什么: a question about oneself, not the name 什么
  if (own && /^(?:什么|啥|谁)/u.test(own[1]!.trim())) return { type: "whoami" };
  if (own) return { type: "name", name: own[1]!.trim() };
  return undefined;
}

const EDITS: [RegExp, "owner" | "deadline" | "alias"][] = [
  [/^(?:设置|修改|更改)牵头单位\s+(.+?)\s+(\S+)$/u, "owner"],
  [/^(?:设置|修改|更改)(?:完成)?期限\s+(.+?)\s+(\S+)$/u, "deadline"],
  [/^(?:添加|增加)别名\s+(.+?)\s+(\S+)$/u, "alias"],
];

/** 设置牵头单位 城镇新增就业 市人社局 / 设置期限 向阳花 5月31日 / 添加别名 补充配置电脑 电脑 */
function parseEdit(t: string, vocab: Vocabulary): Intent | undefined {
  for (const [re, field] of EDITS) {
    const m = re.exec(t.trim());
    if (!m) continue;
    const name = m[1]!;
    const mention = findMention(name, vocab);
    const ref = mention ? { codes: mention.codes, phrase: mention.alias } : fuzzyRef(name, vocab).ref;
    if (!ref) return { type: "unknown", text: t };
    return { type: "edit", ref, field, value: m[2]! };
  }
  return undefined;
}

/** 提醒设置 [周报 周二 10:00 | 月报 26日 09:30 | 第二次提醒 09:00 | 催报 17:00 | 免打扰 22:00-08:00 | 开启 | 关闭],
 * 暂停提醒 市人社局 到 5月10日, 恢复提醒 市人社局, 设置节假日 2027-01-01, 设置工作日 2027-02-07 */
function parseReminderCommand(t: string): Intent | undefined {
  if (/^提醒设置$/u.test(t)) return { type: "reminders", action: "show" };
  const onOff = /^提醒设置\s*(开启|打开|关闭|停用)$/u.exec(t);
  if (onOff) return { type: "reminders", action: "set", field: "开关", value: onOff[1]! };
  const set = /^提醒设置\s*(周报|月报|第二次提醒|催报|免打扰)\s*(.+)$/u.exec(t);
  if (set) return { type: "reminders", action: "set", field: set[1]!, value: set[2]!.trim() };
  const mute = /^暂停提醒\s*(\S*?)\s*(?:到|至)\s*(\S+)$/u.exec(t);
  if (mute) return { type: "reminders", action: "mute", ...(mute[1] ? { unit: mute[1] } : {}), value: mute[2]! };
  const unmute = /^恢复提醒\s*(\S*)$/u.exec(t);
  if (unmute) return { type: "reminders", action: "unmute", ...(unmute[1] ? { unit: unmute[1] } : {}) };
  const day = /^设置(节假日|休息日|放假|工作日|调休上班|上班)\s*(\S+)$/u.exec(t);
  if (day) return { type: "reminders", action: "day", field: /工作日|上班/u.test(day[1]!) ? "workday" : "holiday", value: day[2]! };
  return undefined;
}

const ROLE_WORDS: Record<string, Role> = {
  管理员: "admin", admin: "admin", 填报员: "reporter", 填报人: "reporter", reporter: "reporter",
  查看: "viewer", 只读: "viewer", viewer: "viewer", 查看员: "viewer",
};

/**
 * 绑定 <成员> [单位] [身份] [姓名]: 绑定 wecom:x 管理员, 绑定 wecom:x 市人社局 [管理员], and a name
 * as the last words when they are not a role word (绑定 wecom:x 市人社局 [填报员] 张三). A lone
 * role word is the role, never a unit.
 */
function parseBind(member: string, words: string[]): Intent {
  const roleOf = (w: string | undefined) => (w === undefined ? undefined : ROLE_WORDS[w.toLowerCase()]);
  const [first, ...rest] = words;
  const roleFirst = roleOf(first);
  const unit = roleFirst ? undefined : first;
  const role = roleFirst ?? roleOf(rest[0]);
  const nameWords = roleFirst || !role ? rest : rest.slice(1);
  const name = nameWords.join(" ");
  return { type: "bind", member, role: role ?? "reporter", ...(unit ? { unit } : {}), ...(name ? { name } : {}) };
}

function parseSingle(whole: string, vocab: Vocabulary): Intent {
  // a remark (备注：就业方面补报) says nothing about what the message is
  const t = splitRemark(whole).body;
  const mention = findMention(t, vocab);
  if (!mention && LAGGARDS.test(t)) {
    // 人社局有哪些指标落后 / 就业方面落后的: the list narrowed to a unit or a section
    const unit = findEntry(t, vocab.units);
    const section = unit ? undefined : findEntry(t, vocab.sections);
    return { type: "laggards", ...(unit ? { unit: unit.key } : {}), ...(section ? { section: section.key } : {}) };
  }
  const sectionAsked = SECTION_MARK.test(t) ? findEntry(t, vocab.sections) : undefined;
  if (sectionAsked) return { type: "section", section: sectionAsked.key };
  if (!mention) {
    if (OVERVIEW.test(fold(t))) return { type: "overview" };
    const unit = findEntry(t, vocab.units);
    if (unit) return { type: "unit", unit: unit.key };
    const asked = fold(stripAsk(t));
    const section = vocab.sections.find((s) => s.names.some((n) => fold(n) === asked));
    if (section) return { type: "section", section: section.key };
  }
  const line = parseLine(whole, vocab);
  if (line.kind === "report") return { type: "report", lines: [line.line], problems: [] };
  if (line.kind === "problem") return { type: "report", lines: [], problems: [line.problem] };
  if (line.kind === "query") return { type: line.history ? "history" : "query", ref: line.ref };
  return { type: "unknown", text: whole, suggestions: line.suggestions };
}

function parseReport(lines: string[], vocab: Vocabulary): Intent {
  const out: ReportLine[] = [];
  const problems: LineProblem[] = [];
  for (const raw of lines) {
    const line = parseLine(raw.replace(TRAILING_PUNCT, ""), vocab);
    if (line.kind === "report") out.push(line.line);
    else if (line.kind === "problem") problems.push(line.problem);
    else if (line.kind === "query") problems.push({ raw, kind: "no-number", ref: line.ref });
    else problems.push({ raw, kind: "unknown-indicator" });
  }
  return { type: "report", lines: out, problems };
}

type LineResult =
  | { kind: "report"; line: ReportLine }
  | { kind: "problem"; problem: LineProblem }
  | { kind: "query"; ref: IndicatorRef; history: boolean }
  | { kind: "none"; suggestions?: string[] };

/** One line about one indicator: a question about it, a figure for it, or a progress note. */
function parseLine(raw: string, vocab: Vocabulary): LineResult {
  const { body, remark } = splitRemark(raw);
  const result = parseBody(raw, body, vocab);
  if (remark && result.kind === "report" && result.line.op !== "note") result.line.remark = remark.text;
  return result;
}

function parseBody(raw: string, body: string, vocab: Vocabulary): LineResult {
  const mention = findMention(body, vocab);
  let ref: IndicatorRef;
  let rest: string;
  if (mention) {
    ref = { codes: preferFuller(mention, body, vocab), phrase: mention.alias };
    rest = cutFolded(body, mention.start, mention.end);
    // 三湘怡养 助餐点: a second name of the same indicator is not leftover text
    for (let again = findMention(rest, sameIndicators(vocab, mention.codes)); again; again = findMention(rest, sameIndicators(vocab, mention.codes))) {
      rest = cutFolded(rest, again.start, again.end);
    }
  } else {
    const found = fuzzyRef(body, vocab);
    if (!found.ref) return { kind: "none", suggestions: found.suggestions };
    ref = found.ref;
    rest = found.rest;
  }
  return classify(raw, ref, rest, vocab);
}

function classify(raw: string, ref: IndicatorRef, rest: string, vocab: Vocabulary): LineResult {
  const history = HISTORY.test(rest);
  const restTrim = rest.replace(/^[\s:：,，、]+|[\s。.！!，,、]+$/gu, "");
  // 进展：… notes any indicator; a bare colon notes a qualitative one and, on a numeric one,
  // just separates name and figure (城镇新增就业：2400人)
  const note = NOTE_MARK.exec(rest.trim());
  const explicit = note !== null && note[0].replace(/[\s:：]/g, "").length > 0;
  if (note && (explicit || isTextual(ref, vocab))) {
    const text = rest.trim().slice(note[0].length).trim();
    if (text.length >= 2 && !STRONG_QUESTION.test(text.slice(0, 4))) return { kind: "report", line: { raw, ref, op: "note", text } };
  }
  const quantities = scanQuantities(restTrim);
  // 二十几人 is a figure written loosely, not a question: only the words around figures ask
  const words = quantities.reduce((t, q) => t.replace(q.raw, " "), restTrim);
  const asking = (quantities.length > 0 ? STRONG_QUESTION : QUESTION).test(words) || history;
  if (quantities.length > 0 && !asking) return report(raw, ref, restTrim, pickQuantity(quantities, ref, vocab));
  if (asking || restTrim === "") return { kind: "query", ref, history };
  // without 进展：, only a sentence reads as a progress note; a few words are more likely a question
  if (isTextual(ref, vocab) && [...restTrim].length >= 8) return { kind: "report", line: { raw, ref, op: "note", text: restTrim } };
  const leftover = restTrim.replace(/^(?:已|已经|累计|共|总计|合计|达到|完成|已完成|目前|现在)+/u, "");
  // a word where the number should be (很多 人, 若干个): say so; other leftovers are read as a question
  if (MEASURE_END.test(leftover) || VAGUE_AMOUNT.test(leftover)) {
    return { kind: "problem", problem: { raw, kind: "bad-number", word: leftover.replace(MEASURE_END, "").trim() || leftover, ref } };
  }
  return { kind: "query", ref, history: false };
}

/**
 * 帮扶车间招了多少脱贫户: 帮扶车间 names 就业帮扶车间数量, but 帮扶车间吸纳脱贫人口数量 holds it
 * too and also 脱贫 from the rest of the message. Among the indicators whose names contain the
 * mention, one that shares more of the message (two characters or more) is the one meant.
 */
function preferFuller(mention: Mention, raw: string, vocab: Vocabulary): string[] {
  const rest = fold(stripAsk(cutFolded(raw, mention.start, mention.end)));
  if (rest.length < 2) return mention.codes;
  const scored = vocab.indicators
    .filter((i) => i.names.some((n) => fold(n).includes(mention.alias)))
    .map((i) => ({ code: i.code, extra: Math.max(...i.names.map((n) => sharedRun(fold(n).replace(mention.alias, " "), rest))) }));
  const best = Math.max(0, ...scored.map((x) => x.extra));
  const winners = scored.filter((x) => x.extra === best);
  return best >= 2 && winners.length === 1 ? [winners[0]!.code] : mention.codes;
}

/** Length of the longest run of characters the two strings share. */
function sharedRun(a: string, b: string): number {
  let best = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      let k = 0;
      while (a[i + k] !== undefined && a[i + k] === b[j + k]) k++;
      if (k > best) best = k;
    }
  }
  return best;
}

function sameIndicators(vocab: Vocabulary, codes: string[]): Vocabulary {
  return { ...vocab, indicators: vocab.indicators.filter((i) => codes.includes(i.code)) };
}

function report(raw: string, ref: IndicatorRef, rest: string, q: Quantity): LineResult {
  if (q.doubt) return { kind: "problem", problem: { raw, kind: q.doubt === "ambiguous" ? "ambiguous-number" : q.doubt, ref } };
  const op = opBefore(rest.slice(0, Math.max(0, rest.indexOf(q.raw))));
  const quantity = { number: q.number, magnitude: q.magnitude, unit: q.unit, percent: q.percent };
  return { kind: "report", line: { raw, ref, op, quantity } };
}

/** set or add, from the words before the figure: the last of 新增/又 and 增加到/截至 decides. */
function opBefore(before: string): "set" | "add" {
  if (CUMULATIVE.test(before)) return "set";
  const text = before.replace(AS_OF, "截至");
  const lastEnd = (re: RegExp) => Math.max(-1, ...[...text.matchAll(re)].map((m) => m.index + m[0].length));
  return lastEnd(INCREMENT) > lastEnd(SET_TO) ? "add" : "set";
}

/** With several numbers on a line (2400人，完成40%), prefer the one in the indicator's own unit. */
function pickQuantity(qs: Quantity[], ref: IndicatorRef, vocab: Vocabulary): Quantity {
  const unit = vocab.indicators.find((i) => i.code === ref.codes[0])?.unit ?? "";
  const wantPercent = unit === "%";
  const kind = qs.filter((q) => q.percent === wantPercent);
  return kind.find((q) => q.unit && unit.endsWith(q.unit)) ?? kind[0] ?? qs[0]!;
}

function isTextual(ref: IndicatorRef, vocab: Vocabulary): boolean {
  const ind = vocab.indicators.find((i) => i.code === ref.codes[0]);
  return ref.codes.length === 1 && ind?.kind === "qualitative";
}

/** Removes the folded span [start, end) from the original text, mapping through fold(). */
function cutFolded(raw: string, start: number, end: number): string {
  let folded = 0;
  let from = -1;
  let to = raw.length;
  for (let i = 0; i < raw.length; i++) {
    const kept = fold(raw[i]!).length > 0;
    if (kept && folded === start && from < 0) from = i;
    if (kept) folded++;
    if (kept && folded === end) {
      to = i + 1;
      break;
    }
  }
  if (from < 0) return raw;
  return `${raw.slice(0, from)} ${raw.slice(to)}`;
}

function stripAsk(t: string): string {
  let s = t.replace(ASK_PREFIX, "").trim();
  for (let i = 0; i < 6; i++) {
    const next = s.replace(ASK_SUFFIX, "").trim();
    if (next === s) break;
    s = next;
  }
  return s;
}

/** No name is written out: guess from the words left once questions and numbers are gone. */
function fuzzyRef(raw: string, vocab: Vocabulary): { ref?: IndicatorRef; rest: string; suggestions?: string[] } {
  const quantities = scanQuantities(raw);
  let phrase = raw;
  for (const q of quantities) phrase = phrase.replace(q.raw, " ");
  phrase = stripAsk(phrase.replace(/^(?:已|已经)/u, "")).replace(/(?:已|已经|累计|又|再|新增)+$/u, "");
  // 基站建设情况: generic words at the end name no indicator
  const core = phrase.replace(/(?:建设|工作|项目|工程|数量|人数|任务|推进|落实)+$/u, "");
  if (fold(core).length >= 2 && resolve(rankIndicators(phrase, vocab)).kind === "none") phrase = core;
  const rest = raw.replace(phrase, " ");
  if (fold(phrase).length < 2) return { rest };
  const resolution = resolve(rankIndicators(phrase, vocab));
  if (resolution.kind === "one") return { ref: { codes: [resolution.code], phrase }, rest };
  if (resolution.kind === "choice") return { ref: { codes: resolution.codes, phrase, ...(resolution.guess ? { guess: true } : {}) }, rest };
  return { rest };
}
