// A stand-in for WeCom's servers (gettoken, message/send, user/get, webhook/send), and a client that
// encrypts and signs callbacks exactly as WeCom does, with @wecom/crypto.
import { randomBytes } from "node:crypto";
import { decrypt, encrypt, getSignature } from "@wecom/crypto";
import { HttpFake, RawAnswer } from "./http-fake.js";

export const CORP_ID = "ww0123456789abcdef";
export const TOKEN = "wecomtoken123";
export const AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
export const AIBOT_TOKEN = "aibottoken456";
export const AIBOT_AES_KEY = "ZYXWVUTSRQPONMLKJIHGFEDCBAzyxwvutsrqponmlkj";

/** A file a member sent, as media/get serves it: its name goes in Content-Disposition (none: no header). */
export interface Media {
  name?: string;
  data: Buffer;
}

/**
 * `directory`: the names user/get answers, by UserId; anyone else is "userid not found".
 * `media`: the files media/get serves, by MediaId; any other is "invalid media_id" (40007).
 */
export function fakeWeCom(directory: Record<string, string> = {}, media = new Map<string, Media>()): HttpFake {
  let tokens = 0;
  return new HttpFake()
    .route("/cgi-bin/gettoken", () => ({ errcode: 0, errmsg: "ok", access_token: `token-${++tokens}`, expires_in: 7200 }))
    .route("/cgi-bin/message/send", () => ({ errcode: 0, errmsg: "ok", invaliduser: "" }))
    .route("/cgi-bin/user/get", (r) => {
      const userid = r.query.get("userid") ?? "";
      const name = directory[userid];
      return name ? { errcode: 0, errmsg: "ok", userid, name } : { errcode: 60111, errmsg: "invalid userid" };
    })
    .route("/cgi-bin/webhook/send", () => ({ errcode: 0, errmsg: "ok" }))
    .route("/cgi-bin/media/get", (r) => {
      const file = media.get(r.query.get("media_id") ?? "");
      if (!file) return { errcode: 40007, errmsg: "invalid media_id" };
      // the name percent-encoded in the quoted filename: a header keeps to ASCII (Node's fetch
      // refuses raw UTF-8 bytes in one); the documented example is filename="MEDIA_ID.jpg"
      return new RawAnswer(file.data, file.name ? { "content-disposition": `attachment; filename="${encodeURIComponent(file.name)}"` } : {});
    })
    .route("/cgi-bin/media/upload", (r) => ({ errcode: 0, errmsg: "ok", type: r.query.get("type"), media_id: `media-${r.at}`, created_at: "0" }));
}

export interface CallbackParams {
  msg_signature: string;
  timestamp: string;
  nonce: string;
}

/** Encrypts and signs as WeCom does; `at` (seconds) lets a test replay an old timestamp. */
export function sign(token: string, aesKey: string, receiveId: string, message: string, at = Math.floor(Date.now() / 1000)) {
  const encrypted = encrypt(aesKey, message, receiveId);
  const timestamp = String(at);
  const nonce = randomBytes(6).toString("hex");
  return { encrypted, params: { msg_signature: getSignature(token, timestamp, nonce, encrypted), timestamp, nonce } };
}

export function textXml(user: string, content: string, msgId: string, type = "text"): string {
  return `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><FromUserName><![CDATA[${user}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[${type}]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId><AgentID>1000002</AgentID></xml>`;
}

/** A file message (MsgType=file) of the self-built app; `fileName` only where a test wants it in the XML. */
export function fileXml(user: string, mediaId: string, msgId: string, fileName?: string): string {
  const name = fileName === undefined ? "" : `<FileName><![CDATA[${fileName}]]></FileName>`;
  return `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><FromUserName><![CDATA[${user}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[file]]></MsgType><MediaId><![CDATA[${mediaId}]]></MediaId>${name}<MsgId>${msgId}</MsgId><AgentID>1000002</AgentID></xml>`;
}

export function eventXml(user: string, event: string): string {
  return `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><FromUserName><![CDATA[${user}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[${event}]]></Event><AgentID>1000002</AgentID></xml>`;
}

/** Posts a callback to the service as WeCom would and opens the passive reply, if any. */
export async function postCallback(url: string, inner: string, opts: { at?: number; forge?: boolean; corpId?: string } = {}) {
  const { encrypted, params } = sign(TOKEN, AES_KEY, opts.corpId ?? CORP_ID, inner, opts.at);
  if (opts.forge) params.msg_signature = "0".repeat(40);
  const body = `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><AgentID><![CDATA[1000002]]></AgentID><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`;
  const res = await fetch(`${url}?${new URLSearchParams({ ...params })}`, { method: "POST", headers: { "content-type": "text/xml" }, body });
  const text = await res.text();
  return { status: res.status, text, reply: openReply(text) };
}

/** The Content of an encrypted passive reply, after checking its signature. */
export function openReply(body: string): string | undefined {
  const enc = /<Encrypt><!\[CDATA\[(.*?)\]\]><\/Encrypt>/.exec(body)?.[1];
  if (!enc) return undefined;
  const sig = /<MsgSignature><!\[CDATA\[(.*?)\]\]>/.exec(body)?.[1];
  const ts = /<TimeStamp>(\d+)<\/TimeStamp>/.exec(body)?.[1];
  const nonce = /<Nonce><!\[CDATA\[(.*?)\]\]>/.exec(body)?.[1];
  if (getSignature(TOKEN, ts!, nonce!, enc) !== sig) throw new Error("reply signature does not verify");
  const { message, id } = decrypt(AES_KEY, enc);
  if (id !== CORP_ID) throw new Error("reply encrypted for another corp");
  return /<Content><!\[CDATA\[([\s\S]*?)\]\]><\/Content>/.exec(message)?.[1];
}
