//! The conformance set of the TOTP Token Format 1.0 (`../shared/fixtures/totp/`): every
//! generation vector, every invalid input with its exact message, every HTTP scheme vector.

use ocpi_open_data::totp::{
    BasicCarrier, HashAlgorithm, Totp, TotpAuthorization, TotpConfig, TotpError, TotpHeader,
    TotpOptions,
};
use serde_json::{Map, Value};

fn fixture(name: &str) -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/fixtures/totp/").to_string() + name;
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn vectors<'v>(doc: &'v Value, key: &str) -> &'v [Value] {
    doc[key]
        .as_array()
        .unwrap_or_else(|| panic!("no `{key}` array"))
}

/// A vector's input split into the configuration, the time and the channel material.
fn split_input(input: &Value) -> (TotpConfig, i64, Option<Vec<u8>>) {
    let mut fields: Map<String, Value> = input.as_object().expect("input object").clone();
    let at = fields
        .remove("unixTimestampMillis")
        .and_then(|t| t.as_i64())
        .expect("unixTimestampMillis");
    let material = fields
        .remove("tlsExporterMaterialHex")
        .map(|h| hex(h.as_str().expect("hex string")));
    let config = TotpConfig::from_json(&serde_json::to_vec(&fields).expect("serialisable"))
        .unwrap_or_else(|e| panic!("config of {input}: {e}"));
    (config, at, material)
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex digits"))
        .collect()
}

#[test]
fn every_generation_vector() {
    let doc = fixture("totp-test-vectors.json");
    let list = vectors(&doc, "vectors");
    assert_eq!(
        list.len(),
        38,
        "the conformance set has 38 generation vectors"
    );
    let mut bound = 0;
    for v in list {
        let id = v["id"].as_str().expect("id");
        let (config, at, material) = split_input(&v["input"]);
        bound += usize::from(material.is_some());
        let totp = config.totp().unwrap_or_else(|e| panic!("{id}: {e}"));
        let tokens = totp
            .tokens(at, material.as_deref())
            .unwrap_or_else(|e| panic!("{id}: {e}"));
        let expected = &v["expected"];
        assert_eq!(tokens.previous, expected["previous"], "{id}: previous");
        assert_eq!(tokens.current, expected["current"], "{id}: current");
        assert_eq!(tokens.next, expected["next"], "{id}: next");
        assert_eq!(
            tokens.remaining_seconds,
            expected["remainingTimeSeconds"].as_u64().expect("seconds"),
            "{id}: remaining"
        );
        // A verifier at the same moment accepts all three, with the same channel material only.
        for token in [&tokens.previous, &tokens.current, &tokens.next] {
            assert_eq!(
                totp.verify(token, at, material.as_deref()),
                Ok(true),
                "{id}"
            );
        }
        if material.is_some() {
            assert_eq!(totp.verify(&tokens.current, at, None), Ok(false), "{id}");
        }
    }
    assert_eq!(bound, 3, "three channel-binding vectors");
}

#[test]
fn every_invalid_input_with_its_exact_message() {
    let doc = fixture("totp-invalid-inputs.json");
    let list = vectors(&doc, "vectors");
    assert_eq!(list.len(), 18);
    for v in list {
        let id = v["id"].as_str().expect("id");
        let expected = v["expectedError"].as_str().expect("expectedError");
        let (config, at, _) = split_input(&v["input"]);
        let error: TotpError = match config.totp() {
            Err(e) => e,
            Ok(totp) => totp.tokens(at, None).expect_err(&format!("{id}: accepted")),
        };
        assert_eq!(error.to_string(), expected, "{id}");
        assert!(error.code().starts_with("totp-"), "{id}");
        assert!(!error.hint().is_empty(), "{id}");
    }
}

#[test]
fn http_authorization_scheme_vectors_round_trip() {
    let doc = fixture("totp-http-auth-vectors.json");
    let list = vectors(&doc, "vectors");
    assert_eq!(list.len(), 5);
    for v in list {
        let id = v["id"].as_str().expect("id");
        let input = &v["input"];
        let auth = TotpAuthorization {
            login: input["login"].as_str().expect("login").to_string(),
            totp: input["totp"].as_str().expect("totp").to_string(),
            tlscb: input["tlscb"].as_bool().expect("tlscb"),
        };
        let header = auth.to_header_value();
        assert_eq!(header, v["expected"]["header"], "{id}: build");
        assert_eq!(TotpAuthorization::parse(&header), Ok(auth), "{id}: parse");
    }
}

