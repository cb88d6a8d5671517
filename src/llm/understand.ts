// The optional LLM fallback, through the openai SDK so any OpenAI-compatible service works
// (DeepSeek, Qwen/DashScope, GLM, vLLM, Ollama). Structured output is validated with zod;
// a server without json_schema gets tool calling, and one without tools gets json_object, each
// detected once. A few seconds' timeout and one retry keep it inside WeCom's window; a circuit
// breaker stops calling a failing service for a while; a daily token budget caps the spend.
import { readFileSync } from "node:fs";
import OpenAI, { APIError } from "openai";
import { zodFunction, zodResponseFormat } from "openai/helpers/zod";
import type { Log } from "../log.js";
import type { Intent } from "../nlu/intent.js";
import { errorMessage } from "../domain/text.js";
import { intentFromModel, modelSchema, type ModelAnswer, type Shortlist } from "../nlu/model-intent.js";
import { shanghaiDate } from "../shanghai.js";

export interface ModelConfig {
  baseURL: string;
  apiKey: string;
  model: string;
  timeoutMs: number;
  dailyTokens: number;
  /** consecutive failures that open the circuit, and how long it stays open */
  failureThreshold: number;
  cooldownMs: number;
}

export interface Turn {
  text: string;
  /** what it was understood as: "query urban-jobs", "report hard-to-employ" */
  understood: string;
}

export interface Understood {
  intent?: Intent;
  /** said to the user when the model could not be asked */
  note?: string;
}

type Mode = "json_schema" | "tools" | "json_object";

const PROMPTS = new URL("../../prompts/", import.meta.url);

export class ModelUnderstanding {
  private readonly client: OpenAI;
  private mode: Mode = "json_schema";
  private failures = 0;
  private openUntil = 0;
  private spent = { day: "", tokens: 0 };
  private readonly system: string;

  constructor(
    private readonly cfg: ModelConfig,
    catalogSummary: { title: string; sections: string; units: string },
    private readonly log: Log,
    private readonly now: () => number = Date.now,
  ) {
    this.client = new OpenAI({ baseURL: cfg.baseURL, apiKey: cfg.apiKey, timeout: cfg.timeoutMs, maxRetries: 1 });
    // built once: the catalogue's sections and units and the few-shot examples do not change per message
    this.system = readFileSync(new URL("understand.md", PROMPTS), "utf8")
      .replace("{{plan_title}}", catalogSummary.title)
      .replace("{{sections}}", catalogSummary.sections)
      .replace("{{units}}", catalogSummary.units)
      .replace("{{examples}}", readFileSync(new URL("examples.md", PROMPTS), "utf8").trim());
  }

  async understand(text: string, shortlist: Shortlist, context: Turn[]): Promise<Understood> {
    if (this.now() < this.openUntil) return { note: "（智能理解暂时不可用，已按规则处理）" };
    if (this.tokensToday() >= this.cfg.dailyTokens) return { note: "（今日智能理解额度已用完，已按规则处理）" };
    const schema = modelSchema(shortlist);
    const messages = [
      { role: "system" as const, content: this.system },
      { role: "user" as const, content: userMessage(text, shortlist, context) },
    ];
    try {
      const answer = await this.ask(schema, messages);
      this.failures = 0;
      const intent = answer ? intentFromModel(answer, text) : undefined;
      if (!intent) this.log.info({ text: text.slice(0, 80), answer }, "model answer not usable");
      return { intent };
    } catch (e) {
      return { note: this.failed(e) };
    }
  }

  private async ask(schema: ReturnType<typeof modelSchema>, messages: OpenAI.ChatCompletionMessageParam[]): Promise<ModelAnswer | undefined> {
    for (;;) {
      try {
        return await this.askIn(this.mode, schema, messages);
      } catch (e) {
        const next = e instanceof APIError && (e.status === 400 || e.status === 422) ? fallback(this.mode, e) : undefined;
        if (!next) throw e;
        this.log.warn({ from: this.mode, to: next, err: errorMessage(e) }, "model server lacks a structured output mode, falling back");
        this.mode = next;
      }
    }
  }

