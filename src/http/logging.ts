// What the service writes about requests: never a secret. A sign-in link's code is in its path,
// the machine token in a header, a session in a cookie; all are masked before pino sees them.
import type { FastifyRequest } from "fastify";

const SECRET_PATH = /^(\/login\/)[^/?#]+/;
const SECRET_QUERY = /([?&](?:token|code|access_token|key|secret|session)=)[^&#]*/gi;

/** the URL as it may be logged: /login/<code> → /login/[已隐藏], ?token=… → ?token=[已隐藏] */
export function loggableUrl(url: string): string {
  return url.replace(SECRET_PATH, "$1[已隐藏]").replace(SECRET_QUERY, "$1[已隐藏]");
}

/** pino options for Fastify's logger: request lines without secrets, secret fields censored anywhere */
export function loggerOptions(level: string): object {
  return {
    level,
    redact: {
      paths: [
        "req.headers.authorization",
        "req.headers.cookie",
        'res.headers["set-cookie"]',
        "headers.authorization",
        "headers.cookie",
        "token",
        "code",
      ],
      censor: "[已隐藏]",
    },
    serializers: {
      req(req: FastifyRequest) {
        return { method: req.method, url: loggableUrl(req.url), remoteAddress: req.ip };
      },
    },
  };
}
