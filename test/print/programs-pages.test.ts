/** The Programs part of the print check fails a continuation page of the program table that has no headers. */
import type { Page } from "./printed";
import { programTablePages, titleWhole } from "./programs-pages";

const line = (y: number, texts: string[]) =>
  texts.map((text, i) => ({ x0: 40 + i * 60, x1: 90 + i * 60, y0: y, y1: y + 12, text }));
const page = (rows: string[][], sheet = "Programs", n = 1): Page => ({
  width: 792,
  height: 612,
  words: [
    ...rows.flatMap((r, i) => line(40 + i * 16, r)),
    ...line(590, [sheet, "—", "page", String(n), "of", "9"]),
  ],
});
const HEADER = ["Department", "Program", "Cost", "Total", "score", "Quartile"];

test("every page from the table's first on must show the header row near its top", () => {
  const pages = [
    page([
      ["Weights", "and", "what-if"],
      ["Priority", "Title"],
    ]),
    page([["Programs"], HEADER, ["Police", "Patrol"]]),
    page([HEADER, ["Fire", "Suppression"]]),
    page([
      ["Public", "Works", "Streets"],
      ["Water", "Treatment"],
    ]),
  ];
  expect(programTablePages(pages)).toEqual([
    { page: 2, headers: true },
    { page: 3, headers: true },
    { page: 4, headers: false },
  ]);
  // Another sheet's pages are not looked at.
  expect(programTablePages([page([HEADER], "Review")])).toEqual([]);
});

test("the title prints whole on the sheet's first page: a title cut at the page's edge fails", () => {
  const title = "Budget Alignment — Programs (priority-based budgeting)";
  const whole = page([title.split(" "), ["Weights"]]);
  const cut = page([
    ["Budget", "Alignment", "—", "Programs", "(priority-based", "buc"],
    ["Weights"],
  ]);
  expect(titleWhole([page([["Other"]], "Review"), whole], "Programs", title)).toBe(true);
  expect(titleWhole([cut, whole], "Programs", title)).toBe(false);
  expect(titleWhole([whole], "Alignment", title)).toBe(false);
});
