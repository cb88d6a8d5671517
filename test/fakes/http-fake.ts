// A tiny recording HTTP server on 127.0.0.1 for standing in for a remote platform in tests:
// routes answer JSON, every request is recorded, and faults can be queued per path.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  at: number;
}

export type Fault = { status: number } | { json: unknown } | { delayMs: number } | { hang: true };

export type Handler = (req: Recorded) => unknown | Promise<unknown>;

/** A handler's answer that is not JSON: a file, with its own headers (media/get, a Bot API file). */
export class RawAnswer {
  constructor(
    readonly body: Buffer,
    readonly headers: Record<string, string> = {},
  ) {}
}

export class HttpFake {
  readonly requests: Recorded[] = [];
  private readonly routes = new Map<string, Handler>();
  private readonly faults = new Map<string, Fault[]>();
  private readonly hanging = new Set<ServerResponse>();
  private server?: Server;
  url = "";

  route(path: string, handler: Handler): this {
    this.routes.set(path, handler);
    return this;
  }

  /** The next calls to `path` meet these faults, one each, in order. */
  fail(path: string, ...faults: Fault[]): this {
    this.faults.set(path, [...(this.faults.get(path) ?? []), ...faults]);
    return this;
  }

  calls(path: string): Recorded[] {
    return this.requests.filter((r) => r.path === path);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.serve(req, res));
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", r));
    const addr = this.server.address();
    this.url = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }

  private async serve(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://fake");
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      // keep the raw text
    }
    const rec: Recorded = { method: req.method ?? "GET", path: url.pathname, query: url.searchParams, body, at: Date.now() };
    this.requests.push(rec);
    const fault = this.faults.get(url.pathname)?.shift();
    if (fault && "hang" in fault) {
      this.hanging.add(res);
      return;
    }
    if (fault && "delayMs" in fault) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault && "status" in fault) {
      res.writeHead(fault.status, { "content-type": "application/json" }).end(JSON.stringify({ error: "injected" }));
      return;
    }
    const handler = this.routes.get(url.pathname);
    const answer = fault && "json" in fault ? fault.json : handler ? await handler(rec) : undefined;
    if (answer === undefined) {
      res.writeHead(404).end();
      return;
    }
    if (answer instanceof RawAnswer) {
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(answer.body.length), ...answer.headers }).end(answer.body);
      return;
    }
    // a handler may answer with an HTTP status: { __status: 400, ...body }
    const { __status: status = 200, ...payload } = answer as { __status?: number };
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(Array.isArray(answer) ? answer : payload));
  }
}
