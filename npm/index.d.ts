// Types of the ocpi-open-data package. Field names are those of the CLI's JSON output
// (snake_case, as OCPI writes them); option names are camelCase, as JavaScript writes them.

// ---------------------------------------------------------------------------------------------
// Loading

/** Where `init` loads the WebAssembly module from. */
export type InitSource =
  | string
  | URL
  | Request
  | Response
  | Promise<Response>
  | ArrayBuffer
  | ArrayBufferView
  | WebAssembly.Module;

/**
 * Instantiates the WebAssembly module; call it once (and await it) before any other function in
 * browsers and Web Workers. By default it fetches `ocpi_open_data_bg.wasm` next to the package's
 * JavaScript (`new URL(..., import.meta.url)`). In Node the module is instantiated on import and
 * `init()` resolves at once. Calling it again resolves at once.
 */
export function init(source?: InitSource): Promise<void>;

/** Like `init`, synchronously, from the bytes of the .wasm file or a compiled module. */
export function initSync(source: ArrayBuffer | ArrayBufferView | WebAssembly.Module): void;

// ---------------------------------------------------------------------------------------------
// Errors

/** Why a call could not run. */
export type OcpiErrorCode =
  /** The input is neither a string nor a Uint8Array / ArrayBuffer. */
  | "invalid-input"
  /** An option has an unknown name, or a value of the wrong type or range. */
  | "invalid-options"
  /** The input is larger than `maxBytes` (1 GiB by default); it was not read. */
  | "input-too-large"
  /** A function was called before `init()` finished (browsers, workers). */
  | "not-initialized"
  /** The result could not be handed to JavaScript. */
  | "output-failed"
  /** The WebAssembly module stopped (out of memory, or a bug); it has been restarted. */
  | "internal-error"
  /** `explainTariff` (entry `ocpi-open-data/full`): the tariff could not be read or chosen. */
  | "tariff-unreadable"
  /** `Totp` (entry `ocpi-open-data/full`): a configuration or moment the TOTP format refuses. */
  | "totp-config-invalid"
  | "totp-secret-empty"
  | "totp-secret-whitespace"
  | "totp-secret-too-short"
  | "totp-length-out-of-range"
  | "totp-validity-invalid"
  | "totp-hash-unsupported"
  | "totp-timestamp-negative"
  | "totp-alphabet-empty"
  | "totp-alphabet-too-short"
  | "totp-alphabet-duplicates"
  | "totp-alphabet-whitespace";

/**
 * Thrown when a call cannot run. Problems in the data are never thrown: they are diagnostics in
 * the returned report.
 */
export class OcpiError extends Error {
  constructor(code: OcpiErrorCode, message: string, options?: { cause?: unknown });
  readonly name: "OcpiError";
  readonly code: OcpiErrorCode;
}

// ---------------------------------------------------------------------------------------------
// Options

/** An OCPI version this package reads. */
export type OcpiVersion = "2.1.1" | "2.2.1" | "2.3.0";

/** How to read the data; the options of the CLI, with camelCase names. */
export interface ReadOptions {
  /** Read as this version whatever the shape says (`--version`); `"auto"` (default) detects it. */
  version?: "auto" | OcpiVersion;
  /** Read as this kind (`--kind`); `"auto"` (default) detects it. */
  kind?: "auto" | "location" | "tariff";
  /**
   * The version the data claims to be, e.g. from the URL it came from (`--label`); compared with
   * its shape. By default a version in the input's `path` is used (`.../2.2/...`, `ocpi_2_2_1_...`).
   */
  label?: string;
  /** Accept `//` and `/* *\/` comments and trailing commas (`--allow-comments`). */
  allowComments?: boolean;
  /** Largest input accepted, in bytes of UTF-8; default 1 GiB. Larger inputs throw `input-too-large`. */
  maxBytes?: number;
  /** Deepest nesting of arrays and objects accepted; default 128. */
  maxDepth?: number;
  /**
   * "Now" for the rules about the future (a `last_updated` ahead of the clock, an expired
   * tariff): a Date, an RFC 3339 string or milliseconds since 1970. Default: the clock.
   */
  now?: Date | string | number;
}

