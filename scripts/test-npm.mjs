// Tests the npm package as users get it: builds pkg/ (scripts/build-npm.mjs), packs it with
// `npm pack`, installs the tarball into a scratch project outside the source tree, and runs
// tests/npm there with `node --test`: in Node, with tsc on a consumer, and in headless Chromium.
// The expected outputs come from the native CLI, run here on the same inputs.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildExpected } from "../tests/npm/expected.mjs";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const fixtures = join(repo, "..", "shared", "fixtures");
const cli = join(repo, "target", "debug", "ocpi-open-data");

function run(cmd, args, options = {}) {
  console.log(`$ ${cmd} ${args.join(" ")}`);
  const result = spawnSync(cmd, args, { stdio: "inherit", ...options });
  if (result.status !== 0) {
    console.error(`failed: ${cmd} ${args.join(" ")} (exit ${result.status ?? result.error ?? result.signal})`);
    process.exit(result.status || 1);
  }
}

if (!existsSync("/usr/bin/chromium")) {
  console.error("the browser tests need Debian's chromium: apt-get install -y chromium (.ci/run does it)");
  process.exit(1);
}
if (!existsSync(fixtures)) {
  console.error(`the fixtures are not at ${fixtures}`);
  process.exit(1);
}

run(process.execPath, [join(repo, "scripts", "build-npm.mjs")]);
run("cargo", ["build", "--locked", "--bin", "ocpi-open-data"], { cwd: repo });

const project = mkdtempSync(join(tmpdir(), "ocpi-open-data-consumer-"));
run("npm", ["pack", join(repo, "pkg"), "--pack-destination", project, "--silent"]);
const tarball = readdirSync(project).find((f) => f.endsWith(".tgz"));
writeFileSync(
  join(project, "package.json"),
  `${JSON.stringify({ name: "ocpi-open-data-consumer", private: true, type: "module" }, null, 2)}\n`,
);
run("npm", ["install", "--no-audit", "--no-fund", "--no-package-lock", `./${tarball}`], { cwd: project });
cpSync(join(repo, "tests", "npm"), project, { recursive: true });
writeFileSync(join(project, "expected.json"), JSON.stringify(buildExpected({ cli, fixtures, repo })));

const result = spawnSync(
  process.execPath,
  ["--test", "api.test.mjs", "full.test.mjs", "feed.test.mjs", "types.test.mjs", "browser.test.mjs"],
  {
    cwd: project,
    stdio: "inherit",
    env: { ...process.env, OCPI_REPO: repo, OCPI_FIXTURES: fixtures },
  },
);
if (result.status !== 0) {
  console.error(`\nnpm package tests failed; the scratch project is kept in ${project}`);
  process.exit(result.status || 1);
}
rmSync(project, { recursive: true, force: true });
