// Draws the toolbar icon at every size the two browsers ask for (16-128 px): a navy page with lines of text,
// one of them underlined in amber, like a marked term. Run `node icons/draw-icons.mjs` after changing it.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 32, 48, 96, 128];
const NAVY = [31, 78, 121],
  WHITE = [255, 255, 255],
  AMBER = [245, 176, 38];

function crc32(buf) {
  let c,
    crc = 0xffffffff;
  for (const b of buf) {
    c = (crc ^ b) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, pixel) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) row.set(pixel(x + 0.5, y + 0.5), 1 + x * 4);
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
function pixel(size) {
  const r = size * 0.2; // corner radius
  return (x, y) => {
    const u = x / size,
      v = y / size;
    const cx = Math.min(Math.max(x, r), size - r),
      cy = Math.min(Math.max(y, r), size - r);
    if (Math.hypot(x - cx, y - cy) > r) return [0, 0, 0, 0];
    const line = (top, left, right) => v >= top && v < top + 0.1 && u >= left && u < right;
    if (line(0.2, 0.2, 0.8) || line(0.4, 0.2, 0.7) || line(0.6, 0.2, 0.8)) return [...WHITE, 255];
    if (v >= 0.73 && v < 0.8 && u >= 0.2 && u < 0.6) return [...AMBER, 255];
    return [...NAVY, 255];
  };
}
for (const size of SIZES) writeFileSync(new URL(`icon-${size}.png`, import.meta.url), png(size, pixel(size)));
