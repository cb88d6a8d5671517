// WeCom's callback envelope: a SHA1 signature over (token, timestamp, nonce, ciphertext) and
// AES-256-CBC with the receiver's id appended. @wecom/crypto does the maths; checking the
// signature, the receiver and the timestamp is ours (its decrypt checks neither).
import { decrypt, encrypt, getSignature } from "@wecom/crypto";
import { sameSecret } from "../../domain/secret.js";

export interface EnvelopeKeys {
  token: string;
  aesKey: string;
  /** the CorpID for a self-built app; "" for an internal 智能机器人 */
  receiveId: string;
}

export interface Signed {
  signature: string;
  timestamp: string;
  nonce: string;
  encrypted: string;
}

export type Opened = { ok: true; message: string } | { ok: false; status: 401 | 403 | 400; reason: string };

/** WeCom retries within seconds; anything older than this is a replay. */
export const MAX_CLOCK_SKEW_S = 300;

export function open(keys: EnvelopeKeys, s: Signed, nowMs: number): Opened {
  const expected = getSignature(keys.token, s.timestamp, s.nonce, s.encrypted);
  if (!sameSecret(expected, s.signature)) return { ok: false, status: 401, reason: "bad signature" };
  const ts = Number(s.timestamp);
  if (!Number.isFinite(ts) || Math.abs(nowMs / 1000 - ts) > MAX_CLOCK_SKEW_S) return { ok: false, status: 403, reason: "stale timestamp" };
  let opened: { message: string; id: string };
  try {
    opened = decrypt(keys.aesKey, s.encrypted);
  } catch {
    return { ok: false, status: 400, reason: "cannot decrypt" };
  }
  if (opened.id !== keys.receiveId) return { ok: false, status: 401, reason: "wrong receiver" };
  return { ok: true, message: opened.message };
}

/** Encrypts and signs a reply; returns the pieces each wire format arranges its own way. */
export function seal(keys: EnvelopeKeys, message: string, nowMs: number, nonce: string): Signed {
  const encrypted = encrypt(keys.aesKey, message, keys.receiveId);
  const timestamp = String(Math.floor(nowMs / 1000));
  return { encrypted, timestamp, nonce, signature: getSignature(keys.token, timestamp, nonce, encrypted) };
}

