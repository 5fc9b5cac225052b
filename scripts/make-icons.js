#!/usr/bin/env node
/**
 * Draws the add-in's icons (assets/icon-16|32|64|80|128.png): a blue tile with three budget bars rising to
 * a target dot — budget lines aligned to goals. Pure Node (zlib), so it runs anywhere: `node scripts/make-icons.js`.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function png(size, pixel) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y, size);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r; raw[o + 1] = g; raw[o + 2] = b; raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Coverage of a pixel by a shape, 4×4 supersampled for smooth edges. */
function cover(x, y, inside) {
  let n = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (inside(x + (i + 0.5) / 4, y + (j + 0.5) / 4)) n++;
  return n / 16;
}

function icon(x, y, s) {
  const u = (v) => v * s; // units of the tile
  const r = u(0.18);
  const tile = (px, py) => {
    const cx = Math.min(Math.max(px, r), s - r), cy = Math.min(Math.max(py, r), s - r);
    return (px - cx) ** 2 + (py - cy) ** 2 <= r * r;
  };
  const bars = (px, py) =>
    (px >= u(0.18) && px <= u(0.32) && py >= u(0.56) && py <= u(0.82)) ||
    (px >= u(0.4) && px <= u(0.54) && py >= u(0.42) && py <= u(0.82)) ||
    (px >= u(0.62) && px <= u(0.76) && py >= u(0.28) && py <= u(0.82));
  const dot = (px, py) => (px - u(0.69)) ** 2 + (py - u(0.17)) ** 2 <= u(0.09) ** 2;
  const t = cover(x, y, tile);
  if (t === 0) return [0, 0, 0, 0];
  const b = cover(x, y, bars), d = cover(x, y, dot);
  const base = [0x21, 0x73, 0x46]; // Excel green
  const white = [255, 255, 255], gold = [0xff, 0xc8, 0x3d];
  const mix = base.map((c, k) => Math.round(c * (1 - b - d) + white[k] * b + gold[k] * d));
  return [...mix, Math.round(255 * t)];
}

const dir = path.join(__dirname, "..", "assets");
fs.mkdirSync(dir, { recursive: true });
for (const size of [16, 32, 64, 80, 128]) {
  fs.writeFileSync(path.join(dir, `icon-${size}.png`), png(size, icon));
}
console.log("Wrote assets/icon-16|32|64|80|128.png");
