// ESLint (flat config) with the Office add-ins rules (eslint-plugin-office-addins, from office-addin-lint):
// they catch load/sync mistakes in Excel JS code. On top of them, the architecture is kept by the tools:
// only src/excel may name the Office.js globals, and src/core imports nothing from React, Office, Node or the DOM.
import officeAddins from "eslint-plugin-office-addins";
import globals from "globals";
import tseslint from "typescript-eslint";

const officeGlobals = [
  { name: "Excel", message: "Only src/excel talks to Excel: call the workbook port instead." },
  { name: "Office", message: "Only src/excel talks to Office.js: call the workbook port instead." },
  { name: "OfficeExtension", message: "Only src/excel talks to Office.js." },
];

export default [
  { ignores: ["dist/**", "lib/**", "node_modules/**", "coverage/**", "out/**", "bench/results/**"] },
  // The Office add-ins TypeScript rules are declared for .ts files only; the task pane is .tsx, so apply them there too.
  ...officeAddins.configs.react.map((c) =>
    Array.isArray(c.files) && c.files.some((f) => f.includes("ts,")) ? { ...c, files: [...c.files, "**/*.tsx"] } : c
  ),
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: {
      parser: tseslint.parser,
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      "react/react-in-jsx-scope": "off",
      "react/prop-types": "off",
      "no-undef": "off", // TypeScript checks names
      "no-redeclare": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "prettier/prettier": ["error", { endOfLine: "auto" }],
    },
  },
  {
    files: ["**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "commonjs", globals: { ...globals.node } },
  },
  {
    // The browser test drives Chromium (code in page.evaluate runs in the page) and reads .xlsx with exceljs,
    // whose cells the Office.js load-before-read rule would mistake for Office objects.
    files: ["test/browser/*.js"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: { "office-addins/load-object-before-read": "off" },
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/excel/**", "src/taskpane/index.tsx", "src/commands/**"],
    rules: { "no-restricted-globals": ["error", ...officeGlobals] },
  },
  {
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["react", "react-dom", "@fluentui/*"], message: "src/core is pure: no UI." },
            { group: ["fs", "path", "os", "child_process", "node:*", "exceljs"], message: "src/core is pure: no Node or file APIs." },
            { group: ["../excel/*", "../xlsx/*", "../taskpane/*", "../cli/*", "../../excel/*", "../../xlsx/*", "../../taskpane/*", "../../cli/*"], message: "src/core depends on nothing outside src/core." },
          ],
        },
      ],
      "no-restricted-globals": ["error", ...officeGlobals, { name: "document", message: "src/core is pure: no DOM." }, { name: "window", message: "src/core is pure: no DOM." }, { name: "process", message: "src/core is pure: no Node." }],
    },
  },
];