/** Options of a call that reads one input. */
export interface SingleInputOptions extends ReadOptions {
  /** The name of the input: `path` in the report and `source.file` in the model. Default `"<input>"`. */
  path?: string;
}

/** A document: JSON text, or its bytes (UTF-8, a byte order mark is fine). */
export type Input = string | Uint8Array | ArrayBuffer;

/** One file of a feed. */
export interface FileInput {
  path: string;
  input: Input;
}

// ---------------------------------------------------------------------------------------------
// Reports (the JSON of `ocpi-open-data validate --format json`)

export type Severity = "error" | "warning" | "info";

/** A stable diagnostic code; each is described in docs/diagnostics.md of the project. */
export type DiagnosticCode =
  | "json-syntax"
  | "json-invalid-utf8"
  | "json-too-deep"
  | "json-duplicate-key"
  | "json-comment"
  | "input-too-large"
  | "item-truncated"
  | "document-unrecognized"
  | "version-unsupported"
  | "version-withdrawn"
  | "version-shape-mismatch"
  | "envelope-status-error"
  | "envelope-incomplete"
  | "wrapper-non-standard"
  | "item-dropped"
  | "field-missing"
  | "field-null"
  | "field-type"
  | "field-coerced"
  | "field-empty-as-absent"
  | "list-empty"
  | "string-too-long"
  | "string-charset"
  | "field-renamed"
  | "field-other-version"
  | "field-unknown"
  | "vendor-extension"
  | "enum-unknown"
  | "enum-extension"
  | "enum-case"
  | "datetime-invalid"
  | "datetime-lenient"
  | "url-invalid"
  | "int-invalid"
  | "number-out-of-range"
  | "number-precision"
  | "country-code-invalid"
  | "currency-invalid"
  | "language-invalid"
  | "time-zone-invalid"
  | "time-invalid"
  | "date-invalid"
  | "coordinate-invalid"
  | "coordinate-format"
  | "party-id-invalid"
  | "evse-id-format"
  | "phone-invalid"
  | "location-id-duplicate"
  | "evse-uid-duplicate"
  | "connector-id-duplicate"
  | "tariff-reference-unresolved"
  | "tariff-reference-same-type"
  | "hours-twentyfourseven-with-regular"
  | "hours-regular-missing"
  | "regular-hours-inverted"
  | "regular-hours-overlap"
  | "exceptional-period-inverted"
  | "status-schedule-inverted"
  | "coordinates-zero"
  | "coordinates-swapped"
  | "coordinates-outside-country"
  | "evse-far-from-location"
  | "power-above-rating"
  | "power-looks-like-kw"
  | "power-implausible"
  | "connector-power-type-mismatch"
  | "evse-removed"
  | "location-expired"
  | "last-updated-child-later"
  | "last-updated-future"
  | "evse-id-party"
  | "location-unpublished"
  | "publish-allowed-to-when-published"
  | "publish-allowed-to-personal-data"
  | "publish-token-incomplete"
  | "parking-reference-unresolved"
  | "parking-id-duplicate"
  | "parking-dimensions-missing"
  | "energy-mix-percentages"
  | "location-without-evses"
  | "restriction-min-not-below-max"
  | "restriction-time-equal"
  | "restriction-time-before-midnight"
  | "restriction-date-inverted"
  | "restriction-day-duplicate"
  | "restriction-day-empty"
  | "restriction-power-on-parking"
  | "restriction-energy-on-flat"
  | "reservation-component-type"
  | "tariff-element-unreachable"
  | "tariff-min-above-max"
  | "tariff-validity-inverted"
  | "tariff-not-current"
  | "step-size-zero"
  | "step-size-not-one"
  | "step-size-on-flat"
  | "price-negative"
  | "vat-out-of-range"
  | "tax-included-vat-mismatch"
  | "tariff-no-fallback"
  | "tariff-free-not-canonical"
  | "tariff-id-duplicate"
  | "versions-invalid";

