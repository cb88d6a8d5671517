// The dashboard's /favicon.ico: the 督 character on the programme's red, drawn with resvg and
// wrapped in an ICO container (a PNG inside an ICO is valid since Windows Vista and in every
// browser), so the browser stops asking for a missing file and the tab is recognisable.
import { svgToPngAt } from "./png.js";

const SIZE = 32;

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 32 32">
<rect width="32" height="32" rx="6" fill="#b71c1c"/>
<text x="16" y="24" font-size="22" text-anchor="middle" fill="#ffffff" font-family="WenQuanYi Micro Hei">督</text>
</svg>`;

/** One 32×32 PNG image in an ICO file: ICONDIR (6 bytes), one ICONDIRENTRY (16), the PNG. */
export function faviconIco(): Buffer {
  const png = svgToPngAt(SVG, SIZE);
  const head = Buffer.alloc(22);
  head.writeUInt16LE(0, 0); // reserved
  head.writeUInt16LE(1, 2); // 1 = icon
  head.writeUInt16LE(1, 4); // one image
  head.writeUInt8(SIZE, 6); // width
  head.writeUInt8(SIZE, 7); // height
  head.writeUInt8(0, 8); // no palette
  head.writeUInt8(0, 9); // reserved
  head.writeUInt16LE(1, 10); // colour planes
  head.writeUInt16LE(32, 12); // bits per pixel
  head.writeUInt32LE(png.length, 14); // image size
  head.writeUInt32LE(22, 18); // image offset
  return Buffer.concat([head, png]);
}
