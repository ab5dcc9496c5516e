//! The query of a list endpoint (`offset`, `limit`, `date_from`, `date_to`) and the page it
//! selects, with the `Link` to the next one.

use super::envelope::ApiError;

/// A parsed list query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageQuery {
    pub offset: usize,
    /// As asked; `None` means the server's maximum.
    pub limit: Option<usize>,
    /// `last_updated >= date_from` (inclusive), with the text as given for the next link.
    pub date_from: Option<(jiff::Timestamp, String)>,
    /// `last_updated < date_to` (exclusive).
    pub date_to: Option<(jiff::Timestamp, String)>,
}

impl PageQuery {
    /// Reads the raw query string. Unknown parameters are ignored; a repeated one takes its last
    /// value, as most frameworks do.
    pub fn parse(query: Option<&str>) -> Result<PageQuery, ApiError> {
        let mut q = PageQuery {
            offset: 0,
            limit: None,
            date_from: None,
            date_to: None,
        };
        for (name, value) in form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
            match name.as_ref() {
                "offset" => q.offset = whole_number("offset", &value)?,
                "limit" => {
                    let limit = whole_number("limit", &value)?;
                    if limit == 0 {
                        return Err(ApiError::bad_parameter(
                            "`limit` must be at least 1 (leave it out for the server's page size)",
                        ));
                    }
                    q.limit = Some(limit);
                }
                "date_from" => q.date_from = Some((date_time("date_from", &value)?, value.into())),
                "date_to" => q.date_to = Some((date_time("date_to", &value)?, value.into())),
                _ => {}
            }
        }
        Ok(q)
    }

    /// Whether an item updated at `last_updated` is in the date range. With a range given, an
    /// item without a readable `last_updated` is outside it.
    pub fn admits(&self, last_updated: Option<jiff::Timestamp>) -> bool {
        if self.date_from.is_none() && self.date_to.is_none() {
            return true;
        }
        let Some(t) = last_updated else {
            return false;
        };
        self.date_from.as_ref().is_none_or(|(from, _)| t >= *from)
            && self.date_to.as_ref().is_none_or(|(to, _)| t < *to)
    }

    /// The query of the page after one that returned `returned` items with limit `limit`.
    pub fn next_query(&self, returned: usize, limit: usize) -> String {
        let mut s = form_urlencoded::Serializer::new(String::new());
        s.append_pair("offset", &(self.offset + returned).to_string());
        s.append_pair("limit", &limit.to_string());
        if let Some((_, text)) = &self.date_from {
            s.append_pair("date_from", text);
        }
        if let Some((_, text)) = &self.date_to {
            s.append_pair("date_to", text);
        }
        s.finish()
    }
}

fn whole_number(name: &str, value: &str) -> Result<usize, ApiError> {
    value.trim().parse::<usize>().map_err(|_| {
        ApiError::bad_parameter(format!(
            "`{name}` must be a whole number of 0 or more, not `{}`",
            crate::validate::format::truncate(value)
        ))
    })
}

/// An OCPI DateTime: RFC 3339, where a missing zone means UTC (as OCPI says).
fn date_time(name: &str, value: &str) -> Result<jiff::Timestamp, ApiError> {
    let text = value.trim();
    // An unencoded `+` of an offset arrives as a space.
    let text = text.replace(' ', "+");
    text.parse::<jiff::Timestamp>()
        .or_else(|_| format!("{text}Z").parse::<jiff::Timestamp>())
        .map_err(|_| {
            ApiError::bad_parameter(format!(
                "`{name}` must be an OCPI DateTime such as 2024-05-01T00:00:00Z, not `{}`",
                crate::validate::format::truncate(value)
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> jiff::Timestamp {
        s.parse().expect("timestamp")
    }

    #[test]
    fn reads_every_parameter() {
        let q = PageQuery::parse(Some(
            "offset=5&limit=10&date_from=2024-01-01T00:00:00Z&date_to=2024-02-01T00:00:00&x=1",
        ))
        .expect("valid");
        assert_eq!((q.offset, q.limit), (5, Some(10)));
        assert_eq!(
            q.date_from.as_ref().map(|d| d.0),
            Some(ts("2024-01-01T00:00:00Z"))
        );
        assert_eq!(
            q.date_to.as_ref().map(|d| d.0),
            Some(ts("2024-02-01T00:00:00Z"))
        );
    }

    #[test]
    fn date_from_is_inclusive_date_to_exclusive() {
        let q = PageQuery::parse(Some(
            "date_from=2024-01-01T00:00:00Z&date_to=2024-01-02T00:00:00Z",
        ))
        .expect("valid");
        assert!(!q.admits(Some(ts("2023-12-31T23:59:59Z"))));
        assert!(q.admits(Some(ts("2024-01-01T00:00:00Z"))));
        assert!(q.admits(Some(ts("2024-01-01T23:59:59.999Z"))));
        assert!(!q.admits(Some(ts("2024-01-02T00:00:00Z"))));
        assert!(!q.admits(None));
        assert!(PageQuery::parse(None).expect("empty").admits(None));
    }

    #[test]
    fn bad_values_are_client_errors_that_say_why() {
        for (query, needle) in [
            ("offset=-1", "`offset`"),
            ("limit=abc", "`limit`"),
            ("limit=0", "at least 1"),
            ("date_from=yesterday", "`date_from`"),
            ("date_to=2024-13-01T00:00:00Z", "`date_to`"),
        ] {
            let e = PageQuery::parse(Some(query)).expect_err(query);
            assert_eq!(e.status.code(), 2001, "{query}");
            assert!(e.message.contains(needle), "{query}: {}", e.message);
        }
    }

    #[test]
    fn the_next_query_keeps_the_filters() {
        let q = PageQuery::parse(Some("offset=10&date_from=2024-01-01T00:00:00%2B01:00"))
            .expect("valid");
        // An unencoded `+` (a space once decoded) is read as the `+` it was.
        let unencoded =
            PageQuery::parse(Some("date_from=2024-01-01T00:00:00+01:00")).expect("valid");
        assert_eq!(
            unencoded.date_from.map(|d| d.0),
            Some(ts("2023-12-31T23:00:00Z"))
        );
        assert_eq!(
            q.next_query(10, 10),
            "offset=20&limit=10&date_from=2024-01-01T00%3A00%3A00%2B01%3A00"
        );
    }
}
