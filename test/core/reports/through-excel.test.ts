/**
 * The three report models written through the Excel port into the in-memory Excel fake, and the Review sheet
 * read back from it: what the models say is what the workbook gets, and an answer survives the round trip.
 */
import { buildAlignmentSheet } from "../../../src/core/reports/alignment";
import { buildReviewSheet, readReviewSheet } from "../../../src/core/reports/review";
import { buildTimetableSheet } from "../../../src/core/reports/timetable";
import { fakeExcel, portOver } from "../../excel/helpers";
import { fixture } from "./fixture";

test("written through the Excel port: tables, chart and validations land; the Review answer reads back", async () => {
  const f = fixture({
    "parks|maintenance": {
      programKey: "parks|maintenance",
      department: "Parks",
      program: "Maintenance",
      response: "Modify",
      reviewer: "J. Rivera",
      date: "2026-01-02",
    },
  });
  const models = [buildAlignmentSheet(f.ctx), buildReviewSheet(f.ctx), buildTimetableSheet(f.ctx)];
  const fake = fakeExcel();
  const port = portOver(fake);
  await port.writeSheets(models);
  expect(fake.sheetNames()).toEqual(["Alignment", "Review", "Timetable"]);
  const alignment = fake.sheet("Alignment");
  expect(alignment.tables).toHaveLength(4);
  expect(alignment.charts).toHaveLength(1);
  expect([...alignment.formulas.keys()]).toEqual([]);
  const review = fake.sheet("Review");
  expect(review.tables).toHaveLength(1);
  expect(review.validations.length).toBeGreaterThanOrEqual(2);

  const [cells] = await port.readSheets(["Review"]);
  const read = readReviewSheet(cells, f.ctx.plan);
  expect(read.issues).toEqual([]);
  expect(read.answers).toEqual([
    {
      programKey: "parks|maintenance",
      department: "Parks",
      program: "Maintenance",
      response: "Modify",
      reviewer: "J. Rivera",
      date: "2026-01-02",
    },
  ]);
});
