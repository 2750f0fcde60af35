//! Checking the parts of a large file at once.
//!
//! The file is cut at the `<` of a Документ start tag, found by searching
//! the bytes (anywhere: a file on one line is cut as well as one with a tag
//! a line). The part before the first cut (the
//! header: declaration, Файл, ИдОтпр, СвОргРег) is checked first; then each
//! part is checked by its own validator, started in the header's state, on
//! its own thread. A cut is trusted only when the part before it ends
//! exactly there, well-formed, with only Файл open: otherwise (a cut inside
//! a comment, a broken file, a fatal error) the file is checked again in one
//! pass, so the findings are always those of the sequential validator.
//! Line numbers, the columns of a part's first line and `Документ[n]` of each
//! part are shifted when the parts are joined; ИдДок repeats across parts are caught by the shared filter.

use super::bloom::Bloom;
use super::{scan, Finding, Kind, Options, Severity, Validator, PART_FINDINGS};
use crate::names::{el, to_1251};
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

/// The smallest part worth a thread.
pub(super) const MIN_PART: u64 = 8 << 20;

/// How far past a planned cut the start of a Документ is searched for.
const SEARCH: u64 = 16 << 20;

/// Line of the Файл start tag in findings of resumed parts, replaced when
/// the parts are joined.
const FILE_LINE: u64 = u64::MAX;

/// The cuts for a file of `size` bytes: `None` when the file is checked in
/// one pass (small, one thread, no Документ).
pub(super) fn plan(path: &Path, size: u64, options: &Options) -> io::Result<Option<Vec<u64>>> {
    let min_part = match options.part_size {
        0 => MIN_PART,
        n => n,
    };
    let threads = match options.threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    // At most 16 parts: each may buffer one token of up to `max_token` (1 MiB),
    // so the peak stays under 32 MiB even for a hostile file.
    let parts = (size / min_part.max(1)).min(threads as u64).min(16);
    if parts < 2 || size > options.limits.max_file_size {
        return Ok(None);
    }
    let mut f = std::fs::File::open(path)?;
    let Some(first) = find_cut(&mut f, 0)? else {
        return Ok(None);
    };
    let mut cuts = vec![first];
    for i in 1..parts {
        let from = size / parts * i;
        if let Some(c) = find_cut(&mut f, from)? {
            if c > *cuts.last().unwrap_or(&0) {
                cuts.push(c);
            }
        }
    }
    Ok((cuts.len() > 1).then_some(cuts))
}

/// The offset of the first `<Документ` start tag at or after `from`.
fn find_cut(f: &mut std::fs::File, from: u64) -> io::Result<Option<u64>> {
    let pattern = to_1251(&format!("<{}", el::DOCUMENT));
    let finder = memchr::memmem::Finder::new(&pattern);
    let window = 1usize << 20;
    let mut buf = vec![0u8; window];
    let mut at = from;
    while at < from + SEARCH {
        f.seek(SeekFrom::Start(at))?;
        let n = read_full(f, &mut buf)?;
        if n <= pattern.len() {
            return Ok(None);
        }
        let data = &buf[..n];
        for i in finder.find_iter(data) {
            let after = data.get(i + pattern.len());
            if matches!(after, Some(b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/')) {
                return Ok(Some(at + i as u64));
            }
        }
        if n < window {
            return Ok(None);
        }
        // Overlap the windows so that a tag on the edge is not missed.
        at += (n - 256) as u64;
    }
    Ok(None)
}

fn read_full(f: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

fn open_range(path: &Path, start: u64, end: Option<u64>) -> io::Result<Box<dyn Read + Send>> {
    let mut f = std::fs::File::open(path)?;
    f.seek(SeekFrom::Start(start))?;
    Ok(match end {
        Some(e) => Box::new(f.take(e - start)),
        None => Box::new(f),
    })
}

/// A range of the file for the first pass, its bytes counted as progress.
fn counted_range<'p>(
    path: &Path,
    start: u64,
    end: Option<u64>,
    options: &'p Options,
) -> io::Result<BufReader<super::Counted<'p, Box<dyn Read + Send>>>> {
    let inner = open_range(path, start, end)?;
    let to = options.progress.as_deref();
    Ok(BufReader::with_capacity(
        scan::PIECE,
        super::Counted { inner, to },
    ))
}

/// Runs `work` on each item on its own thread; results in the items' order.
fn in_parallel<I, T, F>(items: I, work: F) -> io::Result<Vec<T>>
where
    I: IntoIterator,
    I::Item: Send,
    T: Send,
    F: Fn(I::Item) -> io::Result<T> + Sync,
{
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .into_iter()
            .map(|item| {
                let work = &work;
                s.spawn(move || work(item))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(io::Error::other("поток проверки прерван")))
            })
            .collect()
    })
}

fn at_top(v: &Validator<'_>) -> bool {
    !v.fatal_seen && v.stack.len() == 1 && v.stack[0].compiled.kind == Kind::File
}

