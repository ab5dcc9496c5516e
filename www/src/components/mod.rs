//! The components, named after what the user sees.

mod cluster_layer;
mod diagnostic_list;
mod evse_list;
mod feed_status;
mod filter_bar;
mod location_list;
mod location_panel;
pub mod map_page;
pub mod map_view;
mod price_estimate;
mod regulation_badges;
mod source_view;
mod tariff_summary;
pub mod validator_page;

pub use cluster_layer::ClusterLayer;
pub use diagnostic_list::DiagnosticList;
pub use evse_list::EvseList;
pub use feed_status::FeedStatus;
pub use filter_bar::FilterBar;
pub use location_list::LocationList;
pub use location_panel::LocationPanel;
pub use map_page::MapPage;
pub use map_view::MapView;
pub use price_estimate::PriceEstimate;
pub use regulation_badges::RegulationBadges;
pub use source_view::SourceView;
pub use tariff_summary::TariffSummary;
pub use validator_page::ValidatorPage;
