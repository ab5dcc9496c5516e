// Runs the shared cases (../cases.mjs) in a page or a Web Worker, against the package's entry for
// browsers, and returns one result per case.
import { cases } from "../cases.mjs";

/** Whether `eval` is refused, as it must be under the page's Content-Security-Policy. */
export function evalIsBlocked() {
  try {
    (0, eval)("1");
    return false;
  } catch {
    return true;
  }
}

export async function runCases(entry, expectedUrl) {
  const api = await import(entry);
  const results = [];
  // In browsers nothing is instantiated before init().
  let before;
  try {
    api.validate("[]");
    before = "no error";
  } catch (error) {
    before = `${error.name} ${error.code}`;
  }
  results.push({
    name: "a function called before init() throws not-initialized",
    ok: before === "OcpiError not-initialized",
    error: before,
  });
  await api.init();
  const data = await (await fetch(expectedUrl)).json();
  for (const c of cases) {
    try {
      await c.run({ api, data });
      results.push({ name: c.name, ok: true });
    } catch (error) {
      results.push({ name: c.name, ok: false, error: String(error?.stack ?? error) });
    }
  }
  return results;
}
