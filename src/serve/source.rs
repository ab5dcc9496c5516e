//! Where the served data comes from: files, directories of `*.json` files, or bytes in memory;
//! and the fingerprint that tells when files changed.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// One input of the server.
#[derive(Clone)]
pub enum Source {
    /// A file, or a directory whose `*.json` files (not its subdirectories) are read in name
    /// order. Re-read when it changes.
    Path(PathBuf),
    /// Bytes read once (standard input, tests); `name` is used as the file name.
    Bytes { name: String, bytes: Arc<[u8]> },
}

impl fmt::Debug for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Path(p) => f.debug_tuple("Path").field(p).finish(),
            Source::Bytes { name, bytes } => f
                .debug_struct("Bytes")
                .field("name", name)
                .field("len", &bytes.len())
                .finish(),
        }
    }
}

impl From<PathBuf> for Source {
    fn from(path: PathBuf) -> Source {
        Source::Path(path)
    }
}

impl From<&str> for Source {
    fn from(path: &str) -> Source {
        Source::Path(PathBuf::from(path))
    }
}

impl From<String> for Source {
    fn from(path: String) -> Source {
        Source::Path(PathBuf::from(path))
    }
}

impl From<&Path> for Source {
    fn from(path: &Path) -> Source {
        Source::Path(path.to_path_buf())
    }
}

/// A source that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The path as given.
    pub path: String,
    /// What went wrong and what to do.
    pub message: String,
}

impl LoadError {
    /// Stable kebab-case id.
    pub fn code(&self) -> &'static str {
        "serve-source-unreadable"
    }

    fn io(path: &Path, action: &str, e: &std::io::Error) -> LoadError {
        LoadError {
            path: path.display().to_string(),
            message: format!("cannot {action}: {e}"),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for LoadError {}

/// A file to read: its name for reports, and where its bytes are.
pub(crate) enum Input {
    File(PathBuf),
    Bytes(String, Arc<[u8]>),
}

impl Input {
    pub(crate) fn name(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Bytes(name, _) => name.clone(),
        }
    }

    pub(crate) fn read(&self) -> Result<Arc<[u8]>, LoadError> {
        match self {
            Input::File(p) => std::fs::read(p)
                .map(Arc::from)
                .map_err(|e| LoadError::io(p, "read the file", &e)),
            Input::Bytes(_, bytes) => Ok(bytes.clone()),
        }
    }
}

/// The files of the sources, in order: a directory gives its `*.json` files sorted by name.
pub(crate) fn expand(sources: &[Source]) -> Result<Vec<Input>, LoadError> {
    let mut inputs = Vec::new();
    for source in sources {
        match source {
            Source::Bytes { name, bytes } => inputs.push(Input::Bytes(name.clone(), bytes.clone())),
            Source::Path(path) => {
                let meta =
                    std::fs::metadata(path).map_err(|e| LoadError::io(path, "read it", &e))?;
                if meta.is_dir() {
                    let mut files: Vec<PathBuf> = std::fs::read_dir(path)
                        .map_err(|e| LoadError::io(path, "list the directory", &e))?
                        .filter_map(|entry| entry.ok().map(|e| e.path()))
                        .filter(|p| {
                            p.extension()
                                .is_some_and(|x| x.eq_ignore_ascii_case("json"))
                                && p.is_file()
                        })
                        .collect();
                    files.sort();
                    inputs.extend(files.into_iter().map(Input::File));
                } else {
                    inputs.push(Input::File(path.clone()));
                }
            }
        }
    }
    Ok(inputs)
}

/// What identifies the current content of the sources without reading it: for every file its
/// path, size, modification time and (on Unix) inode, so that an atomic rename is seen too.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Fingerprint(Vec<(PathBuf, u64, Option<SystemTime>, u64)>);

/// The fingerprint of the sources now; an unreadable file or directory shows as absent.
pub(crate) fn fingerprint(sources: &[Source]) -> Fingerprint {
    let mut entries = Vec::new();
    for source in sources {
        let Source::Path(path) = source else {
            continue;
        };
        let mut files = vec![path.clone()];
        if path.is_dir() {
            files = std::fs::read_dir(path)
                .map(|dir| {
                    dir.filter_map(|entry| entry.ok().map(|e| e.path()))
                        .filter(|p| {
                            p.extension()
                                .is_some_and(|x| x.eq_ignore_ascii_case("json"))
                        })
                        .collect()
                })
                .unwrap_or_default();
            files.sort();
        }
        for file in files {
            if let Ok(meta) = std::fs::metadata(&file) {
                entries.push((file, meta.len(), meta.modified().ok(), inode(&meta)));
            }
        }
    }
    Fingerprint(entries)
}

#[cfg(unix)]
fn inode(meta: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(meta)
}

#[cfg(not(unix))]
fn inode(_: &std::fs::Metadata) -> u64 {
    0
}
