// A stand-in for an OpenAI-compatible chat completions service: answers in the style the
// request asks for (json_schema content, a tool call, or json_object content), with scripted
// answers, errors, slowness, malformed output, and servers that lack json_schema or tools.
import { HttpFake } from "./http-fake.js";

export type Script =
  | { answer: object }
  | { content: string }
  | { status: number; message?: string }
  | { delayMs: number; answer: object };

interface ChatRequest {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: { type: string };
  tools?: { function: { name: string } }[];
}

export interface OpenAIFake extends HttpFake {
  script: Script[];
  /** answer per user message text, used when the script queue is empty */
  byText: Map<string, object>;
  rejectJsonSchema: boolean;
  rejectTools: boolean;
  chats(): ChatRequest[];
}

export const UNKNOWN = { intent: "unknown", codes: [], unit: null, section: null, lines: [] };

export function fakeOpenAI(): OpenAIFake {
  const fake = new HttpFake() as OpenAIFake;
  fake.script = [];
  fake.byText = new Map();
  fake.rejectJsonSchema = false;
  fake.rejectTools = false;
  fake.chats = () => fake.calls("/v1/chat/completions").map((r) => r.body as ChatRequest);
  fake.route("/v1/chat/completions", async (rec) => {
    const req = rec.body as ChatRequest;
    const style = req.tools ? "tools" : req.response_format?.type ?? "text";
    if (fake.rejectJsonSchema && style === "json_schema") return error(400, "response_format type json_schema is not supported by this model");
    if (fake.rejectTools && style === "tools") return error(400, "tools / function calling is not supported");
    const user = req.messages.find((m) => m.role === "user")?.content ?? "";
    const text = /用户消息：([\s\S]*)$/.exec(user)?.[1]?.trim() ?? "";
    const step = fake.script.shift() ?? { answer: fake.byText.get(text) ?? UNKNOWN };
    if ("status" in step) return error(step.status, step.message ?? "injected");
    if ("delayMs" in step) await new Promise((r) => setTimeout(r, step.delayMs));
    const content = "content" in step ? step.content : JSON.stringify(step.answer);
    return completion(req, style, content);
  });
  return fake;
}

/** The route's answer is JSON with status 200; errors go through a marker the fake turns into a status. */
function error(status: number, message: string) {
  return { __status: status, error: { message, type: "invalid_request_error" } };
}

function completion(req: ChatRequest, style: string, content: string) {
  const message =
    style === "tools"
      ? { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: req.tools![0]!.function.name, arguments: content } }] }
      : { role: "assistant", content, refusal: null };
  return {
    id: "chatcmpl-fake",
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: req.model,
    choices: [{ index: 0, message, finish_reason: style === "tools" ? "tool_calls" : "stop", logprobs: null }],
    usage: { prompt_tokens: 900, completion_tokens: 40, total_tokens: 940 },
  };
}
