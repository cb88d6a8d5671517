// Messages that are commands, matched whole before anything is read as a report or a question:
// help, confirm, cancel, undo, choose, who am I, sign in, the fixed lists and documents, bind,
// names, catalogue edits and reminder settings.
import { numberWritten, scanQuantities } from "../domain/numbers.js";
import type { Role } from "../domain/roles.js";
import type { Intent } from "./intent.js";
import { fuzzyRef } from "./line.js";
import { findMention, fold } from "./match.js";
import { parseReminderCommand } from "./reminder-command.js";
import type { Vocabulary } from "./vocabulary.js";
import { TRAILING_PUNCT } from "./words.js";

/**
 * Slash commands (Telegram's menu, or typed in any channel) map straight to intents. /query and
 * /report carry a message, read as any message is; bare, they show the help.
 */
const SLASH: Record<string, Intent | "carries"> = {
  start: { type: "help" },
  help: { type: "help" },
  laggards: { type: "laggards" },
  chart: { type: "chart" },
  report_doc: { type: "reportdoc" },
  summary: { type: "summary" },
  dashboard: { type: "signin" },
  login: { type: "signin" },
  query: "carries",
  report: "carries",
};

/** /laggards@duban_bot in a group names the bot; the full stop a phone adds is not part of the name. */
const SLASH_COMMAND = /^\/([a-z_]+)(?:@\w+)?(?=[\s。.！!，,、~～…]|$)/iu;

/**
 * /laggards → its intent; /query 城镇新增就业 → the message it carries, for the caller to read;
 * undefined when the text is not one of the commands above. A fixed command ignores what follows
 * it (a /start deep-link code), as the Telegram channel always has.
 */
export function parseSlash(text: string): { intent: Intent } | { message: string } | undefined {
  const m = SLASH_COMMAND.exec(text);
  const meant = m ? SLASH[m[1]!.toLowerCase()] : undefined;
  if (!m || !meant) return undefined;
  if (meant !== "carries") return { intent: { ...meant } };
  const message = text.slice(m[0].length).trim();
  return message.replace(TRAILING_PUNCT, "") ? { message } : { intent: { type: "help" } };
}

/** The whole message as a command, or undefined when it is not one. */
export function parseCommand(t: string): Intent | undefined {
  const f = fold(t);
  if (f === "" || /^\/?(?:help|start|帮助|使用帮助|怎么用|使用说明|说明|菜单|功能|你好|您好|在吗|hi|hello|\?|？)$/iu.test(f)) return { type: "help" };
  if (/^(?:确认|确定|是的?|对的?|好的?|ok|yes|y|确认修改|没问题|可以)$/iu.test(f)) return { type: "confirm" };
  if (/^(?:取消|算了|不对|不用了|不是|否|no|n|放弃|不要)$/iu.test(f)) return { type: "cancel" };
  if (/^(?:撤销|撤回|撤消|回退|撤销上一次|撤销刚才的?|撤回上一条|撤销修改|撤销上次填报)$/u.test(f)) return { type: "undo" };
  const suggestions = parseAliasSuggestions(f);
  if (suggestions) return suggestions;
  const said = parseCorrection(f);
  if (said) return said;
  if (/^(?:我是谁|我的权限|我的角色|我的身份)$/u.test(f)) return { type: "whoami" };
  if (/^(?:(?:登录|登陆|打开|进入|查看|发我|发个|给我)?(?:数据|督办|进度)?看板(?:链接|登录|登陆|地址|网址)?|登录网页版?|网页版|看板怎么(?:登录|登陆|打开|进)(?:呢)?[?？]?)$/iu.test(f)) return { type: "signin" };
  if (/^(?:我的指标|我们单位的指标|本单位指标|我单位指标|我负责的指标)$/u.test(f)) return { type: "mine" };
  if (/^(?:落后指标图|落后图|进度图|落后指标图表|画(?:一)?(?:个|张)?落后(?:指标)?图)$/u.test(f)) return { type: "chart" };
  if (/^(?:生成(?:本月)?(?:工作)?专报|(?:本月)?工作专报|出(?:一份)?专报|生成报告)$/u.test(f)) return { type: "reportdoc" };
  if (/^(?:本月)?(?:进度)?摘要$|^(?:本月|月度|领导)(?:进度)?摘要$|^本月进度摘要$/u.test(f)) return { type: "summary" };
  const choice = /^(?:选|第)?([0-9]{1,2}|[一二三四五六七八九十])(?:个|项|条)?$/u.exec(f);
  if (choice) {
    const n = numberWritten(choice[1]!);
    if (n && n >= 1) return { type: "choose", index: n };
  }
  const reminders = parseReminderCommand(t.trim());
  if (reminders) return reminders;
  const bind = /^绑定\s+(\S+)\s+(.+)$/u.exec(t.trim());
  if (bind) return parseBind(bind[1]!, bind[2]!.split(/\s+/u));
  return parseName(t.trim());
}

