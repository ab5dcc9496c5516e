//! `Totp`: the OCPI 2.3.0 TOTP tokens of a configuration, as the CLI's `totp --format json`
//! gives them. The secret stays inside WebAssembly memory: no method returns it.

use super::{ApiError, ApiErrorCode, respond, to_js};
use crate::totp::{TotpConfig, TotpReport};
use wasm_bindgen::prelude::*;

fn totp_error(e: crate::totp::TotpError) -> ApiError {
    ApiError::new(ApiErrorCode::Totp(e.code()), format!("{e}; {}", e.hint()))
}

/// Unix milliseconds from JavaScript: a whole, finite number.
fn unix_ms(value: f64) -> Result<i64, ApiError> {
    if value.is_finite() && value.fract() == 0.0 && value.abs() < 9.0e15 {
        Ok(value as i64)
    } else {
        Err(ApiError::new(
            ApiErrorCode::InvalidInput,
            format!("the moment must be whole Unix milliseconds, not {value}"),
        ))
    }
}

/// A configured TOTP generator and verifier.
#[wasm_bindgen(js_name = Totp)]
pub struct JsTotp {
    totp: crate::totp::Totp,
}

#[wasm_bindgen(js_class = Totp)]
impl JsTotp {
    /// `config`: the fields of the configuration file (`sharedSecret`, `validityTime`,
    /// `length`, `alphabet`, `hashAlgorithm`), as an object or its JSON text.
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue) -> Result<JsTotp, JsValue> {
        let run = || {
            let text = match config.as_string() {
                Some(text) => text,
                None if config.is_object() => js_sys::JSON::stringify(&config)
                    .ok()
                    .and_then(|s| s.as_string())
                    .unwrap_or_default(),
                None => {
                    return Err(ApiError::new(
                        ApiErrorCode::InvalidInput,
                        format!(
                            "the configuration must be an object or its JSON text, not {}",
                            super::type_name(&config)
                        ),
                    ));
                }
            };
            let config = TotpConfig::from_json(text.as_bytes())
                .map_err(|e| ApiError::new(ApiErrorCode::Totp(e.code()), e.to_string()))?;
            Ok(JsTotp {
                totp: config.totp().map_err(totp_error)?,
            })
        };
        run().map_err(ApiError::into_js)
    }

    /// The previous, current and next token at `unixMs`: the document of `totp --format json`.
    pub fn tokens(&self, unix_ms_value: f64) -> Result<JsValue, JsValue> {
        respond(|| {
            let report = TotpReport::at(&self.totp, unix_ms(unix_ms_value)?).map_err(totp_error)?;
            to_js(&report)
        })
    }

    /// Whether `token` is the previous, current or next token at `unixMs` (compared in
    /// constant time).
    pub fn verify(&self, token: &str, unix_ms_value: f64) -> Result<bool, JsValue> {
        let run = || {
            self.totp
                .verify(token, unix_ms(unix_ms_value)?, None)
                .map_err(totp_error)
        };
        run().map_err(ApiError::into_js)
    }
}
