// Where a reminder goes, by recipient: a WeCom member through the app message API, a unit's
// group through its robot, a Telegram user by chat. Recipients no channel can reach (api:
// members, or a channel not configured) are written to the log and the database only.
import type { Channels } from "../channels/mount.js";
import type { Log } from "../channels/log.js";
import type { Outgoing } from "./plan.js";

export type Delivery = "sent" | "logged";
export type Deliver = (o: Outgoing) => Promise<Delivery>;

export function channelSink(channels: Pick<Channels, "wecomApi" | "robots" | "telegram">, log: Log): Deliver {
  return async (o) => {
    const [prefix, id = ""] = splitRecipient(o.recipient);
    if (prefix === "wecom" && channels.wecomApi) {
      await channels.wecomApi.sendText([id], o.text);
      return "sent";
    }
    const robot = prefix === "robot" ? channels.robots.get(id) : undefined;
    if (robot) {
      await robot.sendText(o.text, o.mentions ?? []);
      return "sent";
    }
    if (prefix === "telegram" && channels.telegram && /^-?\d+$/.test(id)) {
      await channels.telegram.sendTo(Number(id), o.text);
      return "sent";
    }
    log.info({ recipient: o.recipient, kind: o.kind, period: o.period, text: o.text }, "reminder logged: no channel reaches this recipient");
    return "logged";
  };
}

function splitRecipient(r: string): [string, string] {
  const at = r.indexOf(":");
  return at < 0 ? [r, ""] : [r.slice(0, at), r.slice(at + 1)];
}
