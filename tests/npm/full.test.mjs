// The full entry (`ocpi-open-data/full`) in Node, installed from the packed tarball: the
// regulation views, pricing and TOTP give exactly what the CLI gives for the same inputs
// (expected.json, from expected.mjs), local time is read in the locations' time zones, and the
// validator's functions are there too.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import * as full from "ocpi-open-data/full";
import * as validator from "ocpi-open-data";

const data = JSON.parse(readFileSync(new URL("./expected.json", import.meta.url), "utf8"));
const { views, price, totp } = data.full;
const files = (list) => list.map((f) => ({ path: f.path, input: f.text }));
const viewOptions = { asOf: "2025-06-01", commissioned: "2024-01-01" };

/** Runs `run`, which must throw the entry's OcpiError with `code`. */
function throwsCode(run, code) {
  assert.throws(run, (e) => e instanceof full.OcpiError && e.code === code && e.message.length > 10);
}

test("the full entry exports the validator's functions and the views, pricing and TOTP", () => {
  assert.deepEqual(Object.keys(full).sort(), [
    "OcpiError", "Totp", "afir", "explainTariff", "explainTariffParts", "fetchFeed", "init", "initSync", "normalize", "pages", "price", "uk", "validate", "validateFeed",
  ]);
  const doc = data.documents.find((d) => d.path.endsWith("2.2.1/location_example.json"));
  assert.deepEqual(full.normalize(doc.text, { path: doc.path }), validator.normalize(doc.text, { path: doc.path }));
});

test("afir gives the CLI's document, with tariffs, facts and TEN-T", () => {
  const report = full.afir(files(views.locations), { ...viewOptions, tariffs: files(views.tariffs), tenT: true });
  assert.deepEqual(report, views.afir);
  assert.equal(report.locations.length, 11);
  const withFacts = full.afir(files(views.locations), { ...viewOptions, facts: views.facts });
  assert.deepEqual(withFacts, views.afirFacts);
  assert.deepEqual(full.afir(files(views.locations), { ...viewOptions, facts: JSON.stringify(views.facts) }), views.afirFacts);
  assert.notDeepEqual(withFacts, report);
});

test("uk gives the CLI's document, micro business or not", () => {
  assert.deepEqual(full.uk(files(views.locations), { ...viewOptions, tariffs: files(views.tariffs) }), views.uk);
  assert.deepEqual(full.uk(files(views.locations), { ...viewOptions, microBusiness: true }), views.ukMicro);
  assert.notDeepEqual(views.uk.summary, views.ukMicro.summary);
});

test("uk reads status snapshots as the CLI reads a --snapshots directory", () => {
  const rapid = files([views.rapid]);
  const report = full.uk(rapid, { ...viewOptions, snapshots: files(views.snapshots) });
  assert.deepEqual(report, views.ukSnapshots);
  assert.deepEqual(full.uk(rapid, viewOptions), views.ukRapid);
  assert.equal(report.network[0].id, "UK-R7-RELIABILITY");
  assert.notDeepEqual(report.network, views.ukRapid.network);
  throwsCode(() => full.uk(files(views.locations), { ...viewOptions, snapshots: [] }), "invalid-options");
  throwsCode(() => full.uk(files(views.locations), { ...viewOptions, snapshots: [{ path: "s.json", input: "[" }] }), "invalid-input");
});

test("asOf is a date, a Date or today; wrong view options throw", () => {
  const one = files(views.locations.slice(0, 1));
  const asString = full.afir(one, { asOf: "2025-06-01" });
  assert.deepEqual(full.afir(one, { asOf: new Date(2025, 5, 1, 12) }), asString);
  assert.ok(full.afir(one).locations.length === 1);
  throwsCode(() => full.afir(one, { asOf: "1 June" }), "invalid-options");
  throwsCode(() => full.afir(one, { ten_t: true }), "invalid-options");
  throwsCode(() => full.uk(one, { facts: "{not json" }), "invalid-options");
  throwsCode(() => full.uk(one, { snapshots: "dir" }), "invalid-options");
  throwsCode(() => full.afir(42), "invalid-input");
});

test("price gives the CLI's document for a session and a CDR, in the location's time zone", () => {
  const bySession = full.price({ tariff: price.complexTariff, session: price.session });
  assert.deepEqual(bySession, price.bySession);
  assert.equal(bySession.time_zone, "Europe/Berlin");
  assert.deepEqual(full.price({ tariff: price.complexTariff, session: price.session, language: "de" }), price.bySessionDe);
  const tokyo = full.price({ tariff: price.complexTariff, session: new TextEncoder().encode(price.session), timeZone: "Asia/Tokyo" });
  assert.deepEqual(tokyo, price.bySessionTokyo);
  assert.notDeepEqual(tokyo.periods, bySession.periods);
  const byCdr = full.price({ tariff: price.cdrTariff, cdr: price.cdr });
  assert.deepEqual(byCdr, price.byCdr);
  assert.equal(typeof byCdr.cdr.matches, "boolean");
});

