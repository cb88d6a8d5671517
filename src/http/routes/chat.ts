// POST /api/chat: a machine talks to the bot as any api: member (the CLI, integrations, tests).
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Bot } from "../../bot/bot.js";
import { cleanString } from "../../domain/text.js";
import { parseBody } from "../bodies.js";

// every text is cleaned first (src/domain/text.ts): NUL and other control bytes dropped, a lone
// surrogate replaced; PostgreSQL would refuse them, and they mean nothing to the bot
const ChatBody = z.object({
  user: cleanString(z.string({ error: "缺少 user（发消息的人，字符串）" }).trim().min(1, "user 不能为空").max(64, "user 最长 64 个字符").regex(/^[^\s:]+$/, "user 不能含空格或冒号")),
  text: cleanString(z.string({ error: "缺少 text（消息内容，字符串）" }).max(20_000, "text 最长 20000 个字符")),
});

export async function chatRoutes(api: FastifyInstance, opts: { bot: Bot }): Promise<void> {
  api.post("/api/chat", async (req, reply) => {
    const body = parseBody(ChatBody, req.body, reply);
    if (!body) return;
    const r = await opts.bot.reply({ memberId: `api:${body.user}`, channel: "api", text: body.text });
    // attachments ride along base64-encoded; {"reply"} stays the contract for text
    return {
      reply: r.text,
      ...(r.image ? { image: { name: r.image.name, png: r.image.png.toString("base64") } } : {}),
      ...(r.file ? { file: { name: r.file.name, data: r.file.data.toString("base64") } } : {}),
    };
  });
}
