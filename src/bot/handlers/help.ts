// 帮助, and the answer to what nobody understood.
import type { IntentOf } from "../../nlu/intent.js";
import type { Handler } from "../context.js";
import * as render from "../render.js";
import { unknownReply } from "./common.js";

export const help: Handler<IntentOf<"help">> = async (ctx) => render.helpReply(ctx.catalog);

export const unknown: Handler<IntentOf<"unknown">> = async (_ctx, intent) => unknownReply(intent.text);
