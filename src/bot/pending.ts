// What the bot waits for from a member, stored as JSON in the Pending table: a change held for
// 确认, or a numbered choice between indicators. Read back through this schema: a row written by
// an older version (or by hand) that no longer fits is treated as nothing waiting.
import { z } from "zod";
import { Intent } from "../nlu/intent.js";

/** A change ready to apply, with what the member was shown. */
export const DraftChange = z.object({
  indicatorId: z.number().int(),
  code: z.string(),
  op: z.enum(["set", "add", "note"]),
  value: z.number().optional(),
  text: z.string().optional(),
  /** the value the member saw as current; the store records the true old value at apply time */
  seenOld: z.number().nullable(),
  /** for notes: the progress text the member saw as current */
  seenOldText: z.string().nullable().optional(),
  newValue: z.number().nullable(),
  /** the reporter's remark (备注：…), stored with the update */
  remark: z.string().optional(),
  warnings: z.array(z.string()),
});
export type DraftChange = z.infer<typeof DraftChange>;

export const Pending = z.discriminatedUnion("kind", [
  /** changes that looked wrong, applied on 确认; `source` is the message they came from */
  z.object({ kind: z.literal("confirm"), changes: z.array(DraftChange).min(1), source: z.string() }),
  /** an intent naming several indicators: the number sent picks one (of line `line`, for a report) */
  z.object({ kind: z.literal("choose"), codes: z.array(z.string()).min(1), intent: Intent, line: z.number().int().optional() }),
  /** counts of the 专报 smaller than before, recorded on 确认 */
  z.object({
    kind: z.literal("tally"),
    tally: z.enum(["materials", "news"]),
    entries: z.array(z.object({ name: z.string(), value: z.number().int().min(0) })).min(1),
    source: z.string().nullable(),
  }),
]);
export type Pending = z.infer<typeof Pending>;
export type HeldChange = Extract<Pending, { kind: "confirm" }>;
