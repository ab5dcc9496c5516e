// Runs every check of the project, in order, and stops at the first failure:
// formatting, lints (warnings are errors), all Rust tests of the workspace, then the WebAssembly build.
import { spawnSync } from "node:child_process";

const steps = [
  ["cargo", ["fmt", "--all", "--check"]],
  ["cargo", ["clippy", "--workspace", "--all-targets", "--locked", "--", "-D", "warnings"]],
  ["cargo", ["test", "--workspace", "--locked"]],
  // The core library, with the browser transport of the feed client, builds for WebAssembly.
  ["cargo", ["clippy", "--lib", "--target", "wasm32-unknown-unknown", "--no-default-features", "--locked", "--", "-D", "warnings"]],
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
