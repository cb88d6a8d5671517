// The WeCom server API for a self-built app: gettoken, message/send, user/get (a member's
// name) and media/get (a file a member sent). The token is cached until shortly before it expires and fetched once more when a call
// says it is invalid or expired; busy and frequency-limit answers are retried with backoff; each
// member gets at most 30 messages a minute from the app (WeCom silently drops the excess); long
// texts are split within WeCom's byte limits.
import { RetryableError, SlidingWindowLimiter, splitText, withRetry, DEFAULT_RETRY, realTiming, type RetryPolicy, type Timing } from "../delivery.js";
import { silentLog, type Log } from "../../log.js";
import { z } from "zod";
import { errorMessage } from "../../domain/text.js";
import { FileTooLarge, readCapped, type Downloaded } from "../attachment-text.js";

export interface WeComApiOptions {
  baseUrl: string;
  corpId: string;
  secret: string;
  agentId: number;
  timing?: Timing;
  retry?: RetryPolicy;
  /** a call that hangs longer than this is abandoned and retried */
  timeoutMs?: number;
  log?: Log;
}

const TOKEN_INVALID = new Set([40014, 42001]);
/** -1 system busy; 45009 API frequency; 45011 per-minute frequency; 45033 concurrency */
const TRY_LATER = new Set([-1, 45009, 45011, 45033]);
export const TEXT_MAX_BYTES = 2048;
export const MARKDOWN_MAX_BYTES = 4096;
const PER_MEMBER_PER_MINUTE = 30;

/** Every answer of the WeCom API: the fields we read, checked; the rest kept as it came. */
const WeComAnswer = z.looseObject({
  errcode: z.number().optional(),
  errmsg: z.string().optional(),
  access_token: z.string().optional(),
  expires_in: z.number().optional(),
  name: z.unknown().optional(),
  media_id: z.string().optional(),
});
type WeComAnswer = z.infer<typeof WeComAnswer>;

export class WeComApiError extends Error {
  constructor(
    readonly errcode: number,
    errmsg: string,
  ) {
    super(`WeCom errcode ${errcode}: ${errmsg}`);
  }
}

export class WeComApi {
  private token?: { value: string; expiresAt: number };
  private pendingToken?: Promise<string>;
  private readonly timing: Timing;
  private readonly perMember: SlidingWindowLimiter;
  private readonly log: Log;

  constructor(private readonly opts: WeComApiOptions) {
    this.timing = opts.timing ?? realTiming;
    this.perMember = new SlidingWindowLimiter(PER_MEMBER_PER_MINUTE, 60_000, this.timing);
    this.log = opts.log ?? silentLog;
  }

  async sendText(users: string[], content: string): Promise<void> {
    for (const piece of splitText(content, TEXT_MAX_BYTES)) {
      await this.send(users, { msgtype: "text", text: { content: piece } });
    }
  }

  async sendMarkdown(users: string[], content: string): Promise<void> {
    for (const piece of splitText(content, MARKDOWN_MAX_BYTES)) {
      await this.send(users, { msgtype: "markdown", markdown: { content: piece } });
    }
  }

  async sendImage(users: string[], name: string, png: Buffer): Promise<void> {
    const mediaId = await this.upload("image", name, png, "image/png");
    await this.send(users, { msgtype: "image", image: { media_id: mediaId } });
  }

  async sendFile(users: string[], name: string, data: Buffer): Promise<void> {
    const mediaId = await this.upload("file", name, data, "application/octet-stream");
    await this.send(users, { msgtype: "file", file: { media_id: mediaId } });
  }

  /** user/get: the name the corp's directory holds for a UserId (absent when the app may not read it). */
  async userName(userid: string): Promise<string | undefined> {
    const answer = await this.withToken("/cgi-bin/user/get", (token) =>
      this.request(`${this.opts.baseUrl}/cgi-bin/user/get?access_token=${encodeURIComponent(token)}&userid=${encodeURIComponent(userid)}`, { method: "GET" }),
    );
    const name = answer.name;
    return typeof name === "string" ? name : undefined;
  }

  /**
   * media/get: a file a member sent (its MediaId lasts three days), read up to `maxBytes` (past it:
   * FileTooLarge). The file comes as the body with its name in Content-Disposition; an error comes
   * as a JSON answer instead (errcode 40007: invalid media_id), checked like any other call.
   */
  async download(mediaId: string, maxBytes: number): Promise<Downloaded> {
    let file: Downloaded | undefined;
    await this.withToken("/cgi-bin/media/get", async (token) => {
      const res = await this.fetchChecked(`${this.opts.baseUrl}/cgi-bin/media/get?access_token=${encodeURIComponent(token)}&media_id=${encodeURIComponent(mediaId)}`, { method: "GET" });
      const disposition = res.headers.get("content-disposition");
      let data: Buffer;
      try {
        data = await readCapped(res, maxBytes);
      } catch (e) {
        if (e instanceof FileTooLarge) throw e;
        throw new RetryableError(`network: ${errorMessage(e)}`);
      }
      if (!disposition) {
        const answer = answerIn(data);
        if (answer) return answer;
      }
      const name = disposition ? fileNameOf(disposition) : undefined;
      file = { data, ...(name ? { name } : {}) };
      return {};
    });
    if (!file) throw new WeComApiError(-4, "media/get answered without a file");
    return file;
  }

