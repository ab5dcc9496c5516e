// The cases of the npm package's tests, run the same way in Node (api.test.mjs), on a page in
// Chromium and in a Web Worker (browser/run.js). Each case gets the package's exports (`api`) and
// the inputs with the native CLI's outputs for them (`data`, from expected.mjs), and throws when
// the package does not give what the CLI gives. No Node modules here: this runs in browsers too.

/** Throws `message` unless `condition`. */
function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** Where two JSON-like values first differ (values, key sets and key order), or null. */
function difference(actual, expected, path = "") {
  if (Object.is(actual, expected)) return null;
  const kind = (v) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
  if (kind(actual) !== kind(expected)) {
    return `${path || "/"}: ${kind(actual)} ${JSON.stringify(actual)?.slice(0, 200)} instead of ${kind(expected)} ${JSON.stringify(expected)?.slice(0, 200)}`;
  }
  if (kind(actual) === "array") {
    if (actual.length !== expected.length) {
      return `${path || "/"}: ${actual.length} elements instead of ${expected.length}`;
    }
    for (let i = 0; i < actual.length; i++) {
      const d = difference(actual[i], expected[i], `${path}/${i}`);
      if (d) return d;
    }
    return null;
  }
  if (kind(actual) === "object") {
    const a = Object.keys(actual);
    const e = Object.keys(expected);
    if (a.join("\n") !== e.join("\n")) {
      return `${path || "/"}: keys [${a.join(", ")}] instead of [${e.join(", ")}]`;
    }
    for (const key of e) {
      const d = difference(actual[key], expected[key], `${path}/${key}`);
      if (d) return d;
    }
    return null;
  }
  return `${path || "/"}: ${JSON.stringify(actual)} instead of ${JSON.stringify(expected)}`;
}

/** Throws unless `actual` is `expected`, key order included. */
function same(actual, expected, what) {
  const d = difference(actual, expected);
  if (d) throw new Error(`${what}: ${d}`);
}

/**
 * The CLI ran a few seconds before the package: messages that quote the clock (`now is ...`)
 * differ only in that. They are compared without it, and `clockOf` checks the package's clock.
 */
const CLOCK = /now is (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)/g;

function withoutClock(report) {
  return {
    ...report,
    diagnostics: report.diagnostics.map((d) => ({ ...d, message: d.message.replace(CLOCK, "now is (the clock)") })),
  };
}

/** The instants quoted as `now is ...` in a report's messages. */
function clockOf(report) {
  return report.diagnostics.flatMap((d) => [...d.message.matchAll(CLOCK)].map((m) => Date.parse(m[1])));
}

/** Runs `run`, which must throw an OcpiError with `code`; returns it. */
function throwsOcpiError(api, run, code, what) {
  let thrown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  check(thrown !== undefined, `${what}: nothing was thrown`);
  check(thrown instanceof api.OcpiError, `${what}: threw ${thrown} instead of an OcpiError`);
  check(thrown instanceof Error, `${what}: an OcpiError is not an Error`);
  check(thrown.name === "OcpiError", `${what}: name is ${thrown.name}`);
  check(thrown.code === code, `${what}: code ${thrown.code} instead of ${code} (${thrown.message})`);
  check(typeof thrown.message === "string" && thrown.message.length > 10, `${what}: no message`);
  return thrown;
}