/// Checks the header, then the parts at once, and joins the findings.
/// `None`: a cut was not trusted; check the file in one pass.
pub(super) fn validate<'o>(
    path: &Path,
    file_name: Option<&str>,
    cuts: &[u64],
    options: &'o Options,
    bloom: &'o Bloom,
) -> io::Result<Option<Validator<'o>>> {
    let mut header = Validator::new(file_name, options, bloom);
    header.partial = true;
    header.bound = Some(PART_FINDINGS);
    if let Some(p) = options.progress.as_deref() {
        p.restart();
    }
    header.run(counted_range(path, 0, Some(cuts[0]), options)?, None);
    if header.report.stopped || !at_top(&header) {
        return Ok(None);
    }
    let doc_pos = header.stack[0]
        .compiled
        .children
        .iter()
        .position(|c| c.iter().any(|e| e.2.kind == Kind::Document))
        .unwrap_or(0);
    let parts = cuts.iter().enumerate().map(|(i, &start)| {
        let end = cuts.get(i + 1).copied();
        let mut v = header.resume(i > 0, doc_pos);
        v.partial = end.is_some();
        v.bound = Some(PART_FINDINGS);
        (v, start, end)
    });
    let parts = in_parallel(parts, |(mut v, start, end)| {
        v.run(counted_range(path, start, end, options)?, None);
        Ok(v)
    })?;
    Ok(join(header, parts, cuts))
}

/// The exact pass over the parts of the first pass, at once: occurrences
/// of the candidates with their lines in the whole file, in file order.
pub(super) fn scan_parts(
    path: &Path,
    plan: &[(u64, Option<u64>, u64)],
    candidates: &std::collections::HashSet<Vec<u8>>,
) -> io::Result<Vec<(Vec<u8>, u64)>> {
    let found = in_parallel(plan, |&(start, end, lines_before)| {
        let input = BufReader::with_capacity(1 << 15, open_range(path, start, end)?);
        Ok(super::scan_ids(input, candidates)
            .into_iter()
            .map(|(v, l)| (v, l + lines_before))
            .collect::<Vec<_>>())
    })?;
    Ok(found.into_iter().flatten().collect())
}

/// Joins the parts' findings into the header's validator, in file order,
/// and keeps the ranges (with the lines before each) for the exact pass.
fn join<'o>(
    mut out: Validator<'o>,
    parts: Vec<Validator<'o>>,
    cuts: &[u64],
) -> Option<Validator<'o>> {
    let (file_line, file_column) = (out.stack[0].line, out.stack[0].column);
    out.report.parts = parts.len();
    let mut line_off = out.line - 1;
    // Offset in the file of the start of the line the next part begins on.
    let mut line_start = out.line_start;
    out.plan = vec![(0, cuts.first().copied(), 0)];
    let mut errors = out.report.errors();
    let last = parts.len().saturating_sub(1);
    for (i, part) in parts.into_iter().enumerate() {
        if part.fatal_seen || part.overflow || (i < last && !part.report.stopped && !at_top(&part))
        {
            return None;
        }
        out.plan.push((cuts[i], cuts.get(i + 1).copied(), line_off));
        let bytes_off = out.report.bytes;
        // A cut inside a line: the part's first line starts before it.
        let column_off = cuts[i] - line_start;
        for (mut f, (docs, bytes)) in part.report.findings.into_iter().zip(part.marks) {
            if f.line == FILE_LINE {
                (f.line, f.column) = (file_line, file_column);
            } else if f.line > 0 {
                if f.line == 1 && f.column > 0 {
                    f.column += column_off;
                }
                f.line += line_off;
            }
            shift_index(&mut f, out.documents);
            if f.severity == Severity::Error {
                errors += 1;
                out.errors += 1;
            } else {
                out.warnings += 1;
            }
            out.report.findings.push(f);
            if out.options.max_errors.is_some_and(|m| m > 0 && errors >= m) {
                // Where one pass would have stopped.
                out.report.stopped = true;
                out.documents += docs;
                out.report.bytes = bytes_off + bytes;
                return Some(out);
            }
        }
        out.candidates_overflow |= part.candidates_overflow;
        for (id, line) in part.id_candidates {
            if out.id_candidates.len() < out.options.limits.max_id_candidates {
                out.id_candidates.push((id, line + line_off));
            } else {
                out.candidates_overflow = true;
            }
        }
        if part.line > 1 {
            line_start = cuts[i] + part.line_start;
        }
        line_off += part.line - 1;
        out.documents += part.documents;
        out.report.bytes += part.report.bytes;
        out.line = line_off + 1;
        out.file_closed = part.file_closed;
        if part.report.stopped {
            out.report.stopped = true;
        }
        if out.report.stopped {
            break;
        }
    }
    out.stack.clear();
    Some(out)
}

/// `Файл/Документ[n]/…` of a part → the number in the whole file.
fn shift_index(f: &mut Finding, docs_off: u64) {
    let prefix = format!("{}/{}[", el::FILE, el::DOCUMENT);
    let Some(rest) = f.path.strip_prefix(&prefix) else {
        return;
    };
    let Some(close) = rest.find(']') else {
        return;
    };
    if let Ok(n) = rest[..close].parse::<u64>() {
        f.path = format!("{prefix}{}{}", n + docs_off, &rest[close..]);
    }
}

impl<'o> Validator<'o> {
    /// A validator for a part: the header's state, with Документ elements
    /// already seen when `after_document`.
    fn resume(&self, after_document: bool, doc_pos: usize) -> Validator<'o> {
        let mut stack = self.stack.clone();
        if let Some(top) = stack.first_mut() {
            top.line = FILE_LINE;
            if after_document {
                top.child = doc_pos;
                top.count = 1;
            }
        }
        let mut v = Validator::new(None, self.options, self.bloom);
        v.version = self.version;
        v.ns = self.ns.clone();
        v.report.file = self.report.file.clone();
        v.file_name = self.file_name.clone();
        v.file_date = self.file_date;
        v.stack = stack;
        v.seen_root = true;
        v.seen_decl = true;
        v.resumed = true;
        v
    }
}