#[test]
fn http_authorization_parse_vectors() {
    let doc = fixture("totp-http-auth-vectors.json");
    let list = vectors(&doc, "parseVectors");
    assert_eq!(list.len(), 9);
    for v in list {
        let id = v["id"].as_str().expect("id");
        let parsed = TotpAuthorization::parse(v["header"].as_str().expect("header"))
            .unwrap_or_else(|e| panic!("{id}: {e}"));
        let expected = &v["expected"];
        assert_eq!(parsed.login, expected["login"], "{id}");
        assert_eq!(parsed.totp, expected["totp"], "{id}");
        assert_eq!(Value::Bool(parsed.tlscb), expected["tlscb"], "{id}");
    }
}

#[test]
fn http_authorization_invalid_headers_are_rejected() {
    let doc = fixture("totp-http-auth-vectors.json");
    let list = vectors(&doc, "invalidHeaders");
    assert_eq!(list.len(), 17);
    for v in list {
        let id = v["id"].as_str().expect("id");
        let header = v["header"].as_str().expect("header");
        let error =
            TotpAuthorization::parse(header).expect_err(&format!("{id}: accepted {header:?}"));
        assert!(error.code().starts_with("totp-header-"), "{id}");
        assert!(!error.to_string().is_empty(), "{id}");
    }
}

#[test]
fn totp_header_and_basic_carrier_of_the_known_answer() {
    let totp = Totp::new("secure!Charging!", TotpOptions::default()).expect("defaults");
    let at = 1_716_423_785_000;
    let current = totp.tokens(at, None).expect("time").current;
    // `TOTP: 0 CN63y502maVh`, the format's own example.
    let header = TotpHeader::plain(current);
    assert_eq!(header.to_value(), "0 CN63y502maVh");
    let read = TotpHeader::parse("0 CN63y502maVh", false).expect("header");
    assert_eq!(totp.verify(&read.token, at, None), Ok(true));

    let basic = BasicCarrier {
        ocpi_token: "my-ocpi-token".into(),
        totp: header,
    };
    let read = BasicCarrier::parse(&basic.to_authorization(), false).expect("basic");
    assert_eq!(read.ocpi_token, "my-ocpi-token");
    assert_eq!(totp.verify(&read.totp.token, at, None), Ok(true));
}

/// Steps 1–2 (slot counter, HMAC of its 8 big-endian bytes) are what this format shares with
/// RFC 6238; totp-rs' `TOTP::sign` computes them independently. Mapping its HMAC through the
/// format's steps 4–5 must give this crate's tokens, for SHA-256 and SHA-512 (totp-rs has no
/// SHA-384) and every slot length.
#[test]
fn hmac_of_the_slot_agrees_with_totp_rs() {
    use totp_rs::{Algorithm, TOTP};
    let secret = "secure!Charging!";
    let alphabet: Vec<char> = ocpi_open_data::totp::DEFAULT_ALPHABET.chars().collect();
    for (hash, algorithm) in [
        (HashAlgorithm::Sha256, Algorithm::SHA256),
        (HashAlgorithm::Sha512, Algorithm::SHA512),
    ] {
        for step in [1u64, 7, 30, 3600] {
            let ours = Totp::new(
                secret,
                TotpOptions {
                    validity_seconds: Some(step),
                    length: Some(40),
                    hash: Some(hash),
                    ..TotpOptions::default()
                },
            )
            .expect("valid");
            let theirs = TOTP::new_unchecked(algorithm, 6, 1, step, secret.as_bytes().to_vec());
            for seconds in [0u64, 29, 1_716_423_785, 2_147_483_647, 253_402_300_768] {
                let d = theirs.sign(seconds);
                let offset = usize::from(d[d.len() - 1] & 0x0F);
                let expected: String = (0..40)
                    .map(|i| alphabet[usize::from(d[(offset + i) % d.len()]) % alphabet.len()])
                    .collect();
                let ms = i64::try_from(seconds * 1000).expect("fits");
                assert_eq!(
                    ours.tokens(ms, None).expect("time").current,
                    expected,
                    "{hash} step {step} at {seconds}"
                );
            }
        }
    }
}
