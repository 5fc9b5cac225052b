/** The print check fails a page that continues a table without its column headers (./continuations). */
import { pagesWithoutHeaders } from "./continuations";
import type { Page } from "./printed";

const line = (y: number, texts: string[]) =>
  texts.map((text, i) => ({ x0: 40 + i * 60, x1: 90 + i * 60, y0: y, y1: y + 12, text }));
const page = (rows: string[][], sheet = "Alignment", n = 1): Page => ({
  width: 792,
  height: 612,
  words: [
    ...rows.flatMap((r, i) => line(40 + i * 16, r)),
    ...line(590, [sheet, "—", "page", String(n), "of", "9"]),
  ],
});
const starts = {
  headers: [["Goal", "Amount", "%", "Lines", "Programs", "Priority"]],
  sections: [["Budget", "by"]],
};

test("a page after the first must start with column headers or a section title", () => {
  const pages = [
    page([
      ["Budget", "Alignment"],
      ["Headline", "figures"],
    ]),
    page([
      ["Budget", "by", "goal"],
      ["Goal", "Amount", "%", "of", "total"],
      ["G1.1", "$10"],
    ]),
    page([
      ["Goal", "Amount", "%", "of", "total"],
      ["G1.9", "$10"],
    ]),
    page([
      ["G2.1", "Support", "small", "business", "$12"],
      ["G2.2", "$3"],
    ]),
    page([["ID", "Action"]], "Timetable"),
  ];
  expect(pagesWithoutHeaders(pages, "Alignment", starts)).toEqual([4]);
  // Another sheet's pages are not looked at; its first page never fails.
  expect(pagesWithoutHeaders(pages, "Timetable", starts)).toEqual([]);
});
