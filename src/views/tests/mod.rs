//! Tests of the regulation views on hand-made locations read through the real reader.
