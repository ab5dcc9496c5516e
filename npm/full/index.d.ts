// Types of the full entry `ocpi-open-data/full`: everything of the validator entry, and the
// regulation views, pricing and TOTP. Field names are those of the CLI's JSON output.
import type { Diagnostic, FileInput, Input, Location, OcpiVersion, ReadOptions, Tariff } from "../index.js";

export * from "../index.js";

// ---------------------------------------------------------------------------------------------
// Regulation views (`afir`, `uk`)

/** A date: `"YYYY-MM-DD"`, or a `Date` (its calendar date where the code runs). */
export type DateInput = string | Date;

/** Facts OCPI does not carry, per location id (the CLI's `--facts` file). */
export interface SiteFacts {
  /** Commissioning (installation) date, `"YYYY-MM-DD"`. */
  commissioned?: string;
  /** On the TEN-T road network or in a safe and secure parking area. */
  ten_t?: boolean;
}

/** The options of `afir` and `uk`: the CLI's flags, camelCase. */
export interface ViewOptions extends ReadOptions {
  /** The name of a single locations input (default `"<input>"`). */
  path?: string;
  /** The tariffs the connectors' `tariff_ids` refer to (`--tariffs`); alone named `"<tariffs>"`. */
  tariffs?: Input | FileInput[];
  /** The date the evaluation is for (`--as-of`); default today, from the JavaScript clock. */
  asOf?: DateInput;
  /** Commissioning date of every location without its own (`--commissioned`). */
  commissioned?: DateInput;
  /** Facts per location id (`--facts`), as an object or its JSON text. */
  facts?: Record<string, SiteFacts> | string;
}

export interface AfirOptions extends ViewOptions {
  /** Every location lies on the TEN-T road network (`--ten-t`). */
  tenT?: boolean;
}

export interface UkOptions extends ViewOptions {
  /** The operator is a micro business (`--micro-business`). */
  microBusiness?: boolean;
  /** EVSE status snapshots over time (the files of `--snapshots DIR`), for the rapid network's reliability. */
  snapshots?: FileInput[];
}

export type RequirementStatus = "pass" | "fail" | "missing" | "not-representable" | "not-applicable" | "unknown";

/** One requirement evaluated for a station, a point or the network. */
export interface Finding {
  /** The requirement's id, e.g. `"AFIR-A1"`. */
  id: string;
  status: RequirementStatus;
  /** The value derived from the data, or `null`. */
  value: unknown;
  /** Why, in plain language. */
  reason: string;
  /** JSON Pointers of the OCPI fields it was derived from (`<file>#<pointer>` in another file). */
  fields: string[];
}

export interface EvseView {
  uid: string;
  pointer: string;
  requirements: Finding[];
}

export interface LocationView {
  id: string;
  file: string;
  pointer: string;
  requirements: Finding[];
  evses: EvseView[];
}

export type StatusCounts = Record<RequirementStatus, number>;

/** The document of `afir --format json` and `uk --format json`. */
export interface RegulationReport {
  locations: LocationView[];
  /** Requirements of the feed as a whole (UK rapid network); absent for AFIR. */
  network?: Finding[];
  /** Per requirement id, how many stations have each status. */
  summary: Record<string, StatusCounts>;
  /** Locations left out because they are not published. */
  unpublished: number;
}

/**
 * The EU AFIR requirements for every location and EVSE: the document of `afir --format json`.
 * @throws {OcpiError} `invalid-input`, `invalid-options`, `input-too-large`, `not-initialized`
 */
export function afir(locations: Input | FileInput[], options?: AfirOptions): RegulationReport;

/**
 * The UK Public Charge Point Regulations 2023: the document of `uk --format json`.
 * @throws {OcpiError} `invalid-input`, `invalid-options`, `input-too-large`, `not-initialized`
 */
export function uk(locations: Input | FileInput[], options?: UkOptions): RegulationReport;

// ---------------------------------------------------------------------------------------------
// Pricing

/** An exact decimal as a string, e.g. `"0.25"`. */
export type DecimalString = string;

