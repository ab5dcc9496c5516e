//! UK telephone numbers: what calling them costs, from the Ofcom numbering plan, as a table of
//! prefixes. The UK regulations want a free-to-use helpline; a premium-rate number fails that.

/// What calling a UK number costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallCost {
    /// 0800, 0808: free from landlines and mobiles.
    Freephone,
    /// 01, 02, 03: charged as a call to a geographic number (included in most call plans).
    Geographic,
    /// 071–075, 077–079: mobile.
    Mobile,
    /// 084, 087: service charge on top of the access charge.
    ServiceCharge,
    /// 09: premium rate.
    PremiumRate,
    /// 070: personal numbers, charged at up to premium rates.
    Personal,
    /// 118: directory enquiries, premium rate.
    DirectoryEnquiries,
    /// Any other prefix (076 pagers, 05 corporate, ...).
    Other,
}

impl CallCost {
    /// Whether the number is charged like a premium-rate service (the helpline fails).
    pub fn is_premium(self) -> bool {
        matches!(
            self,
            CallCost::ServiceCharge
                | CallCost::PremiumRate
                | CallCost::Personal
                | CallCost::DirectoryEnquiries
        )
    }

    pub fn describe(self) -> &'static str {
        match self {
            CallCost::Freephone => "a freephone number",
            CallCost::Geographic => "charged as a geographic call",
            CallCost::Mobile => "a mobile number",
            CallCost::ServiceCharge => "a service-charge number (084/087)",
            CallCost::PremiumRate => "a premium-rate number (09)",
            CallCost::Personal => "a personal number (070), charged at up to premium rates",
            CallCost::DirectoryEnquiries => "a directory enquiry number (118), premium rate",
            CallCost::Other => "a number of another kind",
        }
    }
}

/// National-format prefixes and their cost; the longest matching prefix decides.
pub const PREFIXES: [(&str, CallCost); 17] = [
    ("0800", CallCost::Freephone),
    ("0808", CallCost::Freephone),
    ("01", CallCost::Geographic),
    ("02", CallCost::Geographic),
    ("03", CallCost::Geographic),
    ("070", CallCost::Personal),
    ("071", CallCost::Mobile),
    ("072", CallCost::Mobile),
    ("073", CallCost::Mobile),
    ("074", CallCost::Mobile),
    ("075", CallCost::Mobile),
    ("077", CallCost::Mobile),
    ("078", CallCost::Mobile),
    ("079", CallCost::Mobile),
    ("084", CallCost::ServiceCharge),
    ("087", CallCost::ServiceCharge),
    ("09", CallCost::PremiumRate),
];

/// A telephone number read as a UK number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UkNumber {
    /// The number in national format (`0800...`) and its cost.
    Uk { national: String, cost: CallCost },
    /// A number with another country code.
    Foreign,
    /// Not a telephone number.
    Invalid,
}

/// Reads a number written with `+44`, `0044` or `0`, spaces, dashes, dots and brackets (`(0)`
/// after the country code is dropped).
pub fn read_uk_number(phone: &str) -> UkNumber {
    let compact: String = phone
        .replace("(0)", "")
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
        .collect();
    let national = if let Some(rest) = compact.strip_prefix("+44") {
        format!("0{rest}")
    } else if let Some(rest) = compact.strip_prefix("0044") {
        format!("0{rest}")
    } else if compact.starts_with('+') || compact.starts_with("00") {
        return UkNumber::Foreign;
    } else {
        compact
    };
    if national.starts_with("118") && national.len() == 6 {
        return UkNumber::Uk {
            national,
            cost: CallCost::DirectoryEnquiries,
        };
    }
    let digits = national.bytes().all(|b| b.is_ascii_digit());
    if !digits || !national.starts_with('0') || !(10..=11).contains(&national.len()) {
        return UkNumber::Invalid;
    }
    let cost = PREFIXES
        .iter()
        .filter(|(p, _)| national.starts_with(p))
        .max_by_key(|(p, _)| p.len())
        .map_or(CallCost::Other, |(_, c)| *c);
    UkNumber::Uk { national, cost }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cost(phone: &str) -> Option<CallCost> {
        match read_uk_number(phone) {
            UkNumber::Uk { cost, .. } => Some(cost),
            _ => None,
        }
    }

    #[test]
    fn prefixes_decide_the_cost() {
        assert_eq!(cost("0800 123 4567"), Some(CallCost::Freephone));
        assert_eq!(cost("+44 (0)808 123 4567"), Some(CallCost::Freephone));
        assert_eq!(cost("+44 20 7946 0000"), Some(CallCost::Geographic));
        assert_eq!(cost("0044 330 123 4567"), Some(CallCost::Geographic));
        assert_eq!(cost("07700 900123"), Some(CallCost::Mobile));
        assert_eq!(cost("0845 123 4567"), Some(CallCost::ServiceCharge));
        assert_eq!(cost("0871-123-4567"), Some(CallCost::ServiceCharge));
        assert_eq!(cost("0909 123 4567"), Some(CallCost::PremiumRate));
        assert_eq!(cost("070 1234 5678"), Some(CallCost::Personal));
        assert_eq!(cost("118 118"), Some(CallCost::DirectoryEnquiries));
        assert_eq!(cost("0500 123456"), Some(CallCost::Other));
        assert!(CallCost::PremiumRate.is_premium() && CallCost::ServiceCharge.is_premium());
        assert!(!CallCost::Geographic.is_premium() && !CallCost::Freephone.is_premium());
    }

    #[test]
    fn foreign_and_invalid_numbers() {
        assert_eq!(read_uk_number("+31 20 123 4567"), UkNumber::Foreign);
        assert_eq!(read_uk_number("0031 20 123 4567"), UkNumber::Foreign);
        assert_eq!(read_uk_number("call us"), UkNumber::Invalid);
        assert_eq!(read_uk_number("0800 12"), UkNumber::Invalid);
    }
}