/** One problem, where it is, and which rule says so. */
export interface Diagnostic {
  severity: Severity;
  code: DiagnosticCode;
  /** What is wrong and what to do. */
  message: string;
  /** RFC 6901 JSON Pointer into the input (`""` for the whole document). */
  pointer: string;
  /** 1-based line (0 when there is no place in the input to point at). */
  line: number;
  /** 1-based column, in characters. */
  column: number;
  /** The version and section of the specification the rule comes from, e.g. `"OCPI 2.2.1 mod_locations #EVSE"`. */
  spec: string;
}

/** What kind of OCPI document an input holds. */
export type DocumentKind = "location" | "tariff" | "versions" | "version_details";

/** The report of one input: one entry of `files` in `validate --format json`. */
export interface FileReport {
  path: string;
  /** `null` when the document could not be recognised. */
  kind: DocumentKind | null;
  /** The version the data was read as; `null` when none could be decided. */
  version: OcpiVersion | null;
  /** Why that version, in a sentence (`""` when there is nothing to say). */
  version_reason: string;
  /** Number of top-level objects (locations, tariffs, ...) read. */
  items: number;
  /** Number of those without errors. */
  items_ok: number;
  /** In document order. */
  diagnostics: Diagnostic[];
}

/** Counts per severity. */
export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
}

/** The whole document of `validate --format json`. */
export interface FeedReport {
  files: FileReport[];
  summary: Summary;
}

// ---------------------------------------------------------------------------------------------
// The version-neutral model (the JSON of `ocpi-open-data normalize`)

/** A value OCPI does not define is kept as it was written. */
type Open<Known extends string> = Known | (string & {});

/** Members of an object that are not fields of its version, as they were (numbers as JSON.parse reads them). */
export type Extra = Record<string, unknown>;

/** Where a top-level object was read from. */
export interface Source {
  /** The input's `path`. */
  file: string;
  /** JSON Pointer of the object in its input, e.g. `/data/3`. */
  pointer: string;
  /** The version the object was read as. */
  version: OcpiVersion;
  /** Whether the validator reported an error inside the object. */
  has_errors: boolean;
}

export type EvseStatus =
  | "AVAILABLE"
  | "BLOCKED"
  | "CHARGING"
  | "INOPERATIVE"
  | "OUTOFORDER"
  | "PLANNED"
  | "REMOVED"
  | "RESERVED"
  | "UNKNOWN";
export type PowerType = Open<"AC_1_PHASE" | "AC_2_PHASE" | "AC_2_PHASE_SPLIT" | "AC_3_PHASE" | "DC">;
export type ConnectorFormat = Open<"SOCKET" | "CABLE">;
export type DimensionType = Open<"ENERGY" | "FLAT" | "PARKING_TIME" | "TIME">;
export type DayOfWeek = Open<"MONDAY" | "TUESDAY" | "WEDNESDAY" | "THURSDAY" | "FRIDAY" | "SATURDAY" | "SUNDAY">;
export type TariffType = Open<"AD_HOC_PAYMENT" | "PROFILE_CHEAP" | "PROFILE_FAST" | "PROFILE_GREEN" | "REGULAR">;
export type TaxIncluded = Open<"YES" | "NO" | "N/A">;
export type ReservationRestriction = Open<"RESERVATION" | "RESERVATION_EXPIRES">;

/** An exact decimal number written as a string (money, kWh, kW, A), e.g. `"0.25"`. */
export type DecimalString = string;
/** An instant as an RFC 3339 string in UTC, e.g. `"2015-06-29T20:39:09Z"`. */
export type Timestamp = string;

export interface Feed {
  locations: Location[];
  tariffs: Tariff[];
}

