// What the package's tests compare with: the native CLI's JSON output for each input, computed
// here by running the CLI. The inputs travel with their expected outputs, so that the same cases
// run in Node and in Chromium (which receives this object as /expected.json).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

/** Every `.json` file below `dir`, as paths relative to `base`, sorted. */
function jsonFiles(dir, base) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".json"))
    .map((e) => relative(base, join(e.parentPath ?? e.path, e.name)))
    .sort();
}

/**
 * Runs the CLI in `cwd` and reads its JSON output. Exit status 0 or 1 (no errors / errors in the
 * data) are both results; anything else is a failure of the test set-up.
 */
function runCli(cli, args, cwd) {
  const result = spawnSync(cli, args, { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`${cli} ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  }
  return JSON.parse(result.stdout);
}

/** A document nested `depth` arrays deep. */
export function nested(depth) {
  return "[".repeat(depth) + "]".repeat(depth);
}

/** A document nested `depth` objects deep. */
export function nestedObjects(depth) {
  return '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
}

/**
 * Builds the inputs and the CLI's outputs the cases compare with.
 * `cli` is the native binary, `fixtures` the shared fixtures folder, `repo` the repository.
 */
export function buildExpected({ cli, fixtures, repo }) {
  const text = (rel) => readFileSync(join(fixtures, rel), "utf8");
  const validateOne = (rel, args = [], cwd = fixtures) =>
    runCli(cli, ["validate", "--format", "json", ...args, rel], cwd).files[0];

  // Every example of the specification and every real-world sample, each alone.
  const documents = [
    ...jsonFiles(join(fixtures, "ocpi-spec-examples"), fixtures),
    ...jsonFiles(join(fixtures, "real-world-samples"), fixtures),
  ].map((path) => ({ path, text: text(path), report: validateOne(path) }));

  // Inputs made here, each with the CLI flags and the package options that mean the same.
  const scratch = mkdtempSync(join(tmpdir(), "ocpi-npm-cases-"));
  const location221 = text("ocpi-spec-examples/2.2.1/location_example.json");
  const tariff221 = text("ocpi-spec-examples/2.2.1/tariff_4_complex.json");
  const zepto = text("real-world-samples/ocpi_2_2_locations-zepto.json");
  const made = [
    { name: "comments", path: "with-comments.json", text: `// exported by hand\n${location221}`, args: [], options: {} },
    {
      name: "comments allowed",
      path: "with-comments.json",
      text: `// exported by hand\n${location221}`,
      args: ["--allow-comments"],
      options: { allowComments: true },
    },
    { name: "version forced", path: "location.json", text: location221, args: ["--version", "2.1.1"], options: { version: "2.1.1" } },
    { name: "kind forced", path: "tariff.json", text: tariff221, args: ["--kind", "location"], options: { kind: "location" } },
    { name: "label", path: "location.json", text: location221, args: ["--label", "2.2"], options: { label: "2.2" } },
    { name: "label from the path", path: "ocpi_2_1_1_locations.json", text: location221, args: [], options: {} },
    { name: "nesting beyond 128", path: "deep.json", text: nested(129), args: [], options: {} },
    { name: "truncated feed", path: "truncated.json", text: zepto.slice(0, Math.floor(zepto.length / 2)), args: [], options: {} },
    {
      name: "byte order mark and CRLF",
      path: "crlf.json",
      text: `\uFEFF${location221.replaceAll("\n", "\r\n")}`,
      args: [],
      options: {},
    },
    {
      name: "integers beyond 2^53",
      path: "big-numbers.json",
      text: location221.replace('"id": "LOC1",', '"id": "LOC1", "vendor_sequence": 12345678901234567890, "vendor_negative": -9007199254740993,'),
      args: [],
      options: {},
    },
  ];
  for (const m of made) {
    writeFileSync(join(scratch, m.path), m.text);
    m.report = validateOne(m.path, m.args, scratch);
    m.normalized = runCli(cli, ["normalize", ...m.args, m.path], scratch);
  }
  const fuzz = readFileSync(join(repo, "tests", "data", "fuzz-crash-evse-id.bin"));
  writeFileSync(join(scratch, "fuzz.bin"), fuzz);

  // A feed of several files: ids unique across them, tariff references resolved.
  const feedFiles = [
    "ocpi-spec-examples/2.2.1/location_example.json",
    "ocpi-spec-examples/2.2.1/tariff_4_complex.json",
    "ocpi-spec-examples/2.2.1/tariff_1_simple_2hour.json",
    "real-world-samples/ocpi_2_2_locations-zepto.json",
    // The same file twice: its ids are then duplicated across the feed.
    "ocpi-spec-examples/2.2.1/location_example.json",
  ];
  const feed = {
    files: feedFiles.map((path) => ({ path, text: text(path) })),
    report: runCli(cli, ["validate", "--format", "json", ...feedFiles], fixtures),
    normalized: runCli(cli, ["normalize", ...feedFiles], fixtures),
  };

  // The full entry: the regulation views, pricing and TOTP, each against the CLI.
  const viewLocations = ["ocpi-spec-examples/2.2.1/location_example.json", "real-world-samples/ocpi_2_2_locations-zepto.json"];
  const viewTariffs = ["ocpi-spec-examples/2.2.1/tariff_4_complex.json"];
  const viewArgs = ["--format", "json", "--as-of", "2025-06-01", "--commissioned", "2024-01-01"];
  const viewTariffArgs = viewTariffs.flatMap((t) => ["--tariffs", t]);
  const facts = { LOC1: { commissioned: "2020-03-01", ten_t: false } };
  writeFileSync(join(scratch, "facts.json"), JSON.stringify(facts));
  const views = {
    locations: viewLocations.map((path) => ({ path, text: text(path) })),
    tariffs: viewTariffs.map((path) => ({ path, text: text(path) })),
    facts,
    afir: runCli(cli, ["afir", ...viewArgs, "--ten-t", ...viewTariffArgs, ...viewLocations], fixtures),
    afirFacts: runCli(cli, ["afir", ...viewArgs, "--facts", join(scratch, "facts.json"), ...viewLocations], fixtures),
    uk: runCli(cli, ["uk", ...viewArgs, ...viewTariffArgs, ...viewLocations], fixtures),
    ukMicro: runCli(cli, ["uk", ...viewArgs, "--micro-business", ...viewLocations], fixtures),
  };
  // Status snapshots of the first zepto EVSE over a week, for the rapid network's reliability.
  const snapshotDir = join(scratch, "snapshots");
  mkdirSync(snapshotDir);
  views.snapshots = [
    ["a.json", "2025-03-03T00:00:00Z", "AVAILABLE"],
    ["b.json", "2025-03-07T00:00:00Z", "OUTOFORDER"],
    ["c.json", "2025-03-10T00:00:00Z", "AVAILABLE"],
  ].map(([name, timestamp, status]) => {
    const text = JSON.stringify({ timestamp, statuses: [{ location_id: "8832002", evse_uid: "8832002", status }] });
    writeFileSync(join(snapshotDir, name), text);
    return { path: join(snapshotDir, name), text };
  });
  // The first zepto location made a rapid (150 kW DC) point, so that reliability is measured.
  const rapid = JSON.parse(text(viewLocations[1]));
  Object.assign(rapid[0].evses[0].connectors[0], { standard: "IEC_62196_T2_COMBO", power_type: "DC", max_voltage: 500, max_amperage: 300, max_electric_power: 150000 });
  views.rapid = { path: "rapid.json", text: JSON.stringify(rapid) };
  writeFileSync(join(scratch, "rapid.json"), views.rapid.text);
  views.ukSnapshots = runCli(cli, ["uk", ...viewArgs, "--snapshots", snapshotDir, "rapid.json"], scratch);
  views.ukRapid = runCli(cli, ["uk", ...viewArgs, "rapid.json"], scratch);
  const pricing = join(fixtures, "tariff-pricing", "v221", "real_world");
  const session = {
    start_date_time: "2025-01-15T17:30:00Z",
    end_date_time: "2025-01-15T19:45:00Z",
    timezone: "Europe/Berlin",
    energy_kwh: 42.5,
    max_power_kw: 50,
  };
  writeFileSync(join(scratch, "session.json"), JSON.stringify(session));
  const cdrCase = join(pricing, "credit_cdr");
  const complexTariff = join(pricing, "complex", "tariff.json");
  const price = {
    session: JSON.stringify(session),
    complexTariff: readFileSync(complexTariff, "utf8"),
    bySession: runCli(cli, ["price", "--format", "json", "--tariff", complexTariff, "--session", join(scratch, "session.json")], scratch),
    bySessionDe: runCli(cli, ["price", "--format", "json", "--language", "de", "--tariff", complexTariff, "--session", join(scratch, "session.json")], scratch),
    bySessionTokyo: runCli(cli, ["price", "--format", "json", "--timezone", "Asia/Tokyo", "--tariff", complexTariff, "--session", join(scratch, "session.json")], scratch),
    cdr: readFileSync(join(cdrCase, "cdr.json"), "utf8"),
    cdrTariff: readFileSync(join(cdrCase, "tariff.json"), "utf8"),
    byCdr: runCli(cli, ["price", "--format", "json", "--tariff", join(cdrCase, "tariff.json"), "--cdr", join(cdrCase, "cdr.json")], scratch),
    unpriceable: runCli(cli, ["price", "--format", "json", "--tariff", join(scratch, "session.json"), "--session", join(scratch, "session.json")], scratch),
  };
  const totpConfig = { sharedSecret: "secure!Charging!", validityTime: 30, length: 12 };
  writeFileSync(join(scratch, "totp.json"), JSON.stringify(totpConfig));
  const totp = {
    config: totpConfig,
    vectors: JSON.parse(readFileSync(join(fixtures, "totp", "totp-test-vectors.json"), "utf8")).vectors,
    at: [1718611200000, 1718611215999, 1].map((at) => ({
      at,
      report: runCli(cli, ["totp", "--format", "json", "--config", join(scratch, "totp.json"), "--at", String(at)], scratch),
    })),
  };

  return {
    documents,
    made,
    full: { views, price, totp },
    fuzz: { path: "fuzz.bin", base64: fuzz.toString("base64"), report: validateOne("fuzz.bin", [], scratch) },
    feed,
    normalized: documents.map((d) => ({ path: d.path, feed: runCli(cli, ["normalize", d.path], fixtures) })),
  };
}
