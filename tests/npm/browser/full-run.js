// Runs the full entry's cases (../full-cases.mjs) in a page or a Web Worker.
import { fullCases } from "../full-cases.mjs";

export async function runFullCases(entry, expectedUrl, feedUrl) {
  const api = await import(entry);
  await api.init();
  const data = await (await fetch(expectedUrl)).json();
  const results = [];
  for (const c of fullCases) {
    try {
      await c.run({ api, data, feedUrl });
      results.push({ name: c.name, ok: true });
    } catch (error) {
      results.push({ name: c.name, ok: false, error: String(error?.stack ?? error) });
    }
  }
  return results;
}
