import { cellAddress, columnLetter, parseA1 } from "../../src/core/a1";

describe("A1 addresses", () => {
  test("column letters past Z and ZZ", () => {
    expect([0, 25, 26, 27, 701, 702, 16383].map(columnLetter)).toEqual([
      "A",
      "Z",
      "AA",
      "AB",
      "ZZ",
      "AAA",
      "XFD",
    ]);
  });

  test("parseA1 reads what cellAddress writes, in either case and with spaces around", () => {
    for (const [row, col] of [
      [0, 0],
      [13, 7],
      [1048575, 16383],
      [99, 702],
    ]) {
      const a = cellAddress(row, col);
      expect(parseA1(a)).toEqual({ row, col });
      expect(parseA1(` ${a.toLowerCase()} `)).toEqual({ row, col });
    }
  });

  test("anything else is refused, naming what was given", () => {
    for (const bad of ["", "14", "H", "H14:J20", "Budget!H14"])
      expect(() => parseA1(bad)).toThrow(`"${bad}" is not a cell address.`);
  });
});
