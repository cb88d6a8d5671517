// SVG to PNG with resvg, for the chat chart and the favicon. The native module is loaded at the
// first image, not at start-up: most processes never draw one.
import { createRequire } from "node:module";
import type * as Resvg from "@resvg/resvg-js";

const require = createRequire(import.meta.url);
let loaded: typeof Resvg | undefined;
const resvg = (): typeof Resvg => (loaded ??= require("@resvg/resvg-js"));

export function svgToPngAt(svg: string, width: number): Buffer {
  const options = { font: { loadSystemFonts: true, defaultFontFamily: "WenQuanYi Micro Hei" }, fitTo: { mode: "width" as const, value: width } };
  return new (resvg().Resvg)(svg, options).render().asPng();
}
