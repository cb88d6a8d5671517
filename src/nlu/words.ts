// The words and patterns the rules read a message by: what asks, what adds, what sets, what
// marks a remark or a note, what names the laggards or the overview. Data only, and stripAsk,
// which peels the asking words off a phrase.
export const TRAILING_PUNCT = /[\s。.！!，,、~～…]+$/u;
/** Words that only ask; beside a figure they still make the line a question. */
export const STRONG_QUESTION = /多少|几|怎么样|怎样|如何|咋样|查|看看|看一下|[?？]|吗|呢$|是否|有没有|没有$|了没|没$|是不是|有无|达到了没|到哪/u;
/**
 * 到2500人了吗, 装了700个了吧, 签了八万多人了没, 2500人对不对: a figure followed by these asks
 * whether it is so. Tested on the line's end, since a figure's unit may swallow them (人了没).
 */
export const TAG_QUESTION = /(?:了吧|对吧|是吧|吧|对不对|对不|是不是|是么|吗|么|没|没有)[\s?？。.!！~～…]*$/u;
// 门诊救助用了多少钱 / 门诊救助多少人次: which of an item's figures, the amount or the people
export const MONEY_WORDS = /钱|金额|资金|经费|费用|花了|花费|支出|拨付|[万亿]?元/u;
export const PEOPLE_WORDS = /多少人|几个人|几人|多少名|人次|人数|[\d万千百十]人/u;
/** Also nouns a report may use (完成率40%, 进度说明): a question only when no figure is given. */
export const QUESTION = new RegExp(`${STRONG_QUESTION.source}|进度|进展|情况|完成率`, "u");
export const HISTORY = /填报记录|记录|历史|变更|修改过|改动|谁改|谁填|流水|日志/u;
// 这周装了 300 个: a figure for a stretch of time is what was added in it
export const INCREMENT = /又|再|新增|增加|追加|多了|加上|新装|新完成|新开展|这周|本周|这个星期|今天|今日|本月|这个月|上周|昨天|\+/gu;
// 增加到 44 家, 达到, 提高至: the new total, even though 增加 is in it; 累计 before a figure always is
export const SET_TO = /(?:增加|增长|提高|提升|上升|扩大|升|增|达)(?:到|至)|达到|到达|截至|截止/gu;
// 本月共2600人 / 本月已完成2600人: 共 and 已完成 tell the running total too (not 公共, 共享, 共建)
export const CUMULATIVE = /累计|总计|合计|共计|一共|总数|总量|(?<!公)共(?![享建同用])|已(?:经)?完成/u;
// 截至本月底 is a point in time, not the stretch 本月
export const AS_OF = /(?:截至|截止)(?:到)?(?:目前|当前|现在|今天|今日|本月|这个月|本周|这周|上周|昨天)?(?:底|末)?/gu;
// 备注：含4月上旬数据 after a figure is said about it, not another report
export const REMARK = /[\s，,。.;；(（]*(?:备注|(?<![\p{Script=Han}])注|(?<![\p{Script=Han}])说明)\s*[:：]\s*/u;
export const NOTE_MARK = /^(?:最新)?(?:进展|情况|说明|备注|进度说明|工作进展)?\s*[:：]/u;
export const MEASURE_END = /(人次|场次|人|个|台|家|场|条|栋|户|元|亩|方|座|所|名|辆|件|项|处|次)$/u;
export const VAGUE_AMOUNT = /很多|许多|不少|若干|一些|好几|几百|几千|几万|上百|上千|大量|差不多|左右|一半/u;
export const LAGGARDS = /落后|滞后|拖后腿|没达到|没有达到|未达到|未能达到|达不到|低于时序|不达标|未达标|没完成时序|赶不上|排名靠后|排名最后|倒数|后进|跟不上|进度慢|偏慢|较慢|完成得不好|完成不好|欠账/u;
export const OVERVIEW = /^(?:总体|整体|全部|所有|全市|总的|全面)(?:的)?(?:进度|情况|进展|指标|完成情况)?$|概况|总览|汇总|大盘|一览|全部指标|所有指标|总体进度|整体进度|总体情况|整体情况/u;
export const SECTION_MARK = /方面|板块|领域|部分|这块|这一块|类指标|类的/u;
const ASK_PREFIX = /^(?:请问|麻烦|帮我|帮忙|给我)?(?:查询|查一下|查查|查|看看|看一下|问一下|了解一下|说说)?\s*/u;
const ASK_SUFFIX =
  /(?:的)?(?:进度|进展|情况|完成情况|完成率|完成了多少|完成多少|是多少|有多少|多少了|多少人了|多少人|多少个|多少|怎么样了|怎么样|如何|咋样|到哪了|几个了|几个|几家|几场|几|装了|建了|做了|开展了|现在|目前|当前|最新|数据|呢|吗|啊|吧|了|的|[?？])$/u;

/** 请问城镇新增就业的进度是多少 → 城镇新增就业: the words around a name that only ask. */
export function stripAsk(t: string): string {
  let s = t.replace(ASK_PREFIX, "").trim();
  for (let i = 0; i < 6; i++) {
    const next = s.replace(ASK_SUFFIX, "").trim();
    if (next === s) break;
    s = next;
  }
  return s;
}

