// Builds the npm package into pkg/: the core compiled to WebAssembly (feature `wasm`, profile
// `wasm-release`), its wasm-bindgen glue, wasm-opt, the entries and types from npm/, README and
// licence, and package.json from npm/package.template.json.
//
// Installs what it needs and pins it: the wasm32 target (rustup), wasm-bindgen-cli at the version
// of wasm-bindgen in Cargo.lock (cargo install, skipped when the installed one matches), and
// binaryen's wasm-opt from the pinned devDependency (npm ci when node_modules lacks it).
//
// Fails when the gzipped .wasm exceeds the size budget.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

/** The gzipped .wasm may not be larger than this. */
const BUDGET_GZIP_BYTES = 250_000;
const TARGET = "wasm32-unknown-unknown";
const PROFILE = "wasm-release";
/**
 * WebAssembly SIMD (Chrome 91, Firefox 89, Safari 16.4, Node 16.4): memchr's searches over the
 * whole input run 16 bytes at a time instead of 8.
 */
const RUSTFLAGS = "-C target-feature=+simd128";
/** The features wasm-opt may use: those rustc enables by default for the target, and SIMD. */
const WASM_FEATURES = [
  "--enable-simd",
  "--enable-bulk-memory",
  "--enable-nontrapping-float-to-int",
  "--enable-reference-types",
  "--enable-multivalue",
  "--enable-sign-ext",
];

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = join(root, "pkg");
const work = join(root, "target", "npm");
process.chdir(root);

function run(cmd, args, options = {}) {
  console.log(`$ ${cmd} ${args.join(" ")}`);
  const result = spawnSync(cmd, args, { stdio: "inherit", ...options });
  if (result.status !== 0) {
    console.error(`failed: ${cmd} ${args.join(" ")} (exit ${result.status ?? result.error ?? result.signal})`);
    process.exit(1);
  }
}