export interface PriceRequest {
  /** The tariff file: a tariff, a list or an envelope. Optional with `cdr` when the CDR carries its tariffs. */
  tariff?: Input;
  /** A session description `{start_date_time, end_date_time, timezone?, energy_kwh, max_power_kw?, max_current_a?}` (`--session`). */
  session?: Input;
  /** A CDR to price and compare with its own totals (`--cdr`). */
  cdr?: Input;
  /** The tariff to use when the file has several (`--tariff-id`). */
  tariffId?: string;
  /** Read the tariff as this version (`--tariff-version`); default `"auto"`. */
  tariffVersion?: "auto" | "2.1.1" | "2.2.1" | "2.3.0";
  /** The location's IANA time zone; overrides what the data says (`--timezone`). */
  timeZone?: string;
  /** The language of `explanation` (`--language`); default `"en"`. */
  language?: "en" | "de";
}

export type ComponentType = "ENERGY" | "FLAT" | "TIME" | "PARKING_TIME";

export interface Money {
  before_tax: DecimalString | null;
  after_tax: DecimalString | null;
}

export interface ComponentPart extends Money {
  element: number;
  price: DecimalString;
  vat: DecimalString | null;
  step_size: number;
  quantity: DecimalString;
}

export interface ComponentPrice extends Money {
  type: ComponentType;
  quantity: DecimalString;
  unit: string;
  price: DecimalString | null;
  parts: ComponentPart[];
}

export interface PeriodCost extends Money {
  type: ComponentType;
  element: number;
  price: DecimalString;
  quantity: DecimalString;
}

export interface PricedPeriod {
  start: string;
  end: string;
  /** Local date-time in the session's time zone, without offset. */
  local_start: string;
  energy_kwh: DecimalString;
  charging_hours: DecimalString;
  parking_hours: DecimalString;
  power_kw: DecimalString | null;
  current_a: DecimalString | null;
  costs: PeriodCost[];
}

export interface AppliedLimit {
  kind: string;
  components_total: Money;
  [field: string]: unknown;
}

export interface TotalComparison {
  field: string;
  stated: Money;
  computed: Money;
  difference: Money;
  matches: boolean;
}

export interface CdrComparison {
  matches: boolean;
  tolerance: DecimalString;
  credit: boolean;
  totals: TotalComparison[];
}

export interface PriceWarning {
  code: string;
  message: string;
}

/** The document of `price --format json` for a priced session or CDR. */
export interface SessionPrice {
  tariff_id: string;
  currency: string;
  time_zone: string;
  /** Where the time zone came from. */
  time_zone_source: "given" | "data" | "country" | "offset" | "utc";
  total: Money;
  components: ComponentPrice[];
  price_limit?: AppliedLimit;
  periods: PricedPeriod[];
  explanation: string;
  warnings: PriceWarning[];
  cdr?: CdrComparison;
}

/** The document of `price --format json` when the input cannot be priced. */
export interface PriceErrorDocument {
  error: { code: string; message: string; pointer?: string; hint: string };
}

/**
 * Prices a session or a CDR against a tariff, restrictions read in the location's local time.
 * What cannot be priced is returned as `{error}`, as the CLI prints it.
 * @throws {OcpiError} `invalid-input`, `invalid-options`, `input-too-large`, `not-initialized`
 */
export function price(request: PriceRequest): SessionPrice | PriceErrorDocument;

export interface ExplainOptions {
  language?: "en" | "de";
  tariffId?: string;
  tariffVersion?: "auto" | "2.1.1" | "2.2.1" | "2.3.0";
}

/** One price component in words. */
export interface ExplainedPrice {
  type: ComponentType;
  element: number;
  amount: DecimalString;
  per: string;
  conditions: string[];
  text: string;
}

export interface Explanation {
  prices: ExplainedPrice[];
  notes: string[];
  text: string;
}

/**
 * A tariff in plain words: the `explanation` of `price`.
 * @throws {OcpiError} `tariff-unreadable`, `invalid-input`, `invalid-options`, `not-initialized`
 */
export function explainTariff(tariff: Input, options?: ExplainOptions): string;

/** A tariff in plain words, component by component. */
export function explainTariffParts(tariff: Input, options?: ExplainOptions): Explanation;

// ---------------------------------------------------------------------------------------------
// TOTP

/** The fields of a TOTP configuration file. */
export interface TotpConfig {
  sharedSecret: string;
  validityTime?: number;
  length?: number;
  alphabet?: string;
  hashAlgorithm?: string;
}

