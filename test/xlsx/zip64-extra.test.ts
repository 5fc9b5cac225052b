/**
 * The ZIP64 extra field the package writer puts on an entry of 4 GB or more (src/xlsx/zip.ts), byte for byte as
 * APPNOTE 4.5.3 lays it out. (No test writes a 4 GB entry: this is the one place its bytes are checked.)
 */
import { zip64Extra } from "../../src/xlsx/zip";

test("a local header's extra field: id 1, 16 bytes, size then compressed size", () => {
  const extra = zip64Extra([2 ** 32 + 7, 2 ** 32 - 1]);
  expect(extra.toString("hex")).toBe("0100" + "1000" + "0700000001000000" + "ffffffff00000000");
});

test("a central directory entry's extra field: id 1, 24 bytes, size, compressed size and offset", () => {
  const extra = zip64Extra([5, 2 ** 40, 2 ** 53 - 1]);
  expect(extra.length).toBe(28);
  expect(extra.readUInt16LE(0)).toBe(1);
  expect(extra.readUInt16LE(2)).toBe(24);
  expect([4, 12, 20].map((at) => Number(extra.readBigUInt64LE(at)))).toEqual([
    5,
    2 ** 40,
    2 ** 53 - 1,
  ]);
});