function bytesOf(base64) {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

export const cases = [
  {
    name: "validate gives the CLI's report for every spec example and real-world sample",
    run({ api, data }) {
      check(data.documents.length >= 100, `only ${data.documents.length} documents to compare`);
      let clocks = 0;
      for (const doc of data.documents) {
        const report = api.validate(doc.text, { path: doc.path });
        same(withoutClock(report), withoutClock(doc.report), doc.path);
        for (const t of clockOf(report)) {
          check(Math.abs(t - Date.now()) < 120_000, `${doc.path}: "now" is ${new Date(t).toISOString()}, not the clock`);
          clocks += 1;
        }
      }
      check(clocks > 0, "no message quotes the clock: the comparison without it is not exercised");
      const clean = data.documents.filter((d) => d.path.includes("2.2.1/location_example.json"));
      check(clean.length === 1 && clean[0].report.diagnostics.every((d) => d.severity !== "error"), "the 2.2.1 location example has errors");
    },
  },
  {
    name: "validate reports a broken real-world feed with the CLI's codes, pointers and lines",
    run({ api, data }) {
      const zepto = data.documents.find((d) => d.path.endsWith("ocpi_2_2_locations-zepto.json"));
      const report = api.validate(zepto.text, { path: zepto.path });
      same(withoutClock(report), withoutClock(zepto.report), zepto.path);
      check(report.kind === "location" && report.version === "2.2.1", `read as ${report.kind} ${report.version}`);
      check(report.items === 10 && report.items_ok < report.items, `${report.items_ok} of ${report.items} items without errors`);
      const errors = report.diagnostics.filter((d) => d.severity === "error");
      check(errors.length > 0, "no errors found");
      for (const d of errors) {
        check(d.line > 0 && d.column > 0 && d.pointer.startsWith("/"), `error without a place: ${JSON.stringify(d)}`);
      }
      check(report.diagnostics.some((d) => d.code === "field-other-version" && d.pointer.endsWith("/voltage")), "the 2.1.1 name `voltage` is not reported");
    },
  },
  {
    name: "validate reads a string, a Uint8Array and an ArrayBuffer alike",
    run({ api, data }) {
      const doc = data.documents.find((d) => d.path.endsWith("ocpi_2_2_locations-gaia.json"));
      const bytes = new TextEncoder().encode(doc.text);
      same(withoutClock(api.validate(bytes, { path: doc.path })), withoutClock(doc.report), "Uint8Array");
      same(withoutClock(api.validate(bytes.buffer, { path: doc.path })), withoutClock(doc.report), "ArrayBuffer");
      const fuzz = api.validate(bytesOf(data.fuzz.base64), { path: data.fuzz.path });
      same(withoutClock(fuzz), withoutClock(data.fuzz.report), "bytes that are not UTF-8");
    },
  },
  {
    name: "the options mean what the CLI's flags mean",
    run({ api, data }) {
      for (const m of data.made) {
        same(withoutClock(api.validate(m.text, { path: m.path, ...m.options })), withoutClock(m.report), m.name);
      }
      const byName = Object.fromEntries(data.made.map((m) => [m.name, m.report]));
      check(byName.comments.diagnostics.some((d) => d.code === "json-comment"), "comments are not reported without allowComments");
      check(!byName["comments allowed"].diagnostics.some((d) => d.code === "json-comment"), "comments are reported with allowComments");
      check(byName["version forced"].version === "2.1.1", "version was not forced");
      check(byName["kind forced"].kind === "location", "kind was not forced");
      check(byName["label from the path"].diagnostics.some((d) => d.code === "version-shape-mismatch"), "the label in the path is not compared");
      check(byName["nesting beyond 128"].diagnostics.some((d) => d.code === "json-too-deep"), "nesting beyond 128 is not an error");
    },
  },
  {
    name: "validate applies `now` to the rules about the future",
    run({ api, data }) {
      const doc = data.documents.find((d) => d.path.endsWith("2.2.1/location_example.json"));
      const future = (report) => report.diagnostics.filter((d) => d.code === "last-updated-future");
      check(future(api.validate(doc.text, { path: doc.path })).length === 0, "the example's last_updated lies in the future");
      const past = api.validate(doc.text, { path: doc.path, now: new Date("2000-01-01T00:00:00Z") });
      check(future(past).length > 0, "a `now` before last_updated is not applied");
      same(api.validate(doc.text, { path: doc.path, now: "2000-01-01T00:00:00Z" }), past, "now as a string");
      same(api.validate(doc.text, { path: doc.path, now: Date.UTC(2000, 0, 1) }), past, "now in milliseconds");
      check(future(past)[0].message.includes("now is 2000-01-01T00:00:00Z"), future(past)[0].message);
    },
  },
  {
    name: "maxDepth reaches 1000 levels without exhausting the stack",
    run({ api }) {
      const deep = (n) => "[".repeat(n) + "]".repeat(n);
      const deepObjects = (n) => '{"a":'.repeat(n) + "1" + "}".repeat(n);
      for (const text of [deep(1000), deepObjects(999)]) {
        const report = api.validate(text, { maxDepth: 1000 });
        check(!report.diagnostics.some((d) => d.code === "json-too-deep"), "1000 levels are too deep");
        api.normalize(text, { maxDepth: 1000 });
      }
      check(api.validate(deep(1001), { maxDepth: 1000 }).diagnostics.some((d) => d.code === "json-too-deep"), "1001 levels are not too deep");
      throwsOcpiError(api, () => api.validate("[]", { maxDepth: 1001 }), "invalid-options", "maxDepth above 1000");
    },
  },
  {
    name: "validateFeed gives the CLI's document for several files",
    run({ api, data }) {
      const report = api.validateFeed(data.feed.files.map((f) => ({ path: f.path, input: f.text })));
      const clockless = (r) => ({ ...r, files: r.files.map(withoutClock) });
      same(clockless(report), clockless(data.feed.report), "feed");
      check(report.files.length === 5 && report.summary.errors > 0, JSON.stringify(report.summary));
      check(report.files[4].diagnostics.some((d) => d.code === "location-id-duplicate"), "an id repeated across files is not reported");
    },
  },
  {
    name: "normalize gives the CLI's model for every document and for a feed",
    run({ api, data }) {
      for (const n of data.normalized) {
        const doc = data.documents.find((d) => d.path === n.path);
        same(api.normalize(doc.text, { path: doc.path }), n.feed, n.path);
      }
      for (const m of data.made) {
        same(api.normalize(m.text, { path: m.path, ...m.options }), m.normalized, m.name);
      }
      const feed = api.normalize(data.feed.files.map((f) => ({ path: f.path, input: new TextEncoder().encode(f.text) })));
      same(feed, data.feed.normalized, "feed");
      check(feed.locations.length === 12 && feed.tariffs.length === 2, `${feed.locations.length} locations, ${feed.tariffs.length} tariffs`);
      const price = feed.tariffs[0].elements[0].price_components[0].price;
      check(typeof price === "string", `a price is a ${typeof price}, not an exact decimal string`);
    },
  },
  {
    name: "normalize reads integers beyond 2^53 as JSON.parse reads the CLI's output",
    run({ api, data }) {
      const m = data.made.find((x) => x.name === "integers beyond 2^53");
      const extra = api.normalize(m.text, { path: m.path }).locations[0].extra;
      check(extra.vendor_sequence === 12345678901234567890, `vendor_sequence is ${extra.vendor_sequence}`);
      check(extra.vendor_negative === -9007199254740993, `vendor_negative is ${extra.vendor_negative}`);
    },
  },
  {
    name: "a call that cannot run throws an OcpiError with a code",
    run({ api }) {
      throwsOcpiError(api, () => api.validate(42), "invalid-input", "a number as input");
      throwsOcpiError(api, () => api.validate(undefined), "invalid-input", "no input");
      throwsOcpiError(api, () => api.validate([{ path: "a", input: "[]" }]), "invalid-input", "an array for validate");
      throwsOcpiError(api, () => api.validateFeed("[]"), "invalid-input", "a string for validateFeed");
      throwsOcpiError(api, () => api.validateFeed([{ input: "[]" }]), "invalid-input", "a file without path");
      throwsOcpiError(api, () => api.normalize([{ path: "a", input: 7 }]), "invalid-input", "a file with a number");
      const snake = throwsOcpiError(api, () => api.validate("[]", { allow_comments: true }), "invalid-options", "snake_case option");
      check(snake.message.includes("allowComments"), snake.message);
      throwsOcpiError(api, () => api.validate("[]", { verison: "2.2.1" }), "invalid-options", "a misspelt option");
      throwsOcpiError(api, () => api.validate("[]", { version: "2.2" }), "invalid-options", "version 2.2");
      throwsOcpiError(api, () => api.validate("[]", { kind: "versions" }), "invalid-options", "kind versions");
      throwsOcpiError(api, () => api.validate("[]", { allowComments: "yes" }), "invalid-options", "allowComments as a string");
      throwsOcpiError(api, () => api.validate("[]", { now: "yesterday" }), "invalid-options", "now as words");
      throwsOcpiError(api, () => api.validate("[]", { maxBytes: 0 }), "invalid-options", "maxBytes 0");
      throwsOcpiError(api, () => api.validate("[]", "2.2.1"), "invalid-options", "options as a string");
      throwsOcpiError(api, () => api.validateFeed([{ path: "a", input: "[]" }], { path: "b" }), "invalid-options", "path for a feed");
      // The module still works after all of these.
      check(api.validate("[]").items === 0, "validate after errors");
    },
  },
  {
    name: "an input above maxBytes throws input-too-large",
    run({ api }) {
      const text = "[" + " ".repeat(100) + "]";
      const e = throwsOcpiError(api, () => api.validate(text, { maxBytes: 100 }), "input-too-large", "a string");
      check(e.message.includes("maxBytes"), e.message);
      throwsOcpiError(api, () => api.validate(new Uint8Array(101), { maxBytes: 100 }), "input-too-large", "bytes");
      // 36 UTF-16 units, 100 bytes of UTF-8.
      throwsOcpiError(api, () => api.validate(`["${"€".repeat(32)}"]`, { maxBytes: 99 }), "input-too-large", "multi-byte text");
      check(api.validate(text, { maxBytes: 102 }).items === 0, "an input at the limit is refused");
      const files = [{ path: "a", input: text }, { path: "b", input: text }];
      throwsOcpiError(api, () => api.validateFeed(files, { maxBytes: 150 }), "input-too-large", "files together");
    },
  },
  {
    name: "init resolves at once when the module is ready",
    async run({ api }) {
      await api.init();
      await api.init();
      api.initSync(new Uint8Array(0));
      check(api.validate("[]").items === 0, "validate after init");
    },
  },
];
