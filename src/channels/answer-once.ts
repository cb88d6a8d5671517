// The once-per-message rule every channel shares: claim the message id, run the bot, store the
// answer; a retry of the same id gets the stored answer; an answer slower than the channel's
// deadline is handed to `late` so the channel can deliver it another way.
import type { Reply } from "../bot/bot.js";
import type { InboundStore } from "../store/inbound-store.js";
import { deadline } from "./delivery.js";
import type { Log } from "./log.js";

export type Outcome =
  /** `first`: this call ran the bot; otherwise a retry gets the answer stored by the first */
  | { kind: "answer"; reply: Reply; first: boolean }
  /** a retry whose first delivery has not finished or goes out late; the first one delivers */
  | { kind: "pending" }
  /** slower than the deadline: `late` receives the answer when it is ready */
  | { kind: "late" };

export interface OnceArgs {
  inbound: InboundStore;
  channel: string;
  messageId: string;
  memberId: string;
  run: () => Promise<Reply>;
  deadlineMs: number;
  late: (reply: Reply) => void;
  log: Log;
}

export async function answerOnce(a: OnceArgs): Promise<Outcome> {
  const claim = await a.inbound.claim(a.channel, a.messageId, a.memberId);
  // a retry gets the stored text; attachments go out with the first delivery only
  if (!claim.first) return claim.reply !== null && !claim.late ? { kind: "answer", reply: { text: claim.reply }, first: false } : { kind: "pending" };
  const work = a.run().then(async (reply) => {
    await a.inbound.saveReply(a.channel, a.messageId, reply.text);
    return reply;
  });
  let reply: Reply | undefined;
  try {
    reply = await Promise.race([work, deadline(a.deadlineMs)]);
  } catch (e) {
    // nothing was answered: let the platform's retry try again
    await a.inbound.release(a.channel, a.messageId);
    throw e;
  }
  if (reply !== undefined) return { kind: "answer", reply, first: true };
  await a.inbound.markLate(a.channel, a.messageId);
  work.then(a.late, (e: unknown) => a.log.error({ err: String(e), channel: a.channel, messageId: a.messageId }, "message failed after its deadline"));
  return { kind: "late" };
}
