/**
 * A part written with a namespace prefix on every SpreadsheetML element (`<x:styleSheet xmlns:x="…main">`, as the
 * Open XML SDK writes it) turned into the same XML with the main namespace as the default one, so the parts we
 * edit and the elements we add to them (unprefixed) are in the one namespace. Elements of other namespaces keep
 * their prefixes; a part already in the default namespace is returned as it is.
 */
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

export function withMainAsDefault(xml: string, root: string): string {
  const m = new RegExp(`<([\\w.-]+):${root}\\b([^>]*)>`).exec(xml);
  if (!m) return xml;
  const prefix = m[1];
  const declared = new RegExp(
    `\\sxmlns:${prefix}\\s*=\\s*("|')${MAIN.replace(/[./]/g, "\\$&")}\\1`
  );
  if (!declared.test(m[2])) return xml;
  // A default namespace of something else on the root would change meaning: left alone.
  if (/\sxmlns\s*=/.test(m[2])) return xml;
  const open = new RegExp(`<(/?)${prefix}:`, "g");
  const unprefixed = xml.replace(open, "<$1");
  return unprefixed.replace(new RegExp(`<${root}\\b`), `<${root} xmlns="${MAIN}"`);
}