export interface Location {
  source: Source;
  country_code?: string;
  party_id?: string;
  id: string;
  /** `true` for 2.1.1, which has no such field. */
  publish: boolean;
  /** Present (and `true`) when the data limited who may see the location (`publish_allowed_to`, never carried over). */
  restricted_visibility?: true;
  name?: string;
  address: string;
  city: string;
  postal_code?: string;
  state?: string;
  /** ISO 3166-1 alpha-3. */
  country: string;
  coordinates?: Coordinates;
  related_locations?: AdditionalGeoLocation[];
  /** 2.2.1+ `parking_type`; 2.1.1 `type` when it names a kind of parking. */
  parking_type?: string;
  evses?: Evse[];
  parking_places?: Parking[];
  directions?: DisplayText[];
  operator?: BusinessDetails;
  suboperator?: BusinessDetails;
  owner?: BusinessDetails;
  facilities?: string[];
  /** An IANA time zone name. */
  time_zone?: string;
  opening_times?: Hours;
  charging_when_closed: boolean;
  images?: Image[];
  energy_mix?: EnergyMix;
  help_phone?: string;
  last_updated?: Timestamp;
  calibration?: CalibrationLaw;
  extra?: Extra;
}

export interface Coordinates {
  lat: number;
  lon: number;
  extra?: Extra;
}

export interface AdditionalGeoLocation {
  lat: number;
  lon: number;
  name?: DisplayText;
  extra?: Extra;
}

export interface DisplayText {
  language: string;
  text: string;
  extra?: Extra;
}

export interface BusinessDetails {
  name: string;
  website?: string;
  logo?: Image;
  extra?: Extra;
}

export interface Image {
  url: string;
  thumbnail?: string;
  category: string;
  type: string;
  width?: number;
  height?: number;
  extra?: Extra;
}

export interface EnergyMix {
  is_green_energy: boolean;
  energy_sources?: EnergySource[];
  environ_impact?: EnvironmentalImpact[];
  supplier_name?: string;
  energy_product_name?: string;
  extra?: Extra;
}

export interface EnergySource {
  source: string;
  percentage: number;
  extra?: Extra;
}

export interface EnvironmentalImpact {
  category: string;
  amount: number;
  extra?: Extra;
}

export interface Parking {
  id: string;
  physical_reference?: string;
  vehicle_types?: string[];
  max_vehicle_weight?: number;
  max_vehicle_height?: number;
  max_vehicle_length?: number;
  max_vehicle_width?: number;
  parking_space_length?: number;
  parking_space_width?: number;
  dangerous_goods_allowed?: boolean;
  direction?: string;
  drive_through?: boolean;
  restricted_to_type: boolean;
  reservation_required: boolean;
  time_limit?: number;
  roofed?: boolean;
  images?: Image[];
  lighting?: boolean;
  refrigeration_outlet?: boolean;
  standards?: string[];
  apds_reference?: string;
  extra?: Extra;
}

export interface EvseParking {
  parking_id: string;
  evse_position?: string;
  extra?: Extra;
}

export interface Hours {
  twentyfourseven: boolean;
  regular_hours?: RegularHours[];
  exceptional_openings?: ExceptionalPeriod[];
  exceptional_closings?: ExceptionalPeriod[];
  extra?: Extra;
}

export interface RegularHours {
  /** 1 (Monday) to 7 (Sunday). */
  weekday: number;
  /** `HH:MM`. */
  period_begin: string;
  period_end: string;
  extra?: Extra;
}

export interface ExceptionalPeriod {
  period_begin: Timestamp;
  period_end: Timestamp;
  extra?: Extra;
}

export interface Evse {
  uid: string;
  evse_id?: string;
  status: EvseStatus;
  status_schedule?: StatusSchedule[];
  capabilities?: string[];
  connectors?: Connector[];
  floor_level?: string;
  coordinates?: Coordinates;
  physical_reference?: string;
  directions?: DisplayText[];
  parking_restrictions?: string[];
  parking?: EvseParking[];
  images?: Image[];
  accepted_service_providers?: string[];
  last_updated?: Timestamp;
  calibration?: CalibrationLaw;
  extra?: Extra;
}

