// A 工作亮点 article sent as a file (.docx or .txt) made into the text a member could have typed:
// `亮点：<title>\n<paragraph>\n<paragraph>…`. Channels download the file; this module decides
// whether it is a 亮点 at all, whether it may be read, and reads it. Every refusal is one
// sentence the member gets instead of an answer from the bot (nothing reaches the bot, nothing is
// stored but the reply).
import { createRequire } from "node:module";
import type * as Mammoth from "mammoth";
import type { z } from "zod";
import { cleanText, errorMessage } from "../domain/text.js";
import type { Resolved } from "./answer-once.js";

/**
 * The largest file read. A 亮点 is one to three pages of text: a few KB as .txt, some tens of KB
 * as .docx; only pictures make a Word file larger, and we read no pictures. The whole file is held
 * in memory while the member waits (WeCom's 5 s window), so a bigger one is refused, not read.
 */
export const ATTACHMENT_MAX_BYTES = 2 * 1024 * 1024;
/** The longest article handed on: a 专报's 亮点 runs to 300–1500 characters; a book is a mistake. */
export const HIGHLIGHT_MAX_CHARS = 10_000;

export const NOT_HIGHLIGHT_REPLY = "文件名或说明里没有“亮点”二字，请改名为“XX亮点.docx”后重发，或直接发送“亮点：标题⏎正文”。";
export const UNSUPPORTED_REPLY = "只收 .docx 或 .txt 格式的亮点文件，请另存为 .docx 后再发送。";
export const TOO_LARGE_REPLY = `亮点文件超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB，请删去图片后另存为 .docx 或 .txt 再发送。`;
export const TOO_LONG_REPLY = `亮点正文超过 ${HIGHLIGHT_MAX_CHARS} 字，请精简后再发送。`;
export const DOWNLOAD_FAILED_REPLY = "亮点文件没能下载下来，请稍后重新发送，或直接发送“亮点：标题⏎正文”。";
export const UNREADABLE_REPLY = "亮点文件打不开，请用 Word 另存为 .docx（或另存为 .txt）后重新发送。";
export const EMPTY_REPLY = "亮点文件里没有文字，请写好标题和正文后重新发送。";

/** A file as a channel announces it; the name may only be known once it is downloaded (WeCom). */
export interface FileNotice {
  name?: string;
  /** what the sender typed beside the file (Telegram's caption) */
  caption?: string;
  /** bytes, when the channel says so before the download (Telegram) */
  size?: number;
}

export interface Downloaded {
  data: Buffer;
  /** the name the download carries (WeCom's Content-Disposition) */
  name?: string;
}

/** The download found the file larger than allowed; it stopped reading. */
export class FileTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`file larger than ${limit} bytes`);
  }
}

const SUPPORTED = new Set([".docx", ".txt"]);

export function extensionOf(name: string): string {
  const m = /\.[^./\\]+$/.exec(name.trim());
  return m ? m[0].toLowerCase() : "";
}

/** A file is a 亮点 when its caption or its name says so: members send other files too. */
export function isHighlight(f: FileNotice): boolean {
  return `${f.caption ?? ""}${f.name ?? ""}`.includes("亮点");
}

/** The refusal for what is known of the file, if any; none means: download it and read it. */
function refusal(f: FileNotice): string | undefined {
  if (!isHighlight(f)) return NOT_HIGHLIGHT_REPLY;
  if (f.name !== undefined && !SUPPORTED.has(extensionOf(f.name))) return UNSUPPORTED_REPLY;
  if (f.size !== undefined && f.size > ATTACHMENT_MAX_BYTES) return TOO_LARGE_REPLY;
  return undefined;
}

/**
 * A file message as the bot should see it: the refusals that need no download first; then the
 * download (once: the inbox runs this under its claim of the message), the checks again with the
 * name the download carried, and the text read out of it.
 */
export async function highlightFromFile(notice: FileNotice, download: () => Promise<Downloaded>, onError: (err: string) => void): Promise<Resolved> {
  const early = refusal(notice);
  // a file whose name comes with the download (WeCom) is judged a 亮点 or not once it is known
  if (early && !(notice.name === undefined && early === NOT_HIGHLIGHT_REPLY)) return { reply: early };
  let file: Downloaded;
  try {
    file = await download();
  } catch (e) {
    if (e instanceof FileTooLarge) return { reply: TOO_LARGE_REPLY };
    onError(errorMessage(e));
    return { reply: DOWNLOAD_FAILED_REPLY };
  }
  const name = cleanText(notice.name ?? file.name ?? "").trim();
  const late = refusal({ ...notice, name, size: file.data.length });
  if (late) return { reply: late };
  let text: string;
  try {
    text = await textOf(name, file.data);
  } catch (e) {
    onError(errorMessage(e));
    return { reply: UNREADABLE_REPLY };
  }
  const made = highlightText(text);
  if ("reply" in made) return made;
  return { text: made.text, attachment: { name } };
}

/** A channel's file reference as the inbox stored it (JSON), or undefined if it is not one. */
export function storedReference<T extends z.ZodType>(schema: T, stored: string): z.infer<T> | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The text of a .docx or .txt file. */
export async function textOf(name: string, data: Buffer): Promise<string> {
  if (extensionOf(name) === ".docx") return (await mammoth().extractRawText({ buffer: data })).value;
  return decodeText(data);
}

/**
 * A text file's characters: UTF-8 (its BOM dropped); UTF-16 when it starts with that BOM (Notepad's
 * "Unicode"); otherwise GB18030, since Chinese Windows saves "ANSI" text as GBK, which GB18030
 * contains, and such bytes are seldom valid UTF-8.
 */
export function decodeText(data: Uint8Array): string {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder("utf-16le").decode(data);
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder("utf-16be").decode(data);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    return new TextDecoder("gb18030").decode(data);
  }
}

/**
 * `亮点：<title>\n<paragraphs>`: the first non-empty line is the title, every further non-empty
 * line a paragraph. A title that already starts with 亮点： (or 工作亮点：) keeps one prefix.
 */
export function highlightText(raw: string): { text: string } | { reply: string } {
  const lines = cleanText(raw)
    .split("\n")
    .map((l) => l.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ""))
    .filter(Boolean);
  const first = lines.shift()?.replace(/^(?:工作)?亮点\s*[:：]\s*/, "");
  if (first === "") return highlightText(lines.join("\n"));
  if (first === undefined) return { reply: EMPTY_REPLY };
  const text = [`亮点：${first}`, ...lines].join("\n");
  if (text.length > HIGHLIGHT_MAX_CHARS) return { reply: TOO_LONG_REPLY };
  return { text };
}

/**
 * Reads a response body, stopping (and throwing FileTooLarge) past `limit` bytes: a Content-Length
 * is not to be trusted, and a server that sends more than it said must not fill the memory.
 */
export async function readCapped(res: Response, limit: number): Promise<Buffer> {
  const declared = Number(res.headers.get("content-length") ?? NaN);
  if (declared > limit) {
    await res.body?.cancel().catch(() => undefined);
    throw new FileTooLarge(limit);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (!res.body) return Buffer.alloc(0);
  for await (const chunk of res.body) {
    size += chunk.length;
    // leaving the loop by a throw cancels the stream: nothing more is read
    if (size > limit) throw new FileTooLarge(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

// mammoth (its zip and XML readers) is loaded at the first Word file, not at start-up: most
// processes never read one. Synchronously, as report/docx.ts loads docx.
const require = createRequire(import.meta.url);
let loaded: typeof Mammoth | undefined;
const mammoth = (): typeof Mammoth => (loaded ??= require("mammoth"));
