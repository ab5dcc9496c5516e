// The cases of the full entry (`ocpi-open-data/full`) run in headless Chromium, on a page and in a
// Web Worker (browser/full-run.js): views, pricing and TOTP against the CLI's outputs
// (expected.json), and the feed client against `ocpi-open-data serve` (`feedUrl`, a versions URL
// serving 10 locations in pages of 3 and one tariff). No Node modules here.

function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** Throws unless the two JSON values are the same, key order included. */
function same(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  check(a === e, `${what}: ${a.slice(0, 300)} instead of ${e.slice(0, 300)}`);
}

const files = (list) => list.map((f) => ({ path: f.path, input: f.text }));

export const fullCases = [
  {
    name: "afir and uk give the CLI's documents",
    run({ api, data }) {
      const { views } = data.full;
      const options = { asOf: "2025-06-01", commissioned: "2024-01-01", tariffs: files(views.tariffs) };
      same(api.afir(files(views.locations), { ...options, tenT: true }), views.afir, "afir");
      same(api.uk(files(views.locations), options), views.uk, "uk");
    },
  },
  {
    name: "price reads local time in the location's zone, as the CLI",
    run({ api, data }) {
      const { price } = data.full;
      same(api.price({ tariff: price.complexTariff, session: price.session }), price.bySession, "session");
      same(api.price({ tariff: price.complexTariff, session: price.session, timeZone: "Asia/Tokyo" }), price.bySessionTokyo, "Tokyo");
      same(api.price({ tariff: price.cdrTariff, cdr: price.cdr }), price.byCdr, "CDR");
      check(api.explainTariff(price.complexTariff, { language: "de" }) === price.bySessionDe.explanation, "German explanation");
    },
  },
  {
    name: "Totp gives the CLI's tokens and hides its secret",
    run({ api, data }) {
      const { totp } = data.full;
      const t = new api.Totp(totp.config);
      for (const { at, report } of totp.at) same(t.tokens(at), report, `tokens at ${at}`);
      check(t.verify(totp.at[0].report.current, totp.at[0].at), "the current token is refused");
      check(!JSON.stringify(t).includes(totp.config.sharedSecret), "the secret shows");
    },
  },
  {
    name: "fetchFeed reads every page with progress events",
    async run({ api, feedUrl }) {
      const events = [];
      const { report, items } = await api.fetchFeed(feedUrl, { onProgress: (e) => events.push(e) });
      check(report.pages === 4 && report.pages_ok === 4 && items.length === 10, JSON.stringify(report).slice(0, 300));
      check(events[0].type === "discovered", `first event ${events[0].type}`);
      const pageSizes = events.filter((e) => e.type === "page").map((e) => e.objects.length);
      same(pageSizes, [3, 3, 3, 1], "objects per page");
      const progress = events.filter((e) => e.type === "progress");
      check(progress.length >= 4 && progress.at(-1).items === 10, JSON.stringify(progress.at(-1)));
    },
  },
  {
    name: "pages() yields the pages and an AbortSignal stops the fetch",
    async run({ api, feedUrl }) {
      const ids = [];
      for await (const page of api.pages(feedUrl, { limit: 2 })) ids.push(page.objects.map((o) => o.object.id));
      check(ids.length === 5 && ids.flat().length === 10, JSON.stringify(ids));
      const controller = new AbortController();
      const { report, items } = await api.fetchFeed(feedUrl, {
        signal: controller.signal,
        onProgress: (e) => e.type === "page" && controller.abort(),
      });
      check(report.pages < 4 && items.length === 3, `${report.pages} pages, ${items.length} items after abort`);
      const seen = [];
      const second = new AbortController();
      for await (const page of api.pages(feedUrl, { signal: second.signal })) {
        seen.push(page.index);
        second.abort();
      }
      same(seen, [0], "pages after abort");
    },
  },
];
