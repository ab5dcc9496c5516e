//! Reading the command line's inputs: files, or standard input for `-`.

use std::io::Read;

/// One input as read.
pub struct Input {
    /// The path as given, or `<stdin>`.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Reads every input; any unreadable file stops the tool (exit status 2).
pub fn read_all(paths: &[String]) -> Result<Vec<Input>, String> {
    let mut stdin_used = false;
    paths
        .iter()
        .map(|path| {
            if path == "-" {
                if stdin_used {
                    return Err("standard input (-) can be read only once".to_string());
                }
                stdin_used = true;
                let mut bytes = Vec::new();
                std::io::stdin()
                    .lock()
                    .read_to_end(&mut bytes)
                    .map_err(|e| format!("cannot read standard input: {e}"))?;
                Ok(Input {
                    name: "<stdin>".into(),
                    bytes,
                })
            } else {
                let bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
                Ok(Input {
                    name: path.clone(),
                    bytes,
                })
            }
        })
        .collect()
}