export interface StatusSchedule {
  period_begin: Timestamp;
  period_end?: Timestamp;
  status: EvseStatus;
  extra?: Extra;
}

export interface Connector {
  id: string;
  standard: string;
  format?: ConnectorFormat;
  power_type?: PowerType;
  /** In V (2.1.1 `voltage`). */
  max_voltage?: number;
  /** In A (2.1.1 `amperage`). */
  max_amperage?: number;
  /** In W. */
  max_electric_power?: number;
  /** 2.1.1 `tariff_id` becomes a list of one. */
  tariff_ids?: string[];
  terms_and_conditions?: string;
  capabilities?: string[];
  last_updated?: Timestamp;
  calibration?: CalibrationLaw;
  extra?: Extra;
}

/** The German calibration-law (Eichrecht) extension, wherever it occurs. */
export interface CalibrationLaw {
  energy_meter?: unknown;
  transparency_software?: unknown;
  calibration_info_url?: string;
}

export interface Tariff {
  source: Source;
  country_code?: string;
  party_id?: string;
  id: string;
  /** ISO 4217. */
  currency: string;
  type?: TariffType;
  tariff_alt_text?: DisplayText[];
  tariff_alt_url?: string;
  min_price?: PriceLimit;
  max_price?: PriceLimit;
  preauthorize_amount?: DecimalString;
  elements?: TariffElement[];
  /** 2.3.0's value; `"NO"` for 2.1.1 and 2.2.1, whose prices exclude VAT. */
  tax_included: TaxIncluded;
  start_date_time?: Timestamp;
  end_date_time?: Timestamp;
  energy_mix?: EnergyMix;
  last_updated?: Timestamp;
  extra?: Extra;
}

/** 2.2.1 `Price {excl_vat, incl_vat}` and 2.3.0 `PriceLimit {before_taxes, after_taxes}`. */
export interface PriceLimit {
  before_taxes: DecimalString;
  after_taxes?: DecimalString;
  extra?: Extra;
}

export interface TariffElement {
  price_components?: PriceComponent[];
  restrictions?: Restrictions;
  extra?: Extra;
}

export interface PriceComponent {
  type: DimensionType;
  price: DecimalString;
  vat?: DecimalString;
  step_size: number;
  extra?: Extra;
}

export interface Restrictions {
  start_time?: string;
  end_time?: string;
  start_date?: string;
  end_date?: string;
  min_kwh?: DecimalString;
  max_kwh?: DecimalString;
  min_current?: DecimalString;
  max_current?: DecimalString;
  min_power?: DecimalString;
  max_power?: DecimalString;
  /** In seconds. */
  min_duration?: number;
  max_duration?: number;
  day_of_week?: DayOfWeek[];
  reservation?: ReservationRestriction;
  extra?: Extra;
}

// ---------------------------------------------------------------------------------------------
// Functions

/**
 * Validates one document (a Location or Tariff, a list of them, an OCPI response envelope, a
 * Versions or Version-details document): the report of `ocpi-open-data validate --format json`
 * for one file.
 * @throws {OcpiError} `invalid-input`, `invalid-options`, `input-too-large`, `not-initialized`
 */
export function validate(input: Input, options?: SingleInputOptions): FileReport;

/**
 * Validates several files as one feed (ids unique across them; connectors' tariff references
 * resolved against the tariffs given): the whole document of `validate --format json`.
 * @throws {OcpiError} `invalid-input`, `invalid-options`, `input-too-large`, `not-initialized`
 */
export function validateFeed(files: FileInput[], options?: ReadOptions): FeedReport;

/**
 * Reads one document, or several files as one feed, into the version-neutral model: the output
 * of `ocpi-open-data normalize`. Run `validate` for what is wrong in the data;
 * `source.has_errors` marks the objects with errors.
 * @throws {OcpiError} `invalid-input`, `invalid-options`, `input-too-large`, `not-initialized`
 */
export function normalize(input: Input, options?: SingleInputOptions): Feed;
export function normalize(files: FileInput[], options?: ReadOptions): Feed;