  /** media/upload: a temporary file (three days) to send by its media_id. */
  private async upload(type: "image" | "file", name: string, data: Buffer, mime: string): Promise<string> {
    const answer = await this.withToken("/cgi-bin/media/upload", (token) => {
      const form = new FormData();
      form.append("media", new Blob([new Uint8Array(data)], { type: mime }), name);
      return this.request(`${this.opts.baseUrl}/cgi-bin/media/upload?access_token=${encodeURIComponent(token)}&type=${type}`, { method: "POST", body: form });
    });
    const mediaId = answer.media_id;
    if (!mediaId) throw new WeComApiError(-3, "media/upload answered without a media_id");
    return mediaId;
  }

  private async send(users: string[], message: object): Promise<void> {
    for (const u of users) await this.perMember.take(u);
    await this.call("/cgi-bin/message/send", { touser: users.join("|"), agentid: this.opts.agentId, ...message });
  }

  /** POSTs JSON with the access token. */
  private call(path: string, body: object): Promise<WeComAnswer> {
    return this.withToken(path, (token) => this.post(path, token, body));
  }

  /**
   * Runs a call with the access token, fetching a new token once if WeCom says it is invalid
   * or expired, and retrying busy and frequency-limit answers with backoff.
   */
  private withToken(what: string, send: (token: string) => Promise<WeComAnswer>): Promise<WeComAnswer> {
    return withRetry(
      async () => {
        let answer = await send(await this.accessToken());
        if (answer.errcode && TOKEN_INVALID.has(answer.errcode)) {
          this.token = undefined;
          answer = await send(await this.accessToken());
        }
        return check(answer);
      },
      this.opts.retry ?? DEFAULT_RETRY,
      this.timing,
      (error, attempt, delayMs) => this.log.warn({ what, attempt, delayMs, err: error.message }, "wecom call failed, retrying"),
    );
  }

  async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > this.timing.now()) return this.token.value;
    // concurrent senders share one gettoken
    this.pendingToken ??= this.fetchToken().finally(() => (this.pendingToken = undefined));
    return this.pendingToken;
  }

  private async fetchToken(): Promise<string> {
    const url = `${this.opts.baseUrl}/cgi-bin/gettoken?corpid=${encodeURIComponent(this.opts.corpId)}&corpsecret=${encodeURIComponent(this.opts.secret)}`;
    const answer = check(await this.request(url, { method: "GET" }));
    if (!answer.access_token) throw new WeComApiError(-2, "gettoken answered without a token");
    // refresh five minutes early so a token never expires between check and use
    const lifetime = Math.max(60, (answer.expires_in ?? 7200) - 300) * 1000;
    this.token = { value: answer.access_token, expiresAt: this.timing.now() + lifetime };
    return answer.access_token;
  }

  private post(path: string, token: string, body: object): Promise<WeComAnswer> {
    return this.request(`${this.opts.baseUrl}${path}?access_token=${encodeURIComponent(token)}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  }

  /** A response with a success status; network failures, 5xx and 429 are worth another try. */
  private async fetchChecked(url: string, init: RequestInit): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(url, { ...init, signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000) });
    } catch (e) {
      throw new RetryableError(`network: ${errorMessage(e)}`);
    }
    if (res.status >= 500 || res.status === 429) throw new RetryableError(`HTTP ${res.status}`);
    if (!res.ok) throw new WeComApiError(-res.status, `HTTP ${res.status}`);
    return res;
  }

  private async request(url: string, init: RequestInit): Promise<WeComAnswer> {
    const res = await this.fetchChecked(url, init);
    try {
      const answer = WeComAnswer.safeParse(await res.json());
      if (answer.success) return answer.data;
    } catch {
      // not JSON: below
    }
    throw new RetryableError("answer is not a WeCom JSON answer");
  }
}

/** A body that is a WeCom JSON answer with an errcode (media/get's error), else undefined. */
function answerIn(data: Buffer): WeComAnswer | undefined {
  if (data.length > 4096 || data[0] !== 0x7b) return undefined; // "{"
  try {
    const answer = WeComAnswer.safeParse(JSON.parse(data.toString("utf8")));
    return answer.success && answer.data.errcode !== undefined ? answer.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The file name of a Content-Disposition header: RFC 5987's filename*=UTF-8''… first, else
 * filename="…"; either percent-encoded when the name is not ASCII (a header keeps to ASCII).
 */
export function fileNameOf(disposition: string): string | undefined {
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/.exec(disposition);
  const raw = extended ?? plain?.[1] ?? plain?.[2]?.trim();
  if (!raw) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Throws for a non-zero errcode: retryable when WeCom asks to try later. */
export function check(answer: WeComAnswer): WeComAnswer {
  const code = answer.errcode ?? 0;
  if (code === 0) return answer;
  if (TRY_LATER.has(code)) throw new RetryableError(`WeCom errcode ${code}: ${answer.errmsg ?? ""}`);
  throw new WeComApiError(code, answer.errmsg ?? "");
}
