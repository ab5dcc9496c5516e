//! Turning byte offsets into 1-based line and column numbers, computed only for the places that
//! a diagnostic points at.

/// Start offsets of every line of one input.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &[u8]) -> LineIndex {
        let mut line_starts = Vec::with_capacity(text.len() / 40 + 1);
        line_starts.push(0);
        line_starts.extend(memchr::memchr_iter(b'\n', text).map(|i| i as u32 + 1));
        LineIndex { line_starts }
    }

    /// 1-based line and column (in characters; a byte order mark does not count) of `offset`.
    pub fn line_column(&self, text: &[u8], offset: u32) -> (u32, u32) {
        let offset = offset.min(text.len() as u32);
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let mut start = self.line_starts[line] as usize;
        if line == 0 && text.starts_with(b"\xEF\xBB\xBF") {
            start = start.max(3.min(offset as usize));
        }
        let prefix = &text[start..offset as usize];
        // Count characters, not bytes: every byte that does not continue a UTF-8 sequence.
        let column = prefix.iter().filter(|&&b| (b & 0xC0) != 0x80).count();
        (line as u32 + 1, column as u32 + 1)
    }

    /// Line and column of many offsets at once, in one pass over the text: a minified feed is a
    /// single line, and counting characters from the line start for each place would be quadratic.
    pub fn line_columns(&self, text: &[u8], offsets: &[u32]) -> Vec<(u32, u32)> {
        let mut order: Vec<usize> = (0..offsets.len()).collect();
        order.sort_unstable_by_key(|&i| offsets[i]);
        let mut out = vec![(0, 0); offsets.len()];
        // (offset, line, column) of the previous place, to count on from it.
        let mut last: Option<(u32, u32, u32)> = None;
        for i in order {
            let offset = offsets[i].min(text.len() as u32);
            let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
            let result = match last {
                Some((prev, prev_line, prev_col))
                    if prev_line as usize == line + 1 && prev <= offset =>
                {
                    let chars = text[prev as usize..offset as usize]
                        .iter()
                        .filter(|&&b| (b & 0xC0) != 0x80)
                        .count();
                    (line as u32 + 1, prev_col + chars as u32)
                }
                _ => self.line_column(text, offset),
            };
            last = Some((offset, result.0, result.1));
            out[i] = result;
        }
        out
    }

    /// The text of 1-based line `line`, without its line break.
    pub fn line_text<'t>(&self, text: &'t [u8], line: u32) -> &'t [u8] {
        let Some(&start) = self.line_starts.get(line as usize - 1) else {
            return b"";
        };
        let end = self
            .line_starts
            .get(line as usize)
            .map_or(text.len(), |&e| e as usize);
        let mut slice = &text[start as usize..end];
        while let [rest @ .., b'\n' | b'\r'] = slice {
            slice = rest;
        }
        slice
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let text = b"{\r\n  \"a\": 1,\n  \"\xC3\xA9\": 2\n}";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_column(text, 0), (1, 1));
        assert_eq!(idx.line_column(text, 5), (2, 3));
        // after the two-byte e-acute the column counts one character
        let pos = text.windows(2).position(|w| w == b": ").unwrap();
        let pos2 = text[pos + 1..].windows(2).position(|w| w == b": ").unwrap() + pos + 1;
        assert_eq!(idx.line_column(text, pos2 as u32), (3, 6));
        assert_eq!(idx.line_text(text, 2), b"  \"a\": 1,");
        let many = idx.line_columns(text, &[pos2 as u32, 0, 5, pos2 as u32 + 1]);
        assert_eq!(many, vec![(3, 6), (1, 1), (2, 3), (3, 7)]);
    }

    #[test]
    fn byte_order_mark_is_not_a_column() {
        let text = b"\xEF\xBB\xBF{}";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_column(text, 3), (1, 1));
        assert_eq!(idx.line_column(text, 4), (1, 2));
    }
}
