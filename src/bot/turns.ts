// The last few things each member said, so the model can read 「那失业人员再就业呢」 after a
// question about 城镇新增就业. Kept in memory: short-lived context, not a record (the audit
// history is the Update table).
import type { Turn } from "../llm/understand.js";

const KEEP = 3;
const MAX_AGE_MS = 30 * 60_000;

export class TurnMemory {
  private readonly turns = new Map<string, { turn: Turn; at: number }[]>();

  constructor(private readonly now: () => number = Date.now) {}

  record(memberId: string, turn: Turn): void {
    const list = [...(this.turns.get(memberId) ?? []), { turn, at: this.now() }].slice(-KEEP);
    this.turns.set(memberId, list);
    if (this.turns.size > 10_000) this.turns.delete(this.turns.keys().next().value!); // oldest member first
  }

  recent(memberId: string): Turn[] {
    return (this.turns.get(memberId) ?? []).filter((t) => this.now() - t.at < MAX_AGE_MS).map((t) => t.turn);
  }
}
