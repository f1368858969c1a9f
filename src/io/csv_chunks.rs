//! A large CSV body cut into pieces that end where records end, so that
//! each piece is read on its own thread.
//!
//! The cut points are found by one pass over the quotes and line breaks.
//! The pass follows RFC 4180 as the csv reader does (a quote opens a field
//! only at its start; `""` inside is a quote); a file that bends those
//! rules (a quote in the middle of an unquoted field, text after a closing
//! quote) is not cut at all: it is read in one piece, exactly as before.

use std::ops::Range;

/// Below this size a body is read in one piece: threads would cost more
/// than they save.
const MIN_PIECE_BYTES: usize = 1 << 20;

/// The byte ranges of `body` (from `start` to the end of `text`) to read
/// apart, in order, at most `pieces` of them; each starts at a record's
/// first byte. One range when the body is small or bends the quoting rules.
pub fn record_pieces(text: &[u8], start: usize, delimiter: u8, pieces: usize) -> Vec<Range<usize>> {
    let len = text.len();
    let body = len.saturating_sub(start);
    let pieces = pieces.clamp(1, (body / MIN_PIECE_BYTES).max(1));
    let whole = std::iter::once(start.min(len)..len).collect::<Vec<_>>();
    if pieces == 1 {
        return whole;
    }
    let step = body / pieces;
    let mut cuts = vec![start];
    let mut next_cut = start + step;
    let mut in_quotes = false;
    let mut i = start;
    while let Some(found) = memchr::memchr3(b'"', b'\n', b'\r', &text[i..]) {
        let at = i + found;
        let byte = text[at];
        if byte == b'"' {
            if in_quotes {
                match text.get(at + 1) {
                    // `""`: a quote inside the field.
                    Some(b'"') => {
                        i = at + 2;
                        continue;
                    }
                    None | Some(b'\n' | b'\r') => in_quotes = false,
                    Some(&b) if b == delimiter => in_quotes = false,
                    // Text after a closing quote: not cut.
                    Some(_) => return whole,
                }
            } else {
                let field_start = at == start
                    || matches!(text[at - 1], b'\n' | b'\r')
                    || text[at - 1] == delimiter;
                if !field_start {
                    return whole;
                }
                in_quotes = true;
            }
            i = at + 1;
            continue;
        }
        // A line break outside quotes ends a record; `\r\n` is one break.
        let after = if byte == b'\r' && text.get(at + 1) == Some(&b'\n') {
            at + 2
        } else {
            at + 1
        };
        if !in_quotes && after >= next_cut && after < len {
            cuts.push(after);
            if cuts.len() == pieces {
                break;
            }
            next_cut = after + step;
        }
        i = after;
    }
    // An unclosed quote runs to the end of the file: the reader decides.
    if in_quotes && cuts.len() < pieces {
        return whole;
    }
    cuts.push(len);
    cuts.windows(2).map(|w| w[0]..w[1]).collect()
}

/// How many threads the machine offers.
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `f` of every item, in order, each on its own thread (the first on
/// this one).
pub fn in_parallel<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    if items.len() <= 1 {
        return items.into_iter().map(f).collect();
    }
    let f = &f;
    std::thread::scope(|scope| {
        let mut items = items.into_iter();
        let first = items.next();
        let handles: Vec<_> = items.map(|item| scope.spawn(move || f(item))).collect();
        let mut out: Vec<R> = first.map(f).into_iter().collect();
        for h in handles {
            // A panic on a worker is the same panic here.
            out.push(h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every record of `text`, read whole and read in pieces.
    fn read(text: &str, pieces: &[Range<usize>]) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
        let records = |bytes: &[u8]| -> Vec<Vec<String>> {
            csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(bytes)
                .records()
                .map(|r| r.unwrap().iter().map(str::to_string).collect())
                .collect()
        };
        let whole = records(text.as_bytes());
        let cut = pieces
            .iter()
            .flat_map(|r| records(&text.as_bytes()[r.clone()]))
            .collect();
        (whole, cut)
    }

    fn big(row: &str, rows: usize) -> String {
        row.repeat(rows)
    }

    #[test]
    fn pieces_end_where_records_end_in_every_line_ending() {
        for row in [
            "a,\"b\nstill b, \"\"quoted\"\"\",c\n",
            "a,\"b\r\nstill b\",c\r\n",
            "a,\"b\rstill b\",c\r",
            "plain,row,here\n",
        ] {
            let text = big(row, (3 * MIN_PIECE_BYTES) / row.len() + 7);
            let pieces = record_pieces(text.as_bytes(), 0, b',', 4);
            assert!(pieces.len() > 1, "{row:?} was not cut");
            assert_eq!(pieces.first().unwrap().start, 0);
            assert_eq!(pieces.last().unwrap().end, text.len());
            assert!(pieces.windows(2).all(|w| w[0].end == w[1].start));
            let (whole, cut) = read(&text, &pieces);
            assert_eq!(whole, cut, "{row:?}");
        }
    }

    #[test]
    fn files_that_bend_the_quoting_rules_are_not_cut() {
        for row in ["a,b\"c,d\n", "a,\"b\"c,d\n"] {
            let text = big(row, (3 * MIN_PIECE_BYTES) / row.len());
            assert_eq!(
                record_pieces(text.as_bytes(), 0, b',', 4).len(),
                1,
                "{row:?}"
            );
        }
        // An unclosed quote swallows the rest: one piece.
        let mut text = big("a,b\n", MIN_PIECE_BYTES);
        text.insert(text.len() / 2, '"');
        assert_eq!(record_pieces(text.as_bytes(), 0, b',', 4).len(), 1);
        // Small bodies are not worth a thread.
        let small = record_pieces(b"a,b\nc,d\n", 4, b',', 8);
        assert_eq!((small.len(), small.first()), (1, Some(&(4..8))));
        assert_eq!(record_pieces(b"a,b", 9, b',', 8).first(), Some(&(3..3)));
    }

    #[test]
    fn the_delimiter_decides_where_a_quote_may_close() {
        let row = "a;\"b;c\";d\n";
        let text = big(row, (3 * MIN_PIECE_BYTES) / row.len());
        assert!(record_pieces(text.as_bytes(), 0, b';', 3).len() > 1);
        // With commas, `"b;c";d` has text after its closing quote.
        assert_eq!(record_pieces(text.as_bytes(), 0, b',', 3).len(), 1);
    }
}
