//! Whether a postal code has the shape of a UK postcode.
//!
//! The shape of the Royal Mail format: an outward code of one or two letters, a digit, and
//! optionally a letter or digit (`M1`, `B33`, `CR2`, `SW1A`, `EC1V`), then an inward code of a
//! digit and two letters (`1AA`), with or without the space between them, in any letter case;
//! plus the special `GIR 0AA`. Only the shape is checked: whether the postcode exists needs the
//! Royal Mail address file, which is not open data.

/// Whether `code` is shaped like a UK postcode.
pub fn is_uk_postcode(code: &str) -> bool {
    let compact: Vec<u8> = code
        .bytes()
        .filter(|b| *b != b' ')
        .map(|b| b.to_ascii_uppercase())
        .collect();
    if compact == b"GIR0AA" {
        return true;
    }
    // Inward code: the last three characters.
    let Some(split) = compact.len().checked_sub(3) else {
        return false;
    };
    let (outward, inward) = compact.split_at(split);
    let inward_ok = inward[0].is_ascii_digit()
        && inward[1].is_ascii_alphabetic()
        && inward[2].is_ascii_alphabetic();
    // Outward code: A9, A99, A9A, AA9, AA99, AA9A.
    let letters = outward
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    let rest = &outward[letters.min(outward.len())..];
    let outward_ok = (1..=2).contains(&letters)
        && matches!(rest.len(), 1 | 2)
        && rest[0].is_ascii_digit()
        && rest.get(1).is_none_or(u8::is_ascii_alphanumeric);
    inward_ok && outward_ok && code.trim() == code && code.matches(' ').count() <= 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn royal_mail_shapes() {
        for ok in [
            "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "W1A 0AX", "EC1A 1BB", "SW1A2AA",
            "bt1 5gs", "GIR 0AA", "EH1 1YZ",
        ] {
            assert!(is_uk_postcode(ok), "{ok}");
        }
        for bad in [
            "",
            "9000",
            "88-320",
            "SW1A",
            "1AA",
            "SW1A 2A",
            "SW1A  2AA",
            "ABC1 2DE",
            " M1 1AE",
            "M1 1AE ",
            "M 1AE",
            "12345",
            "SW1A 2AAA",
        ] {
            assert!(!is_uk_postcode(bad), "{bad}");
        }
    }
}