test("price returns the CLI's error document for data it cannot price, and throws for bad requests", () => {
  const unpriceable = full.price({ tariff: price.session, session: price.session });
  assert.deepEqual(unpriceable, price.unpriceable);
  assert.equal(typeof unpriceable.error.code, "string");
  throwsCode(() => full.price({ tariff: price.complexTariff }), "invalid-options");
  throwsCode(() => full.price({ tariff: price.complexTariff, session: price.session, cdr: price.cdr }), "invalid-options");
  throwsCode(() => full.price({ session: price.session }), "invalid-options");
  throwsCode(() => full.price({ tariff: price.complexTariff, session: price.session, timeZone: "Mars/Olympus" }), "invalid-options");
  throwsCode(() => full.price({ tariff: price.complexTariff, session: price.session, language: "fr" }), "invalid-options");
});

test("explainTariff gives the explanation of price, in English and German, and its parts", () => {
  assert.equal(full.explainTariff(price.complexTariff), price.bySession.explanation);
  assert.equal(full.explainTariff(price.complexTariff, { language: "de" }), price.bySessionDe.explanation);
  const parts = full.explainTariffParts(price.complexTariff);
  assert.equal(parts.text, price.bySession.explanation);
  assert.ok(parts.prices.length >= 5 && parts.prices.every((p) => typeof p.text === "string" && typeof p.amount === "string"));
  throwsCode(() => full.explainTariff("[]"), "tariff-unreadable");
  throwsCode(() => full.explainTariff(price.complexTariff, { tariffId: "no-such-tariff" }), "tariff-unreadable");
});

test("Totp gives the CLI's tokens and the format's test vectors, and verifies", () => {
  const t = new full.Totp(totp.config);
  for (const { at, report } of totp.at) {
    assert.deepEqual(t.tokens(at), report);
  }
  let checked = 0;
  for (const v of totp.vectors) {
    if (v.requires?.length || v.input.tlsExporterMaterialHex) continue;
    const config = { sharedSecret: v.input.sharedSecret };
    if (v.input.validityTimeSeconds != null) config.validityTime = v.input.validityTimeSeconds;
    if (v.input.totpLength != null) config.length = v.input.totpLength;
    if (v.input.alphabet != null) config.alphabet = v.input.alphabet;
    if (v.input.hashAlgorithm != null) config.hashAlgorithm = v.input.hashAlgorithm;
    const tokens = new full.Totp(config).tokens(v.input.unixTimestampMillis);
    assert.equal(tokens.previous, v.expected.previous, v.id);
    assert.equal(tokens.current, v.expected.current, v.id);
    assert.equal(tokens.next, v.expected.next, v.id);
    assert.equal(tokens.remaining_seconds, v.expected.remainingTimeSeconds, v.id);
    checked += 1;
  }
  assert.ok(checked >= 5, `${checked} vectors checked`);
  const at = totp.at[0];
  assert.equal(t.verify(at.report.current, at.at), true);
  assert.equal(t.verify(at.report.previous, at.at), true);
  assert.equal(t.verify(at.report.current, at.at + 120_000), false);
  assert.equal(typeof t.tokens().current, "string");
});

test("Totp never exposes its secret and refuses bad configurations with the format's codes", () => {
  const t = new full.Totp(JSON.stringify(totp.config));
  const seen = JSON.stringify(t) + Object.keys(t).join() + String(Object.getOwnPropertyNames(Object.getPrototypeOf(t)));
  assert.ok(!seen.includes(totp.config.sharedSecret), seen);
  throwsCode(() => new full.Totp({ sharedSecret: "" }), "totp-secret-empty");
  throwsCode(() => new full.Totp({ sharedSecret: "secure!Charging!", length: 2 }), "totp-length-out-of-range");
  throwsCode(() => new full.Totp({ sharedSecret: "secure!Charging!", color: "red" }), "totp-config-invalid");
  throwsCode(() => t.tokens(-1), "totp-timestamp-negative");
  throwsCode(() => t.tokens(1.5), "invalid-input");
  throwsCode(() => t.verify(42, 0), "invalid-input");
  t.free();
});
