// Runs every check of the project, in order, and stops at the first failure: formatting, lints
// (warnings are errors) natively and for the WebAssembly build, all Rust tests of the workspace,
// the npm package (built, packed and tested in Node and headless Chromium), then the end-to-end
// tests of the map and validator app in headless Chromium.
import { spawnSync } from "node:child_process";

const steps = [
  ["cargo", ["fmt", "--all", "--check"]],
  ["cargo", ["clippy", "--workspace", "--all-targets", "--locked", "--", "-D", "warnings"]],
  [
    "cargo",
    [
      "clippy", "--lib", "--locked", "--target", "wasm32-unknown-unknown",
      "--no-default-features", "--features", "wasm", "--", "-D", "warnings",
    ],
  ],
  [
    "cargo",
    [
      "clippy", "--lib", "--locked", "--target", "wasm32-unknown-unknown",
      "--no-default-features", "--features", "wasm-full", "--", "-D", "warnings",
    ],
  ],
  ["cargo", ["test", "--workspace", "--locked"]],
  ["node", ["scripts/test-npm.mjs"]],
  // End-to-end tests of the map and validator app (builds the app, the demo data and the CLI
  // when missing; needs /usr/bin/chromium).
  ["npm", ["run", "test:e2e"]],
];

for (const [cmd, args] of steps) {
  console.log(`\n$ ${cmd} ${args.join(" ")}`);
  const result = spawnSync(cmd, args, { stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`\nfailed: ${cmd} ${args.join(" ")} (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
}
console.log("\nall checks passed");
