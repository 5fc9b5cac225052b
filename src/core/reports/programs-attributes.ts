/**
 * The Programs sheet's attribute table: every attribute's choices on its 0–4 scale, one per row, with the
 * attribute's weight (a yellow cell) on its first row. The program table's total score looks the points up here.
 */
import { ATTRIBUTES } from "./attributes";
import { AT, ATTRIBUTE_HEADERS, ATTRIBUTE_ROWS, type ProgramsWriter } from "./programs-layout";
import { rng } from "./sheet";
import { FORMATS } from "./styles";

export function attributeTable(w: ProgramsWriter): void {
  const { b, inv, rows } = w;
  w.sectionRow("Attributes: the 0–4 scales and their weights (a blank attribute adds nothing)");
  const ah = b.row([...ATTRIBUTE_HEADERS]);
  b.style(rng(ah, 0, 1, ATTRIBUTE_HEADERS.length), "tableHeader");
  ATTRIBUTES.forEach((a, ai) =>
    a.list.forEach((choice, i) => {
      const r = b.row([i === 0 ? a.header : "", choice, a.points[i]]);
      if (i === 0) {
        b.set(r, AT.weight, inv.attributeWeights[ai]);
        b.style(rng(r, AT.weight, 1, 1), "inputCell");
      }
    })
  );
  b.format(rng(rows.attribute, AT.points, ATTRIBUTE_ROWS, 2), FORMATS.score);
  // Attribute names and choices wrap in their columns (narrowed so the program table prints every score): a choice
  // such as "Several other providers" would otherwise be cut by its points.
  b.style(rng(rows.attribute, 0, ATTRIBUTE_ROWS, 2), "wrapText");
  b.row();
}
