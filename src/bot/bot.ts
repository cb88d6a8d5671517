// The channel-agnostic bot: (member, text) → reply. Every channel and the CLI call this.
// Identity and permission are decided here from the member id the channel verified, never
// from anything the message says. A turn runs as steps (steps.ts), composed like grammY's
// Composer; each intent kind has its handler (handlers/).
import { compose } from "./compose.js";
import type { BotDeps, Incoming, Reply, TurnContext } from "./context.js";
import * as render from "./render.js";
import { dispatch, identify, noteAliases, recall, remember, settlePending, understand } from "./steps.js";

export type { BotConfig, BotDeps, Incoming, Model, Reply, SignInLinks } from "./context.js";

export interface Bot {
  /** the reply's text; what every channel can deliver */
  handle(msg: Incoming): Promise<string>;
  /** the reply with its attachments, for channels that send images and files */
  reply(msg: Incoming): Promise<Reply>;
  /** what a channel shows someone who opens the chat before saying anything */
  welcome(memberId: string): Promise<string>;
}

export function createBot(deps: BotDeps): Bot {
  const { config } = deps;
  // remember wraps the rest: it records the turn once the answer is known
  const turn = compose<TurnContext>([remember, understand, recall, noteAliases, settlePending, dispatch]);

  async function reply(msg: Incoming): Promise<Reply> {
    const ctx = await identify(deps, msg);
    if (!ctx) return { text: render.notLetIn(msg.memberId, config.adminContact) };
    await turn(ctx);
    if (ctx.answer === undefined) throw new Error("a turn ended without an answer");
    const out: Reply = typeof ctx.answer === "string" ? { text: ctx.answer } : ctx.answer;
    return ctx.notes.length ? { ...out, text: [out.text, ...ctx.notes].join("\n") } : out;
  }

  return {
    reply,
    async handle(msg) {
      return (await reply(msg)).text;
    },
    async welcome(memberId) {
      const known = config.admins.includes(memberId) || !!(await deps.members.get(memberId));
      return render.welcome(memberId, known, config.adminContact);
    },
  };
}
