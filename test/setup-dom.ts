import "@testing-library/jest-dom";

// Fluent components are heavy in jsdom, and a busy 2-core machine (CI, or several runs at once) makes a pane test
// take minutes where it takes seconds alone: one limit for every pane suite, generous, since these tests assert
// behaviour, never timing (speed belongs to `npm run bench`). A suite that needs more still says so itself.
jest.setTimeout(240_000);
