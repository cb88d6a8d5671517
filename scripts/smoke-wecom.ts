// `npm run smoke:wecom`: the encrypted WeCom round trip against a local stand-in of WeCom's
// servers, so an operator can see the channel work without a real corp. Starts the real
// service (bin/duban.js start, fresh embedded database), then plays WeCom: URL verification,
// a question, a report held for 确认, the confirmation, a retry of the same MsgId, undo, a forged
// signature and a replayed timestamp.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { AES_KEY, AIBOT_AES_KEY, AIBOT_TOKEN, CORP_ID, TOKEN, fakeWeCom, postCallback, sign, textXml } from "../test/fakes/wecom.js";
import { startServiceProcess } from "./service-process.js";

let failures = 0;
function step(ok: boolean, what: string, detail = "") {
  if (!ok) failures++;
  console.log(`${ok ? "✓" : "✗"} ${what}${detail ? `\n    ${detail.replace(/\n/g, "\n    ")}` : ""}`);
}

async function main() {
  const fake = await fakeWeCom().start();
  const dir = await mkdtemp(path.join(tmpdir(), "duban-smoke-"));
  const token = randomBytes(16).toString("hex");
  const svc = await startServiceProcess({
    DUBAN_DATA_DIR: dir, DUBAN_API_TOKEN: token, DUBAN_TODAY: "2025-04-20", DUBAN_ADMINS: "wecom:zhuanban",
    WECOM_CORP_ID: CORP_ID, WECOM_TOKEN: TOKEN, WECOM_AES_KEY: AES_KEY, WECOM_SECRET: "smoke-secret", WECOM_AGENT_ID: "1000002",
    WECOM_API_BASE: fake.url, WECOM_AIBOT_TOKEN: AIBOT_TOKEN, WECOM_AIBOT_AES_KEY: AIBOT_AES_KEY,
  });
  const cb = `${svc.url}/wecom/callback`;
  console.log(`service ${svc.url}, fake WeCom ${fake.url}\n`);
  try {
    const { encrypted, params } = sign(TOKEN, AES_KEY, CORP_ID, "smoke-echo");
    const verify = await fetch(`${cb}?${new URLSearchParams({ ...params, echostr: encrypted })}`);
    step(verify.status === 200 && (await verify.text()) === "smoke-echo", "URL verification answers the decrypted echostr");

    const q = await postCallback(cb, textXml("zhuanban", "就业困难人员进度多少", "7300000000000000001"));
    step(q.reply?.includes("93.67%") === true, "a question gets an encrypted passive reply", q.reply);

    const held = await postCallback(cb, textXml("zhuanban", "创业培训 100 人", "7300000000000000002"));
    step(held.reply?.includes("确认") === true, "a suspicious report is held for 确认", held.reply);
    const ok = await postCallback(cb, textXml("zhuanban", "确认", "7300000000000000003"));
    step(ok.reply?.includes("已更新") === true, "确认 applies it", ok.reply);
    const again = await postCallback(cb, textXml("zhuanban", "确认", "7300000000000000003"));
    step(again.reply === ok.reply, "WeCom's retry of the same MsgId gets the same answer, applied once");
    const undo = await postCallback(cb, textXml("zhuanban", "撤销", "7300000000000000004"));
    step(undo.reply?.includes("已撤销") === true, "撤销 undoes it", undo.reply);

    const forged = await postCallback(cb, textXml("zhuanban", "城镇新增就业 9999 人", "7300000000000000005"), { forge: true });
    step(forged.status === 401, "a forged signature is refused with 401");
    const stale = await postCallback(cb, textXml("zhuanban", "城镇新增就业 9999 人", "7300000000000000006"), { at: Math.floor(Date.now() / 1000) - 3600 });
    step(stale.status === 403, "a replayed (hour-old) timestamp is refused with 403");
  } finally {
    await svc.stop();
    await fake.stop();
    await rm(dir, { recursive: true, force: true });
  }
  console.log(`\nsmoke:wecom: ${failures === 0 ? "all steps passed" : `${failures} step(s) failed`}`);
  process.exit(failures === 0 ? 0 : 1);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