  private async askIn(mode: Mode, schema: ReturnType<typeof modelSchema>, messages: OpenAI.ChatCompletionMessageParam[]): Promise<ModelAnswer | undefined> {
    const base = { model: this.cfg.model, messages, temperature: 0 };
    if (mode === "json_schema") {
      const completion = await this.client.chat.completions.parse({ ...base, response_format: zodResponseFormat(schema, "intent") }).catch(malformed);
      this.count(completion?.usage);
      return completion?.choices[0]?.message.parsed ?? undefined;
    }
    if (mode === "tools") {
      const tool = zodFunction({ name: "intent", parameters: schema, description: "提交对用户消息的理解" });
      const completion = await this.client.chat.completions.parse({ ...base, tools: [tool], tool_choice: { type: "function", function: { name: "intent" } } }).catch(malformed);
      this.count(completion?.usage);
      const call = completion?.choices[0]?.message.tool_calls?.[0];
      // the SDK parsed the arguments with this schema already; parsing again types them without a cast
      return call && call.type === "function" ? schema.safeParse(call.function.parsed_arguments).data : undefined;
    }
    // json_object: the prompt must say "json" (DeepSeek requires it); zod checks the result
    const completion = await this.client.chat.completions.create({
      ...base,
      messages: [...messages, { role: "system", content: "请只输出一个 json 对象。" }],
      response_format: { type: "json_object" },
    });
    this.count(completion.usage);
    try {
      const parsed = schema.safeParse(JSON.parse(completion.choices[0]?.message.content ?? ""));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  private failed(e: unknown): string {
    this.failures++;
    const err = e instanceof Error ? e.message : String(e);
    if (this.failures >= this.cfg.failureThreshold) {
      this.openUntil = this.now() + this.cfg.cooldownMs;
      this.failures = 0;
      this.log.error({ err, cooldownMs: this.cfg.cooldownMs }, "model service failing: circuit open");
    } else {
      this.log.warn({ err }, "model call failed");
    }
    return "（智能理解暂时不可用，已按规则处理）";
  }

  private count(usage: OpenAI.CompletionUsage | undefined) {
    const tokens = usage?.total_tokens ?? 0;
    const day = shanghaiDate(new Date(this.now()));
    if (this.spent.day !== day) this.spent = { day, tokens: 0 };
    this.spent.tokens += tokens;
    this.log.info({ model: this.cfg.model, mode: this.mode, prompt: usage?.prompt_tokens, completion: usage?.completion_tokens, today: this.spent.tokens }, "model tokens");
  }

  private tokensToday(): number {
    const day = shanghaiDate(new Date(this.now()));
    return this.spent.day === day ? this.spent.tokens : 0;
  }
}

/** A reply that does not parse against the schema is "not understood", not a service failure. */
function malformed(e: unknown): undefined {
  if (e instanceof APIError || (e instanceof Error && /timed out|timeout|connect|fetch failed|ECONN/i.test(e.message))) throw e;
  return undefined;
}

/** The next structured-output style to try when the server rejects the current one. */
function fallback(mode: Mode, e: APIError): Mode | undefined {
  const msg = e.message.toLowerCase();
  if (mode === "json_schema" && /response_format|json_schema|structured/.test(msg)) return "tools";
  if (mode === "tools" && /tool|function/.test(msg)) return "json_object";
  return undefined;
}

function userMessage(text: string, s: Shortlist, context: Turn[]): string {
  const ctx = context.length ? context.map((t) => `- 用户说：${t.text}（理解为：${t.understood}）`).join("\n") : "（无）";
  const candidates = s.indicators.map((i) => `- ${i.code}：${i.name}（${i.unit}）`).join("\n");
  return `对话上下文：\n${ctx}\n\n候选指标：\n${candidates}\n\n用户消息：${text}`;
}