/** The document of `totp --format json`. */
export interface TotpTokens {
  at_ms: number;
  slot: number;
  validity_seconds: number;
  hash_algorithm: string;
  previous: string;
  current: string;
  next: string;
  remaining_seconds: number;
  /** The header line to send: `TOTP: 0 <current>`. */
  header: string;
}

/** OCPI 2.3.0 TOTP tokens of one configuration; the secret is never given back. */
export class Totp {
  /** @throws {OcpiError} `totp-...` codes, `invalid-input` */
  constructor(config: TotpConfig | string);
  /** The tokens at `unixMs` (default now). */
  tokens(unixMs?: number): TotpTokens;
  /** Whether `token` is the previous, current or next token at `unixMs` (default now). */
  verify(token: string, unixMs?: number): boolean;
  /** Frees the WebAssembly memory now. */
  free(): void;
}

// ---------------------------------------------------------------------------------------------
// Feed client

export interface FetchOptions {
  /** The module to read (`--module`); default locations, unless the URL is a module URL. */
  module?: "locations" | "tariffs";
  /** An OCPI token (`--token-file`), sent as `Authorization: Token ...`. */
  token?: string;
  /** `limit` asked of the server for each page (`--limit`). */
  limit?: number;
  /** Read only objects changed since then (`--date-from`): a `Date`, RFC 3339 or milliseconds. */
  dateFrom?: Date | string | number;
  /** Stop after this many pages (`--max-pages`; default 10,000). */
  maxPages?: number;
  /** Per request, body included (`--timeout-ms`; default 30,000). */
  timeoutMs?: number;
  /** Retries of a failed request (`--retries`; default 4). */
  retries?: number;
  /** Aborting it ends the fetch; what was read is kept and returned. */
  signal?: AbortSignal;
  /** Called with each event as it happens. */
  onProgress?: (event: FeedEvent) => void;
}

export interface FetchProgress {
  pages: number;
  items: number;
  bytes: number;
  total: number | null;
  limit: number | null;
}

/** One object read from the feed. */
export interface FeedItem {
  key: { country_code: string; party_id: string; id: string } | null;
  /** The version-neutral model (as `normalize` gives it). */
  object: Location | Tariff;
  /** The object as the server sent it (without `publish_allowed_to`, without REMOVED EVSEs). */
  json: Record<string, unknown>;
  diagnostics: Diagnostic[];
  page: number;
  page_url: string;
}

export interface FetchFault {
  code: string;
  message: string;
  [field: string]: unknown;
}

export interface FeedPage {
  type: "page";
  index: number;
  url: string;
  status: number;
  kind: "location" | "tariff" | null;
  version: OcpiVersion | null;
  bytes: number;
  /** Positions in the result's `items` of the page's objects. */
  items: number[];
  added: number;
  replaced: number;
  kept_newer: number;
  removed_evses: number;
  diagnostics: Diagnostic[];
  fault: FetchFault | null;
  /** The page's objects as they stand after merging. */
  objects: FeedItem[];
}

export type FeedEvent =
  | { type: "discovered"; version: OcpiVersion | null; module: "locations" | "tariffs"; endpoint: string }
  | { type: "retrying"; url: string; retry: number; delay_ms: number; fault: FetchFault }
  | FeedPage
  | ({ type: "progress" } & FetchProgress)
  | { type: "failed"; url: string; error: FetchFault };

/** The document of `fetch --format json`. */
export interface FetchReport {
  url: string;
  version: OcpiVersion | null;
  module: "locations" | "tariffs" | null;
  endpoint: string | null;
  pages: number;
  pages_ok: number;
  items: number;
  bytes: number;
  total: number | null;
  removed_evses: number;
  failed_pages: { url: string; error: FetchFault }[];
  diagnostics_summary: { errors: number; warnings: number; infos: number };
  discovery_diagnostics: Diagnostic[];
}

export interface FetchResult {
  report: FetchReport;
  items: FeedItem[];
}

/**
 * Reads an OCPI open-data feed (versions, version details or module URL), every page, with
 * retries, through the platform's `fetch`.
 * @throws {OcpiError} (as a rejection) `invalid-input`, `invalid-options`, `not-initialized`
 */
export function fetchFeed(url: string, options?: FetchOptions): Promise<FetchResult>;

/** The pages of a feed as they arrive; leaving the loop stops the fetch. */
export function pages(url: string, options?: FetchOptions): AsyncGenerator<FeedPage, FetchResult | undefined, undefined>;
