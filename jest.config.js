/** @type {import('jest').Config} */
const tsJest = ["ts-jest", { tsconfig: "tsconfig.jest.json" }];
module.exports = {
  // A test with no timeout of its own gets a minute, not Jest's 5 s: on a busy 2-core machine the first test of a
  // file pays for loading the CLI's module graph (a 5 s timeout failed test/reliability/cli.test.ts at load 10).
  // Heavy tests set their own, longer ones. Speed is measured by `npm run bench`, never by a timeout here.
  testTimeout: 60_000,
  projects: [
    {
      displayName: "node",
      testEnvironment: "node",
      transform: { "^.+\\.tsx?$": tsJest },
      testMatch: ["<rootDir>/test/**/*.test.ts"],
      testPathIgnorePatterns: ["/node_modules/", "/test/browser/"],
    },
    {
      displayName: "dom",
      testEnvironment: "jsdom",
      transform: { "^.+\\.tsx?$": tsJest },
      testMatch: ["<rootDir>/test/**/*.test.tsx"],
      setupFilesAfterEnv: ["<rootDir>/test/setup-dom.ts"],
    },
  ],
};
