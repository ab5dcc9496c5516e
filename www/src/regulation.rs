//! The app's one boundary to the regulation views (EU AFIR, UK Public Charge Point Regulations
//! 2023) of the core. Those views are not part of this build; until they are, both functions
//! answer `None` and the badges and tabs say "not available in this build". No result is
//! made up here.

use ocpi_open_data::model::{Location, Tariff};

/// One requirement and whether the data meets it.
#[derive(Debug, Clone, PartialEq)]
pub struct Requirement {
    /// The regulation's own reference, e.g. `AFIR Art. 5(1)`.
    pub reference: String,
    pub title: String,
    /// `None` when the data cannot tell.
    pub met: Option<bool>,
    pub detail: String,
}

/// The result of one regulation for one location.
#[derive(Debug, Clone, PartialEq)]
pub struct RegulationReport {
    pub regulation: &'static str,
    pub requirements: Vec<Requirement>,
}

/// The AFIR result of a location with the tariffs its connectors name.
pub fn afir_report(_location: &Location, _tariffs: &[&Tariff]) -> Option<RegulationReport> {
    None
}

/// The UK Public Charge Point Regulations 2023 result.
pub fn uk_report(_location: &Location, _tariffs: &[&Tariff]) -> Option<RegulationReport> {
    None
}
