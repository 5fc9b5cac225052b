/** budget-align's `main` run in the test process, with what it printed to standard output and error. */
import { main } from "../../src/cli/main";

export async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(
    args,
    (s) => (out += s + "\n"),
    (s) => (err += s + "\n")
  );
  return { code, out, err };
}
