// Prints the latest criterion results as ratios against the baseline measured in the same run.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";

const root = "target/criterion";
if (!existsSync(root)) {
  console.error("no criterion results: run `npm run bench` first");
  process.exit(1);
}
const mean = (dir) => JSON.parse(readFileSync(join(dir, "new", "estimates.json"), "utf8")).mean.point_estimate;
for (const group of readdirSync(root).filter((d) => ["feed_", "price_", "views_"].some((p) => d.startsWith(p)))) {
  const g = join(root, group);
  const baseline = mean(join(g, "baseline", "serde_json_value"));
  console.log(`\n${group}: serde_json::Value baseline ${(baseline / 1e6).toFixed(1)} ms`);
  for (const stage of readdirSync(join(g, "stage"))) {
    const t = mean(join(g, "stage", stage));
    console.log(`  ${stage.padEnd(20)} ${(t / 1e6).toFixed(1).padStart(8)} ms  ${(t / baseline).toFixed(2)}x baseline`);
  }
}
