//! UK requirements.
