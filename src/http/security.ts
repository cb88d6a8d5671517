// Headers on every response: the pages run no inline script and load nothing from elsewhere,
// so a figure or a note that smuggles markup cannot act even if it were ever inserted as HTML.
import helmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { CONTENT_SECURITY_POLICY } from "./csp.js";

const directives = Object.fromEntries(
  CONTENT_SECURITY_POLICY.split(";").map((d) => {
    const [name, ...values] = d.trim().split(/\s+/);
    return [name!, values];
  }),
);

export const securityHeaders = fp(async (server: FastifyInstance) => {
  await server.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives },
    referrerPolicy: { policy: "no-referrer" },
    // the service is reached over plain http on many intranets: HSTS would lock them out
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
}, { name: "duban-security-headers" });
