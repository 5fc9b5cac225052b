/**
 * Clean exits (issue #30): Ctrl-C or SIGTERM during the save removes the temporary file before the process ends,
 * and a system error while saving is a sentence, never a bare code such as "(EFBIG)".
 */
import { existsSync, promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { reasonFor, removeOnSignal } from "../../src/cli/run";

test.each(["SIGINT", "SIGTERM"] as const)(
  "%s while the temporary file is written removes it, then ends the process with that signal",
  async (signal) => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "clean-exit-"));
    const tmp = path.join(dir, `out.aligned.xlsx.${process.pid}.tmp`);
    await fs.writeFile(tmp, Buffer.alloc(1 << 20));
    const others = process.listeners(signal);
    for (const l of others) process.off(signal, l); // only ours hears the test's signal
    const killed: string[] = [];
    try {
      removeOnSignal(tmp, (s) => killed.push(s));
      process.emit(signal, signal);
    } finally {
      for (const l of others) process.on(signal, l);
    }
    expect(existsSync(tmp)).toBe(false);
    expect(killed).toEqual([signal]);
    expect(process.listeners(signal)).toEqual(others); // ours is gone
    await fs.rm(dir, { recursive: true, force: true });
  }
);

test("after the save, the signal is the system's again and the file is left alone", async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "clean-exit-"));
  const tmp = path.join(dir, "kept.tmp");
  await fs.writeFile(tmp, "x");
  const before = process.listenerCount("SIGTERM");
  const stop = removeOnSignal(tmp, () => undefined);
  expect(process.listenerCount("SIGTERM")).toBe(before + 1);
  stop();
  expect(process.listenerCount("SIGTERM")).toBe(before);
  expect(existsSync(tmp)).toBe(true);
  await fs.rm(dir, { recursive: true, force: true });
});

test.each([
  ["EFBIG", "the file would be larger than the disk or the system allows"],
  ["ENOSPC", "the disk is full"],
  ["EACCES", "it is open in another program or the folder does not allow writing"],
  ["EROFS", "the disk is read-only"],
  ["EDQUOT", "your disk quota is used up"],
  ["EWHATEVER", "the system refused it (error EWHATEVER)"],
])("a save failing with %s says: %s", (code, sentence) => {
  expect(reasonFor(Object.assign(new Error(code), { code }))).toBe(sentence);
});
