// A follow-up filled from the member's previous turn. Pure: the previous intent is handed in.
import type { Intent, IntentOf } from "../nlu/intent.js";

type Leaning = IntentOf<"followup"> | IntentOf<"query">;

/** The question a follow-up means given the previous one, or undefined when that one gives it nothing to lean on. */
export function fillFrom(intent: Leaning, said: Intent): Intent | undefined {
  const previous = asQuestion(said);
  if (intent.type === "query") return carried(intent, previous);
  const time = timeOf(intent);
  if (previous.type === "compare") {
    // 上个月呢 after A和B哪个快: the same comparison then; a change of two is not one of the answers
    if (intent.change) return undefined;
    const { asOf: _old, aspect: _fact, ...rest } = previous;
    if (intent.aspect) return { ...rest, aspect: intent.aspect };
    return { ...rest, ...(intent.asOf ? { asOf: intent.asOf } : previous.asOf ? { asOf: previous.asOf } : {}) };
  }
  if (previous.type !== "query" && previous.type !== "history") return undefined;
  const { guess: _guess, ...ref } = previous.ref;
  // a new day or stretch asks the card then; a fact (全年目标) is the same on any day; 完成率呢 keeps the day asked
  if (time.asOf || time.change) return { type: "query", ref, ...time };
  if (intent.aspect) return { type: "query", ref, aspect: intent.aspect };
  return { type: "query", ref, ...(previous.type === "query" && previous.asOf ? { asOf: previous.asOf } : {}) };
}

/** 那失业人员再就业呢: the previous question (its day or stretch) asked of the indicator now named. */
function carried(intent: IntentOf<"query">, previous: Intent): Intent | undefined {
  const { carry: _carry, ...asked } = intent;
  // 城镇新增就业的填报记录 → 那失业人员再就业呢: its 填报记录 too
  if (previous.type === "history" && !intent.asOf && !intent.change && !intent.aspect) return { type: "history", ref: intent.ref };
  if (previous.type !== "query") return asked;
  const own = intent.asOf || intent.change || intent.aspect;
  if (own) return asked;
  // after 谁牵头 / 全年目标是多少, 那X呢 gets X's card: it holds the owner and the target beside the figures
  return { ...asked, ...timeOf(previous) };
}

function timeOf(i: { asOf?: IntentOf<"query">["asOf"]; change?: IntentOf<"query">["change"] }) {
  return { ...(i.asOf ? { asOf: i.asOf } : {}), ...(i.change ? { change: i.change } : {}) };
}

/** A report of one figure (城镇新增就业 2500 人) is about that indicator: 完成率呢 after it asks its card. */
function asQuestion(said: Intent): Intent {
  if (said.type === "submission" && said.lines.length === 1 && said.problems.length === 0) return { type: "query", ref: said.lines[0]!.ref };
  return said;
}