// 刚才报错了，撤回 / 刚才那个报错了撤回一下 / 数据填错了请撤销: an undo said in a sentence
const UNDO_SAID = /^(?:刚才|刚刚|上一条|上条)?(?:那个|那条|这个|这条|的)?(?:数据|数字|填报)?(?:报|填|发|写|输|搞|弄)?错了?[，,。！!]*(?:请|麻烦|帮我|帮忙)?(?:撤回|撤销|撤消|删掉|删除|取消)(?:一下|吧|掉|了)*(?:上一条|上条|刚才(?:那|这)?(?:条|个|的)?|那条|这条|那个)?(?:数据|填报)?(?:一下|吧)?[。！!]*$|^(?:请|麻烦|帮我)?(?:撤回|撤销|撤消)(?:一下)?(?:上一条|上条|刚才那条|刚才那个|刚才的|刚才报的|刚才填的)(?:数据|填报)?(?:吧)?$/u;
// 不对，应该是590 / 错了，是590 / 应为590人: the figure just given, replaced; 是 alone needs the 错 before it
const CORRECTION = /^(?:(?:不对|不是|错了|搞错了|写错了|报错了|填错了|说错了|打错了|输错了|不好意思|抱歉)[，,。！!]*(?:应该|应当|应)?(?:是|为|改为|改成)|(?:应该是|应该为|应是|应为|应当是|更正为|改为|改成|更正一下是))(.+?)[。！!]*$/u;

/** 别名建议 / 采纳别名 2 / 忽略别名 2: the alias suggestions listed or decided by their number. */
function parseAliasSuggestions(f: string): Intent | undefined {
  if (/^(?:查看)?别名建议(?:列表)?$/u.test(f)) return { type: "aliases", action: "list" };
  const m = /^(采纳|同意|通过|忽略|拒绝|驳回)别名(?:建议)?(?:第)?(\d{1,3})(?:条|个|项)?$/u.exec(f);
  if (!m) return undefined;
  return { type: "aliases", action: /^(?:采纳|同意|通过)$/u.test(m[1]!) ? "approve" : "reject", index: Number(m[2]) };
}

/** A correction of the last figure (intent correct) or an undo said in words; undefined otherwise. */
function parseCorrection(f: string): Intent | undefined {
  if (UNDO_SAID.test(f)) return { type: "undo" };
  const m = CORRECTION.exec(f);
  if (!m) return undefined;
  const qs = scanQuantities(m[1]!);
  const q = qs[0];
  // exactly one clean figure and nothing else (应该是城镇新增就业2400人 is a report, read as one)
  if (qs.length !== 1 || !q || q.doubt || m[1]!.replace(q.raw, "").replace(/[了吧啊呢]+$/u, "").trim() !== "") return undefined;
  return { type: "correct", quantity: { number: q.number, magnitude: q.magnitude, unit: q.unit, percent: q.percent } };
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

const EDITS: [RegExp, "owner" | "deadline" | "alias" | "unalias"][] = [
  [/^(?:设置|修改|更改)牵头单位\s+(.+?)\s+(\S+)$/u, "owner"],
  [/^(?:设置|修改|更改)(?:完成)?期限\s+(.+?)\s+(\S+)$/u, "deadline"],
  [/^(?:添加|增加)别名\s+(.+?)\s+(\S+)$/u, "alias"],
  [/^(?:删除|去掉|移除)别名\s+(.+?)\s+(\S+)$/u, "unalias"],
];

/** 设置牵头单位 城镇新增就业 市人社局 / 设置期限 向阳花 5月31日 / 添加别名 补充配置电脑 电脑 */
export function parseEdit(t: string, vocab: Vocabulary): Intent | undefined {
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
