//! Everything the map shows, from every loaded feed: one entry per public, placed location, with
//! its marker record and the text the search looks in.

use std::collections::HashMap;
use std::sync::Arc;

use ocpi_open_data::cluster::MarkerRecord;
use ocpi_open_data::model::{Location, Tariff};

/// One location on the map.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Index of the feed it came from.
    pub feed: usize,
    pub location: Arc<Location>,
    pub marker: MarkerRecord,
    /// Operator name (or party id) as shown and filtered on.
    pub operator: String,
    /// Lower-case city, address, postal code, name and operator, for the text search.
    pub search: String,
}

/// The locations and tariffs of all feeds, joined.
#[derive(Debug, Default)]
pub struct Catalog {
    pub entries: Vec<Entry>,
    /// Tariffs by id; several parties may use one id, so each id keeps a list.
    tariffs: HashMap<String, Vec<Arc<Tariff>>>,
    /// Operator names, sorted, for the operator filter.
    pub operators: Vec<String>,
}

/// What one feed contributes.
pub struct FeedData<'a> {
    pub locations: &'a [Arc<Location>],
    pub tariffs: &'a [Arc<Tariff>],
}

/// The operator name a location shows: `operator.name`, else `country_code*party_id`.
pub fn operator_name(l: &Location) -> String {
    match (&l.operator, &l.country_code, &l.party_id) {
        (Some(op), _, _) if !op.name.trim().is_empty() => op.name.trim().to_string(),
        (_, Some(c), Some(p)) => format!("{c}*{p}"),
        _ => "Unknown operator".to_string(),
    }
}

impl Catalog {
    /// Joins feeds. Tariffs are found by id across all feeds, preferring the location's own
    /// party (country code and party id) when several share an id.
    pub fn build(feeds: &[FeedData<'_>]) -> Catalog {
        let mut tariffs: HashMap<String, Vec<Arc<Tariff>>> = HashMap::new();
        for f in feeds {
            for t in f.tariffs {
                tariffs.entry(t.id.clone()).or_default().push(Arc::clone(t));
            }
        }
        let mut catalog = Catalog {
            entries: Vec::new(),
            tariffs,
            operators: Vec::new(),
        };
        let mut operators = std::collections::BTreeSet::new();
        for (feed, f) in feeds.iter().enumerate() {
            for l in f.locations {
                let Some(marker) = MarkerRecord::of(l, |id| catalog.tariff_for(l, id)) else {
                    continue;
                };
                let operator = operator_name(l);
                operators.insert(operator.clone());
                let search = [
                    l.city.as_str(),
                    l.address.as_str(),
                    l.postal_code.as_deref().unwrap_or(""),
                    l.name.as_deref().unwrap_or(""),
                    operator.as_str(),
                ]
                .join(" ")
                .to_lowercase();
                catalog.entries.push(Entry {
                    feed,
                    location: Arc::clone(l),
                    marker,
                    operator,
                    search,
                });
            }
        }
        catalog.operators = operators.into_iter().collect();
        catalog
    }

    /// The tariff `id` as the location's connectors mean it.
    pub fn tariff_for(&self, l: &Location, id: &str) -> Option<&Tariff> {
        let list = self.tariffs.get(id)?;
        list.iter()
            .find(|t| t.party_id == l.party_id && t.country_code == l.country_code)
            .or_else(|| list.first())
            .map(|t| t.as_ref())
    }
}
