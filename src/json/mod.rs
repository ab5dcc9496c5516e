//! Reading JSON while keeping the place of every value: spans, lines and columns, JSON Pointers.

mod parse;
mod pointer;
mod position;
mod value;

pub use parse::{ItemList, JsonProblem, ParseOptions, Parsed, parse, parse_streaming};
pub use pointer::{Pointer, pointer_at};
pub use position::LineIndex;
pub use value::{Member, Node, Span, Value, key_eq};

#[cfg(test)]
mod tests;
