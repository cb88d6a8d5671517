// Every intent's handler, one line each. The table's type lists every intent kind: an intent
// added to nlu/intent.ts without a handler here does not compile.
import { isAsOfView, type Intent, type IntentOf } from "../../nlu/intent.js";
import type { Handler, HandlerTable, Reply, TurnContext } from "../context.js";
import { aliases } from "./aliases.js";
import { bare } from "./bare.js";
import { bind } from "./bind.js";
import { bulletin, highlight, news, reportsettings, tally } from "./bulletin.js";
import { chart } from "./chart.js";
import { compare } from "./compare.js";
import { cancel, choose, confirm } from "./confirm.js";
import { correct } from "./correct.js";
import { edit } from "./edit.js";
import { followup } from "./followup.js";
import { help, unknown } from "./help.js";
import { laggards } from "./laggards.js";
import { mine, overview, section, unit } from "./lists.js";
import { name } from "./name.js";
import { done, due, nodata } from "./progress-lists.js";
import { ranking, unreported } from "./unit-lists.js";
import { updates } from "./updates.js";
import { history, query } from "./query.js";
import { reminders } from "./reminders.js";
import { submission } from "./submission.js";
import { reportdoc } from "./reportdoc.js";
import { signin } from "./signin.js";
import { summary } from "./summary.js";
import { viewAsOf } from "./timed.js";
import { undo } from "./undo.js";
import { whoami } from "./whoami.js";

const handlers: HandlerTable = {
  help,
  query,
  history,
  compare,
  followup,
  laggards,
  overview,
  unit,
  mine,
  section,
  submission,
  confirm,
  cancel,
  undo,
  choose,
  bind,
  name,
  whoami,
  signin,
  reportdoc,
  summary,
  chart,
  reminders,
  edit,
  done,
  nodata,
  unreported,
  updates,
  ranking,
  news,
  highlight,
  tally,
  bulletin,
  reportsettings,
  due,
  unknown,
  correct,
  bare,
  aliases,
};

/** Runs the handler of the intent's kind. */
export function handle<K extends Intent["type"]>(ctx: TurnContext, intent: IntentOf<K>): Promise<string | Reply> {
  const handler: Handler<IntentOf<K>> = handlers[intent.type];
  // 3月底哪些指标落后: any view of many indicators, as of a past day
  if (isAsOfView(intent) && intent.asOf) return viewAsOf(ctx, intent.asOf, (then) => handler(then, intent));
  return handler(ctx, intent);
}
