// What every outbound channel needs: retries with backoff and jitter, a sliding-window rate
// limit, and long texts cut to a platform's size limit. Clock and sleep are injectable so
// tests never wait for real.

export interface Timing {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const realTiming: Timing = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

export interface RetryPolicy {
  attempts: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseMs: 500, maxMs: 30_000 };

/** A failure worth trying again (rate limit, busy, 5xx, network) as opposed to a wrong request. */
export class RetryableError extends Error {
  constructor(
    message: string,
    /** the server asked for at least this long a pause */
    readonly waitMs?: number,
  ) {
    super(message);
  }
}

/** Runs `fn` until it succeeds, a non-retryable error is thrown, or attempts run out. */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  timing: Timing,
  onRetry?: (error: Error, attempt: number, delayMs: number) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (e) {
      if (!(e instanceof RetryableError) || attempt >= policy.attempts) throw e;
      const error = e;
      // full jitter: spread retries of many senders instead of hitting the server together
      const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
      const delay = Math.max(error.waitMs ?? 0, Math.round(ceiling / 2 + (Math.random() * ceiling) / 2));
      onRetry?.(error, attempt, delay);
      await timing.sleep(delay);
    }
  }
}

/** At most `limit` uses per key in any `windowMs`; `take` waits for a free slot. */
export class SlidingWindowLimiter {
  private readonly used = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly timing: Timing,
  ) {}

  async take(key: string): Promise<void> {
    for (;;) {
      const now = this.timing.now();
      const recent = (this.used.get(key) ?? []).filter((t) => t > now - this.windowMs);
      if (recent.length < this.limit) {
        recent.push(now);
        this.used.set(key, recent);
        return;
      }
      await this.timing.sleep(recent[0]! + this.windowMs - now);
    }
  }
}

/**
 * Cuts a text into pieces of at most `max` units (UTF-8 bytes for WeCom, UTF-16 units for
 * Telegram), at line ends where possible and never inside a character.
 */
export function splitText(text: string, max: number, measure: (s: string) => number = utf8Bytes): string[] {
  if (measure(text) <= max) return [text];
  const pieces: string[] = [];
  let current = "";
  const flush = () => {
    if (current) pieces.push(current);
    current = "";
  };
  for (const line of text.split("\n")) {
    const candidate = current ? `${current}\n${line}` : line;
    if (measure(candidate) <= max) {
      current = candidate;
      continue;
    }
    flush();
    if (measure(line) <= max) {
      current = line;
      continue;
    }
    for (const ch of line) {
      if (measure(current + ch) > max) flush();
      current += ch;
    }
  }
  flush();
  return pieces;
}

export function utf8Bytes(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

/** Resolves to undefined after `ms` without keeping the process alive: the loser of a race. */
export function deadline(ms: number): Promise<undefined> {
  return new Promise((resolve) => {
    setTimeout(() => resolve(undefined), ms).unref();
  });
}
