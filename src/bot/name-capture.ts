// Names members from their chat channel when nobody has named them yet. A name the message
// carries (Telegram's profile) is stored at once, so the reply can already use it; a channel
// whose messages carry none (WeCom) may offer a directory, asked once per member and process in
// the background, so no reply waits for it and a failed lookup costs only a debug line. A name
// someone set (an admin, or the member) is never replaced: the write only fills an empty name.
import type { Log } from "../log.js";
import { personNameOrNothing } from "../domain/person-name.js";
import type { MemberInfo, MemberStore } from "../store/member-store.js";

/** The name a channel's directory holds for an account (the member id after "wecom:"). */
export type NameDirectory = (account: string) => Promise<string | undefined>;

export class NameCapture {
  private readonly directories = new Map<string, NameDirectory>();
  private readonly asked = new Set<string>();

  constructor(
    private readonly members: MemberStore,
    private readonly log: Pick<Log, "debug">,
  ) {}

  /** `channel` is the member ids' prefix ("wecom"); the channel registers it when its API is configured. */
  addDirectory(channel: string, directory: NameDirectory): void {
    this.directories.set(channel, directory);
  }

  /**
   * The name to use for a stored member in this turn: its own, the channel's if it had none
   * (then stored), or none while a directory lookup runs on.
   */
  async learn(stored: MemberInfo, given: string | undefined): Promise<string | null> {
    if (stored.name) return stored.name;
    const name = personNameOrNothing(given);
    if (name) return (await this.members.nameIfUnset(stored.id, name)) ? name : null;
    this.lookUp(stored.id);
    return null;
  }

  private lookUp(memberId: string): void {
    const colon = memberId.indexOf(":");
    const account = memberId.slice(colon + 1);
    const directory = this.directories.get(memberId.slice(0, colon));
    if (!directory || this.asked.has(memberId)) return;
    this.asked.add(memberId);
    void (async () => {
      const name = personNameOrNothing(await directory(account));
      // a directory that hides names answers with the account itself: that is no name
      if (name && name !== account) await this.members.nameIfUnset(memberId, name);
    })().catch((e: unknown) => this.log.debug({ member: memberId, err: String(e) }, "member name lookup failed"));
  }
}
