import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const { check } = require("../../scripts/validate-manifest.js") as {
  check: (file: string, opts: { requireBuiltFiles: boolean }) => string[];
};

const original = fs.readFileSync(path.join(__dirname, "..", "..", "manifest.xml"), "utf8");

function problemsOf(xml: string, requireBuiltFiles = false, files: string[] = []): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "manifest-"));
  const file = path.join(dir, "manifest.xml");
  fs.writeFileSync(file, xml);
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), "x");
  }
  return check(file, { requireBuiltFiles });
}

describe("offline manifest validation", () => {
  it("accepts the project's manifest", () => {
    expect(problemsOf(original)).toEqual([]);
  });

  it("reports <Requirements> placed after <DefaultSettings>", () => {
    const req = original.match(/ {2}<Requirements>[\s\S]*?<\/Requirements>\n/)![0];
    const moved = original.replace(req, "").replace("  <Permissions>", req + "  <Permissions>");
    expect(problemsOf(moved)).toContain(
      "<Requirements> stands after <DefaultSettings>, but the schema puts it before"
    );
  });

  it("reports a resid with no resource, a non-GUID Id, an http URL and extra permissions", () => {
    const broken = original
      .replace('resid="Group.Label"', 'resid="Group.Missing"')
      .replace(/<Id>[^<]+<\/Id>/, "<Id>not-a-guid</Id>")
      .replace(
        "https://localhost:3000/assets/icon-32.png",
        "http://localhost:3000/assets/icon-32.png"
      )
      .replace(
        "<Permissions>ReadWriteDocument</Permissions>",
        "<Permissions>ReadWriteMailbox</Permissions>"
      );
    const problems = problemsOf(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        'resid "Group.Missing" (on <Label>) names no resource',
        'the Id "not-a-guid" is not a GUID',
        '"http://localhost:3000/assets/icon-32.png" is not https',
        'the permission is "ReadWriteMailbox", expected ReadWriteDocument and no more',
      ])
    );
  });

  it("requires every URL of a built manifest to name a built file", () => {
    const built = [
      "taskpane.html",
      "commands.html",
      "assets/icon-16.png",
      "assets/icon-32.png",
      "assets/icon-64.png",
      "assets/icon-80.png",
    ];
    expect(problemsOf(original, true, built)).toEqual([]);
    expect(
      problemsOf(
        original,
        true,
        built.filter((f) => f !== "commands.html")
      )
    ).toContain(
      '"https://localhost:3000/commands.html" names commands.html, which the build did not produce'
    );
  });
});
