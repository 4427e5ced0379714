// Draws build/icon.png (1024 × 1024), the app icon electron-builder turns into each platform's:
// nine neurons on a ring, the links between them orange (redundant) and blue (synergistic), thicker
// where they share more — the network Chorus draws. `node scripts/icon.mjs` writes it again.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const SIZE = 1024;
const out = fileURLToPath(new URL('../build/icon.png', import.meta.url));
const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
const BACKGROUND = hex('#0d1117');
const ORANGE = hex('#E69F00');
const BLUE = hex('#56B4E9');
const NODE = hex('#f0f3f6');

const nodes = Array.from({ length: 9 }, (_, k) => {
  const angle = -Math.PI / 2 + (2 * Math.PI * k) / 9;
  return [512 + 330 * Math.cos(angle), 512 + 330 * Math.sin(angle)];
});
// [from, to, width, colour]
const links = [
  [0, 3, 34, ORANGE], [0, 5, 22, ORANGE], [1, 4, 26, ORANGE], [2, 6, 18, BLUE], [3, 7, 30, ORANGE],
  [4, 8, 16, BLUE], [5, 1, 14, BLUE], [6, 0, 24, ORANGE], [7, 2, 20, ORANGE], [8, 3, 12, BLUE], [0, 1, 10, ORANGE],
];

const segmentDistance = (px, py, [ax, ay], [bx, by]) => {
  const [dx, dy] = [bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
};
// Coverage of an edge at signed distance d (negative inside), one pixel wide: anti-aliasing.
const cover = (d) => Math.max(0, Math.min(1, 0.5 - d));

const rows = Buffer.alloc(SIZE * (1 + SIZE * 4));
for (let y = 0; y < SIZE; y++) {
  rows[y * (1 + SIZE * 4)] = 0;
  for (let x = 0; x < SIZE; x++) {
    const [px, py] = [x + 0.5, y + 0.5];
    // A rounded square, 64 px in from the edge, corner radius 180.
    const [qx, qy] = [Math.max(Math.abs(px - 512) - (448 - 180), 0), Math.max(Math.abs(py - 512) - (448 - 180), 0)];
    const alpha = cover(Math.hypot(qx, qy) - 180);
    let colour = BACKGROUND;
    const blend = (over, a) => (colour = colour.map((c, i) => c + (over[i] - c) * a));
    for (const [a, b, width, linkColour] of links) blend(linkColour, 0.9 * cover(segmentDistance(px, py, nodes[a], nodes[b]) - width / 2));
    for (const node of nodes) blend(NODE, cover(Math.hypot(px - node[0], py - node[1]) - 46));
    const at = y * (1 + SIZE * 4) + 1 + x * 4;
    rows[at] = Math.round(colour[0]);
    rows[at + 1] = Math.round(colour[1]);
    rows[at + 2] = Math.round(colour[2]);
    rows[at + 3] = Math.round(255 * alpha);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes) => {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA
writeFileSync(out, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]));
console.log(`wrote ${out}`);
