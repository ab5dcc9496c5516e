//! The UK "data requirement" (regulation 2: version 2.2.1 of OCPI): each location walked against
//! the OCPI 2.2.1 tables, whatever version it was published in.
//!
//! The files are validated once more with the version forced to 2.2.1 and the kind to Location
//! (`validate::Options`), item by item as `model::read_feed` does — the same spec walk and rules
//! across fields that `validate_as` runs on one object, for a whole feed in one pass, with
//! pointers into the original files. A location meets the requirement when that walk finds no
//! error inside it; fields of other versions (2.3.0 `help_phone`, ...) are unknown fields of
//! 2.2.1, reported as infos, not errors.

use crate::diagnostic::Severity;
use crate::spec::Version;
use crate::validate::{Kind, Options, validate_files_streaming};
use std::collections::HashMap;

/// One error of the 2.2.1 walk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkError {
    pub code: &'static str,
    pub pointer: String,
    pub message: String,
}

/// The errors the 2.2.1 walk found, per location.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DataRequirement {
    /// (file, location pointer) → errors inside the location.
    locations: HashMap<(String, String), Vec<WalkError>>,
    /// (file, location pointer) → number of warnings inside the location.
    warnings: HashMap<(String, String), usize>,
}

impl DataRequirement {
    /// Walks every location of `files` (locations files) against the OCPI 2.2.1 tables.
    pub fn check(files: &[(&str, &[u8])]) -> DataRequirement {
        let options = Options {
            version: Some(Version::V2_2_1),
            kind: Some(Kind::Location),
            ..Options::default()
        };
        let mut pointers: Vec<(usize, String)> = Vec::new();
        let mut on_item = |file: usize, _: Kind, _: Version, item: &crate::validate::Item<'_>| {
            pointers.push((file, item.pointer.clone()));
        };
        let reports = validate_files_streaming(files, |_| options.clone(), &mut on_item);
        let mut out = DataRequirement::default();
        // Item pointer → key, to give each diagnostic to the location it lies in.
        let mut items: HashMap<(usize, &str), (String, String)> = HashMap::new();
        for (file, pointer) in &pointers {
            let key = (reports[*file].path.clone(), pointer.clone());
            out.locations.insert(key.clone(), Vec::new());
            out.warnings.insert(key.clone(), 0);
            items.insert((*file, pointer.as_str()), key);
        }
        for (file, report) in reports.iter().enumerate() {
            for d in &report.diagnostics {
                if d.severity == Severity::Info {
                    continue;
                }
                // The longest prefix of the pointer that is an item (`/data/3` of `/data/3/evses/0`).
                let p = d.pointer.as_str();
                let cuts = std::iter::once(p.len()).chain(p.rmatch_indices('/').map(|(i, _)| i));
                let Some(key) = cuts.filter_map(|i| items.get(&(file, &p[..i]))).next() else {
                    continue;
                };
                if d.severity == Severity::Error {
                    if let Some(errors) = out.locations.get_mut(key) {
                        errors.push(WalkError {
                            code: d.code.as_str(),
                            pointer: d.pointer.clone(),
                            message: d.message.clone(),
                        });
                    }
                } else if let Some(w) = out.warnings.get_mut(key) {
                    *w += 1;
                }
            }
        }
        out
    }

    /// The errors inside the location at `pointer` of `file`; `None` if it was not walked.
    pub fn errors(&self, file: &str, pointer: &str) -> Option<&[WalkError]> {
        self.locations
            .get(&(file.to_string(), pointer.to_string()))
            .map(Vec::as_slice)
    }

    /// The number of warnings inside the location.
    pub fn warnings(&self, file: &str, pointer: &str) -> usize {
        self.warnings
            .get(&(file.to_string(), pointer.to_string()))
            .copied()
            .unwrap_or(0)
    }
}