function output(cmd, args) {
  const result = spawnSync(cmd, args, { encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** The version of a package in Cargo.lock. */
function lockedVersion(name) {
  const lock = readFileSync("Cargo.lock", "utf8");
  const match = lock.match(new RegExp(`\\[\\[package\\]\\]\\nname = "${name}"\\nversion = "([^"]+)"`));
  if (!match) {
    console.error(`${name} is not in Cargo.lock`);
    process.exit(1);
  }
  return match[1];
}

// 1. The wasm32 target.
if (!(output("rustup", ["target", "list", "--installed"]) ?? "").split("\n").includes(TARGET)) {
  run("rustup", ["target", "add", TARGET]);
}

// 2. wasm-bindgen-cli at the version the crate links (the two must match exactly).
const bindgenVersion = lockedVersion("wasm-bindgen");
const cargoBin = join(process.env.CARGO_HOME ?? join(homedir(), ".cargo"), "bin");
const bindgen = ["wasm-bindgen", join(cargoBin, "wasm-bindgen")].find(
  (cmd) => output(cmd, ["--version"]) === `wasm-bindgen ${bindgenVersion}`,
);
const wasmBindgen = bindgen ?? join(cargoBin, "wasm-bindgen");
if (!bindgen) {
  run("cargo", ["install", "wasm-bindgen-cli", "--version", bindgenVersion]);
}

// 3. wasm-opt from the pinned binaryen devDependency.
const wasmOpt = join(root, "node_modules", ".bin", "wasm-opt");
if (!existsSync(wasmOpt)) {
  run("npm", ["ci"]);
}

// 4-5. The core as WebAssembly, twice: the validator (feature `wasm`, the default entry, within
// the budget) and the full build (feature `wasm-full`: views, pricing, TOTP and the tz database,
// the entry `ocpi-open-data/full`). Each: cargo, the glue for ES modules (browsers, workers,
// bundlers; Node through node.js), then wasm-opt.
rmSync(work, { recursive: true, force: true });
rmSync(pkg, { recursive: true, force: true });
const compiled = join(root, "target", TARGET, PROFILE, "ocpi_open_data.wasm");
function buildWasm(features, dir) {
  run(
    "cargo",
    [
      "rustc", "--lib", "--locked",
      "--target", TARGET, "--profile", PROFILE,
      "--no-default-features", "--features", features,
      "--crate-type", "cdylib",
    ],
    { env: { ...process.env, CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS: RUSTFLAGS } },
  );
  const bindgenOut = join(work, features);
  mkdirSync(bindgenOut, { recursive: true });
  run(wasmBindgen, [
    "--target", "web", "--no-typescript", "--experimental-reset-state-function",
    "--out-dir", bindgenOut, "--out-name", "ocpi_open_data", compiled,
  ]);
  mkdirSync(dir, { recursive: true });
  const bound = join(bindgenOut, "ocpi_open_data_bg.wasm");
  const optimised = join(dir, "ocpi_open_data_bg.wasm");
  run(wasmOpt, ["-Oz", ...WASM_FEATURES, bound, "-o", optimised]);
  copyFileSync(join(bindgenOut, "ocpi_open_data.js"), join(dir, "ocpi_open_data.js"));
  return {
    bound,
    raw: statSync(bound).size,
    wasm_opt: statSync(optimised).size,
    gzip: gzipSync(readFileSync(optimised), { level: 9 }).length,
  };
}
const validator = buildWasm("wasm", pkg);
const fullDir = join(pkg, "full");
const full = buildWasm("wasm-full", fullDir);

// 6. The package. The full entry has the same modules; its api.js is the validator's with the
// functions of npm/full/api.js appended (they share `exported` and the wasm import).
for (const file of ["index.js", "node.js", "api.js", "index.d.ts", "README.md"]) {
  copyFileSync(join(root, "npm", file), join(pkg, file));
}
for (const file of ["index.js", "node.js"]) {
  copyFileSync(join(root, "npm", file), join(fullDir, file));
}
copyFileSync(join(root, "npm", "full", "index.d.ts"), join(fullDir, "index.d.ts"));
writeFileSync(
  join(fullDir, "api.js"),
  `${readFileSync(join(root, "npm", "api.js"), "utf8")}\n${readFileSync(join(root, "npm", "full", "api.js"), "utf8")}`,
);
copyFileSync(join(root, "LICENSE"), join(pkg, "LICENSE"));
const cargoVersion = readFileSync("Cargo.toml", "utf8").match(/^version = "([^"]+)"/m)[1];
const manifest = JSON.parse(readFileSync(join(root, "npm", "package.template.json"), "utf8"));
manifest.version = cargoVersion;
writeFileSync(join(pkg, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);

// 7. The size budget (the validator's); the full build's size is measured and reported.
const sizes = {
  date: new Date().toISOString().slice(0, 10),
  raw: validator.raw,
  wasm_opt: validator.wasm_opt,
  gzip: validator.gzip,
  budget_gzip: BUDGET_GZIP_BYTES,
  full: { raw: full.raw, wasm_opt: full.wasm_opt, gzip: full.gzip },
};
writeFileSync(join(work, "size.json"), `${JSON.stringify(sizes, null, 2)}\n`);
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
console.log(
  `\nocpi_open_data_bg.wasm: ${kb(sizes.raw)} from wasm-bindgen, ${kb(sizes.wasm_opt)} after wasm-opt -Oz, ` +
    `${kb(sizes.gzip)} gzipped (budget ${kb(BUDGET_GZIP_BYTES)})`,
);
console.log(
  `full/ocpi_open_data_bg.wasm: ${kb(full.raw)} from wasm-bindgen, ${kb(full.wasm_opt)} after wasm-opt -Oz, ` +
    `${kb(full.gzip)} gzipped`,
);
if (sizes.gzip > BUDGET_GZIP_BYTES) {
  console.error(
    `the gzipped .wasm is over the budget by ${kb(sizes.gzip - BUDGET_GZIP_BYTES)}; ` +
      `\`twiggy top -n 30 ${validator.bound}\` (cargo install twiggy) shows what is in it`,
  );
  process.exit(1);
}
console.log(`package in ${pkg}`);
