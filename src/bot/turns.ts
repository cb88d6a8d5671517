// The last few things each member said, so the model can read 「那失业人员再就业呢」 after a
// question about 城镇新增就业. Kept in memory: short-lived context, not a record (the audit
// history is the Update table).
import type { Turn } from "../llm/understand.js";
import type { Intent } from "../nlu/intent.js";

const KEEP = 3;
const MAX_AGE_MS = 30 * 60_000;

export class TurnMemory {
  private readonly turns = new Map<string, { turn: Turn; at: number; intent?: Intent }[]>();

  constructor(private readonly now: () => number = Date.now) {}

  /** `intent`: what the turn was answered as, for a follow-up that names no indicator (上个月呢) */
  record(memberId: string, turn: Turn, intent?: Intent): void {
    const list = [...(this.turns.get(memberId) ?? []), { turn, at: this.now(), ...(intent ? { intent } : {}) }].slice(-KEEP);
    this.turns.set(memberId, list);
    if (this.turns.size > 10_000) this.turns.delete(this.turns.keys().next().value!); // oldest member first
  }

  /** What the member's previous turn was answered as, while it is fresh. */
  previous(memberId: string): Intent | undefined {
    const last = (this.turns.get(memberId) ?? []).at(-1);
    return last && this.now() - last.at < MAX_AGE_MS ? last.intent : undefined;
  }

  recent(memberId: string): Turn[] {
    return (this.turns.get(memberId) ?? []).filter((t) => this.now() - t.at < MAX_AGE_MS).map((t) => t.turn);
  }
}
