// A WeCom group robot (群机器人) webhook: push-only, for posting reminders into a unit's group.
// Each robot takes 20 messages a minute; sends queue behind each other, in order, under that.
import { DEFAULT_RETRY, RetryableError, SlidingWindowLimiter, realTiming, splitText, withRetry, type RetryPolicy, type Timing } from "../delivery.js";
import { silentLog, type Log } from "../../log.js";
import { z } from "zod";
import { errorMessage } from "../../domain/text.js";

const RobotAnswer = z.object({ errcode: z.number().optional(), errmsg: z.string().optional() });
import { MARKDOWN_MAX_BYTES, TEXT_MAX_BYTES, WeComApiError, check } from "./api.js";

export interface GroupRobotOptions {
  baseUrl: string;
  key: string;
  timing?: Timing;
  retry?: RetryPolicy;
  timeoutMs?: number;
  log?: Log;
}

const ROBOT_PER_MINUTE = 20;
/** 130101: this robot sent more than 20 messages in the last minute */
const ROBOT_LIMITED = 130101;

export class GroupRobot {
  private readonly timing: Timing;
  private readonly limiter: SlidingWindowLimiter;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: GroupRobotOptions) {
    this.timing = opts.timing ?? realTiming;
    this.limiter = new SlidingWindowLimiter(ROBOT_PER_MINUTE, 60_000, this.timing);
  }

  /** Text with @-mentions of WeCom UserIds ("@all" for everyone). */
  sendText(content: string, mentions: string[] = []): Promise<void> {
    const pieces = splitText(content, TEXT_MAX_BYTES);
    return this.enqueue(pieces.map((piece, n) => ({ msgtype: "text", text: { content: piece, ...(n === 0 && mentions.length ? { mentioned_list: mentions } : {}) } })));
  }

  /** Markdown has no mentioned_list: mentions are written into the content as <@userid>. */
  sendMarkdown(content: string, mentions: string[] = []): Promise<void> {
    const withMentions = mentions.length ? `${content}\n${mentions.map((m) => `<@${m}>`).join(" ")}` : content;
    return this.enqueue(splitText(withMentions, MARKDOWN_MAX_BYTES).map((piece) => ({ msgtype: "markdown", markdown: { content: piece } })));
  }

  private enqueue(messages: object[]): Promise<void> {
    const run = this.queue.then(async () => {
      for (const m of messages) await this.post(m);
    });
    this.queue = run.catch(() => undefined); // one failed send must not block the queue
    return run;
  }

  private async post(message: object): Promise<void> {
    await withRetry(
      async () => {
        await this.limiter.take(this.opts.key);
        let res: Response;
        try {
          res = await fetch(`${this.opts.baseUrl}/cgi-bin/webhook/send?key=${encodeURIComponent(this.opts.key)}`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(message),
            signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
          });
        } catch (e) {
          throw new RetryableError(`network: ${errorMessage(e)}`);
        }
        if (res.status >= 500) throw new RetryableError(`HTTP ${res.status}`);
        const answer = RobotAnswer.safeParse(await res.json().catch(() => undefined)).data ?? { errcode: -1 };
        if (answer.errcode === ROBOT_LIMITED) throw new RetryableError("robot limit", 60_000);
        check(answer);
      },
      this.opts.retry ?? DEFAULT_RETRY,
      this.timing,
      (error, attempt, delayMs) => (this.opts.log ?? silentLog).warn({ attempt, delayMs, err: error.message }, "wecom robot send failed, retrying"),
    );
  }
}

export { WeComApiError };
