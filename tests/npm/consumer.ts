// A consumer of the package, type-checked with `tsc --noEmit` (types.test.mjs): every export in
// use, with the types it must have. The lines after @ts-expect-error must fail to type-check.
import {
  init,
  initSync,
  normalize,
  OcpiError,
  validate,
  validateFeed,
  type Connector,
  type Diagnostic,
  type DiagnosticCode,
  type Feed,
  type FeedReport,
  type FileReport,
  type OcpiErrorCode,
  type OcpiVersion,
  type Tariff,
} from "ocpi-open-data";

await init();
await init(new URL("./ocpi_open_data_bg.wasm", import.meta.url));
initSync(new Uint8Array(0));

const report: FileReport = validate('{"id": "1"}', {
  path: "locations.json",
  version: "2.2.1",
  kind: "location",
  label: "2.2",
  allowComments: true,
  maxBytes: 1 << 20,
  maxDepth: 64,
  now: new Date(),
});
const fromBytes: FileReport = validate(new Uint8Array(0), { now: "2025-01-01T00:00:00Z" });
const errors: Diagnostic[] = report.diagnostics.filter((d) => d.severity === "error");
const first: DiagnosticCode | undefined = errors[0]?.code;
const place: string = `${report.path}:${errors[0]?.line}:${errors[0]?.column} at ${errors[0]?.pointer}`;
const version: OcpiVersion | null = fromBytes.version;
const known: boolean = report.kind === "version_details";

const feedReport: FeedReport = validateFeed(
  [
    { path: "locations.json", input: "[]" },
    { path: "tariffs.json", input: new ArrayBuffer(0) },
  ],
  { allowComments: false },
);
const totals: number = feedReport.summary.errors + feedReport.summary.warnings + feedReport.summary.infos;

const feed: Feed = normalize("[]", { path: "locations.json" });
const merged: Feed = normalize([{ path: "a.json", input: "[]" }]);
const lat: number | undefined = feed.locations[0]?.coordinates?.lat;
const connector: Connector | undefined = feed.locations[0]?.evses?.[0]?.connectors?.[0];
const watts: number | undefined = connector?.max_electric_power;
const tariff: Tariff | undefined = merged.tariffs[0];
const price: string | undefined = tariff?.elements?.[0]?.price_components?.[0]?.price;
const hasErrors: boolean | undefined = tariff?.source.has_errors;

try {
  validate(42 as unknown as string);
} catch (error) {
  if (error instanceof OcpiError) {
    const code: OcpiErrorCode = error.code;
    const message: string = error.message;
    console.log(code, message);
  }
}

console.log(first, place, version, known, totals, lat, watts, price, hasErrors);

// @ts-expect-error: options are camelCase
validate("[]", { allow_comments: true });
// @ts-expect-error: a version this package does not read
validate("[]", { version: "2.2" });
// @ts-expect-error: a number is not an input
validate(42);
// @ts-expect-error: validateFeed reads files, not text
validateFeed("[]");
// @ts-expect-error: a single input has its own path; the files of a feed have theirs
normalize([{ path: "a.json", input: "[]" }], { path: "b.json" });
// @ts-expect-error: codes are a closed list
const wrong: DiagnosticCode = "no-such-code";
// @ts-expect-error: money is an exact decimal string, not a number
const money: number | undefined = price;
console.log(wrong, money);

// The full entry: views, pricing and TOTP.
import * as full from "ocpi-open-data/full";

const afirReport: full.RegulationReport = full.afir([{ path: "l.json", input: "[]" }], {
  tariffs: "[]",
  asOf: new Date(),
  commissioned: "2024-01-01",
  facts: { LOC1: { ten_t: true } },
  tenT: true,
});
const status: full.RequirementStatus | undefined = afirReport.locations[0]?.requirements[0]?.status;
const ukReport = full.uk("[]", { microBusiness: true, snapshots: [{ path: "s.json", input: "{}" }] });
const priced = full.price({ tariff: "{}", session: "{}", language: "de", timeZone: "Europe/Berlin" });
const total: string | null = "error" in priced ? null : priced.total.after_tax;
const explained: string = full.explainTariff("{}", { language: "de" });
const parts: full.Explanation = full.explainTariffParts("{}");
const totp = new full.Totp({ sharedSecret: "secure!Charging!" });
const tokens: full.TotpTokens = totp.tokens(Date.now());
const ok: boolean = totp.verify(tokens.current);
const fullValidate: full.FileReport = full.validate("[]");
console.log(status, ukReport.network, total, explained, parts.prices, ok, fullValidate, full.OcpiError);
// @ts-expect-error: options are camelCase
full.afir("[]", { ten_t: true });
// @ts-expect-error: a language the explanations do not have
full.explainTariff("{}", { language: "fr" });
