//! `timeline-explorer fuzz`: hostile input for every reader, on a stable
//! toolchain. Inputs are mutations (bit flips, insertions and deletions,
//! repeated chunks, splices, format tokens) of a small corpus of
//! interesting files kept in `fuzz/corpus/FORMAT/` and of the built-in
//! dataset written in each format. Each input goes through the importer;
//! a failure is
//! - a panic,
//! - an input taking longer than the time limit (a watchdog stops the run),
//! - an error or a skipped item that does not say where (line, column),
//! - a timeline the RON loader would refuse once saved (whatever an importer
//!   accepts, the RON loader accepts).
//!
//! The failing input is written to `fuzz/failures/` and the run stops with
//! its reason. The generator is seeded: the same seed replays the same run.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::io::{self, Format, LoadError};

/// The longest input generated, in bytes.
const MAX_INPUT_BYTES: usize = 256 * 1024;

/// Options of one run.
#[derive(Clone, Debug)]
pub struct FuzzOptions {
    pub formats: Vec<Format>,
    /// Inputs per format.
    pub inputs: u64,
    pub seed: u64,
    /// Where the corpus is (`fuzz/corpus`).
    pub corpus: PathBuf,
    /// Where failing inputs are written (`fuzz/failures`).
    pub failures: PathBuf,
    /// Per input.
    pub time_limit: Duration,
}

/// What one format's run found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FuzzReport {
    pub format: Format,
    pub inputs: u64,
    /// Inputs read into a timeline, and refused with a positioned error.
    pub read: u64,
    pub refused: u64,
    /// The first failure: its reason and where the input was written.
    pub failure: Option<(String, PathBuf)>,
}

/// A small, fast generator (xorshift*): the same seed gives the same run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Tokens that mean something in each format, to insert.
fn tokens(format: Format) -> &'static [&'static str] {
    match format {
        Format::Ron => &[
            "(",
            ")",
            "[",
            "]",
            "{",
            "}",
            "\"",
            ",",
            ":",
            "Some(",
            "None",
            "r#\"",
            "\"#",
            "//",
            "/*",
            "*/",
            "-",
            "2020-13-45",
            "-99999999999",
            "9999-12-31T24:61",
            "id: \"",
            "events: [",
            "Confirmed",
            "\\u{0}",
            "\\",
            "'",
        ],
        Format::TimelineJs => &[
            "{",
            "}",
            "[",
            "]",
            "\"",
            ",",
            ":",
            "null",
            "true",
            "1e999",
            "-0",
            "\"year\":",
            "\"month\": 13",
            "\"start_date\":",
            "\"events\": [",
            "<ul><li>",
            "</li></ul>",
            "&#x110000;",
            "&amp",
            "<a href=\"javascript:x\">",
            "\\u0000",
            "\\ud800",
        ],
        Format::TimelineJsCsv | Format::Csv => &[
            ",",
            "\"",
            "\n",
            "\r",
            "\r\n",
            ";",
            "\t",
            "|",
            "\\",
            "=",
            "-300",
            "9-May-20",
            "20200509",
            "13/13/2020",
            "2020-02-30",
            "Year",
            "Headline",
            "era",
            "title",
            "javascript:alert(1)",
            "\u{feff}",
            "'=1",
        ],
        Format::Markwhen => &[
            "\n",
            ": ",
            "/",
            " - ",
            "-",
            "section ",
            "group ",
            "endSection",
            "endGroup",
            "---",
            "now",
            "every 2 weeks for 1 year",
            "after !id",
            "#tag",
            "!id",
            "1111-",
            "2020-13",
            "Dec 32 2025",
            "9:99am",
            "50 AD",
            "300 BC",
            "\t",
            "  ",
        ],
    }
}

/// One mutation of `input` (in place), with `other` to splice from.
fn mutate(rng: &mut Rng, input: &mut Vec<u8>, other: &[u8], format: Format) {
    let n = input.len();
    match rng.below(9) {
        0 if n > 0 => {
            let i = rng.below(n);
            input[i] ^= 1 << rng.below(8);
        }
        1 => {
            let i = rng.below(n + 1);
            input.insert(i, rng.next() as u8);
        }
        2 if n > 0 => {
            let i = rng.below(n);
            let len = 1 + rng.below((n - i).min(64));
            input.drain(i..i + len);
        }
        3 if n > 0 => {
            // A chunk repeated many times: deep nesting, long lines.
            let i = rng.below(n);
            let len = 1 + rng.below((n - i).min(16));
            let chunk = input[i..i + len].to_vec();
            let times = 1 + rng.below(2000);
            let at = rng.below(n + 1);
            let repeated: Vec<u8> = chunk.iter().copied().cycle().take(len * times).collect();
            input.splice(at..at, repeated);
        }
        4 if !other.is_empty() => {
            let i = rng.below(n + 1);
            let j = rng.below(other.len());
            let len = 1 + rng.below((other.len() - j).min(512));
            input.splice(i..i, other[j..j + len].iter().copied());
        }
        5 => {
            let t = tokens(format);
            let token = t[rng.below(t.len())].as_bytes();
            let i = rng.below(n + 1);
            input.splice(i..i, token.iter().copied());
        }
        6 if n > 0 => input.truncate(rng.below(n)),
        7 if n > 1 => {
            // Swap two bytes (reorders delimiters).
            let (i, j) = (rng.below(n), rng.below(n));
            input.swap(i, j);
        }
        _ => {
            // A line or row duplicated.
            if let Some(i) = input.iter().position(|&b| b == b'\n') {
                let line = input[..=i].to_vec();
                let at = rng.below(n + 1);
                input.splice(at..at, line);
            }
        }
    }
    input.truncate(MAX_INPUT_BYTES);
}

/// The seeds of a format: the corpus files, and the built-in dataset in
/// the format.
pub fn seeds(format: Format, corpus: &Path) -> Vec<Vec<u8>> {
    let mut seeds = Vec::new();
    if let Ok(builtin) = io::builtin_timeline()
        && let Ok((text, _)) = io::export_text(&builtin, format)
    {
        seeds.push(text.into_bytes());
    }
    let dir = corpus.join(format.name());
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut files: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        files.sort();
        for f in files {
            if let Ok(bytes) = std::fs::read(&f) {
                seeds.push(bytes);
            }
        }
    }
    seeds
}

/// Why an input failed, if it did. Runs the importer (panics are caught).
pub fn check_input(bytes: &[u8], format: Format) -> Result<bool, String> {
    let text = String::from_utf8_lossy(bytes);
    let origin = format!("fuzz.{}", format.extension());
    let result = std::panic::catch_unwind(|| io::import_text(&text, &origin, format, None));
    match result {
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("a panic");
            Err(format!("panicked: {message}"))
        }
        Ok(Err(e)) => positioned(&e).map(|()| false),
        Ok(Ok(imported)) => {
            for s in &imported.skipped {
                if !s.contains("line ") {
                    return Err(format!("a skip that does not say where: {s:.200}"));
                }
            }
            let ron = io::to_ron_string(&imported.timeline)
                .map_err(|e| format!("the imported timeline does not save: {e}"))?;
            match io::parse_timeline(&ron, "saved.ron") {
                Ok(back) if back == imported.timeline => Ok(true),
                Ok(_) => Err("saved as RON, it reads back different".into()),
                Err(e) => Err(format!(
                    "accepted by the importer, refused by the RON loader: {:.300}",
                    e.to_string()
                )),
            }
        }
    }
}

/// An error must say where: a line and a column.
pub fn positioned(e: &LoadError) -> Result<(), String> {
    match e {
        LoadError::Syntax { line, column, .. } if *line > 0 && *column > 0 => Ok(()),
        LoadError::NotUtf8 { .. } | LoadError::ColumnsNotRecognised { .. } => Ok(()),
        LoadError::Invalid { problems, .. } => match problems
            .iter()
            .find(|p| p.line.is_none() || p.column.is_none())
        {
            None => Ok(()),
            Some(p) => Err(format!("a problem with no place: {p}")),
        },
        other => Err(format!("an error that does not say where: {other:.200}")),
    }
}

/// Runs the fuzzer on each format.
pub fn run(opts: &FuzzOptions, out: &mut dyn Write) -> std::io::Result<Vec<FuzzReport>> {
    let mut reports = Vec::new();
    // The watchdog: the time the current input started (ms since `epoch`).
    let epoch = Instant::now();
    let started = Arc::new(AtomicU64::new(u64::MAX));
    let current: Arc<std::sync::Mutex<(Vec<u8>, Format)>> =
        Arc::new(std::sync::Mutex::new((Vec::new(), Format::Ron)));
    {
        let (started, current, failures) = (
            Arc::clone(&started),
            Arc::clone(&current),
            opts.failures.clone(),
        );
        let limit = opts.time_limit;
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(Duration::from_millis(50));
                let at = started.load(Ordering::SeqCst);
                if at == u64::MAX {
                    continue;
                }
                let running = (epoch.elapsed().as_millis() as u64).saturating_sub(at);
                if running > limit.as_millis() as u64 {
                    let (input, format) = current
                        .lock()
                        .map(|c| c.clone())
                        .unwrap_or((Vec::new(), Format::Ron));
                    let path = write_failure(&failures, format, &input);
                    eprintln!(
                        "fuzz: an input took over {} ms ({}): written to {}",
                        limit.as_millis(),
                        format.name(),
                        path.display()
                    );
                    std::process::exit(3);
                }
            }
        });
    }
    for &format in &opts.formats {
        let seeds = seeds(format, &opts.corpus);
        let mut rng = Rng(opts.seed ^ (format as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let mut report = FuzzReport {
            format,
            inputs: 0,
            read: 0,
            refused: 0,
            failure: None,
        };
        let run_started = Instant::now();
        for k in 0..opts.inputs {
            let mut input = seeds[rng.below(seeds.len())].clone();
            let other = &seeds[rng.below(seeds.len())];
            for _ in 0..1 + rng.below(6) {
                mutate(&mut rng, &mut input, other, format);
            }
            if let Ok(mut c) = current.lock() {
                *c = (input.clone(), format);
            }
            started.store(epoch.elapsed().as_millis() as u64, Ordering::SeqCst);
            let verdict = check_input(&input, format);
            started.store(u64::MAX, Ordering::SeqCst);
            report.inputs += 1;
            match verdict {
                Ok(true) => report.read += 1,
                Ok(false) => report.refused += 1,
                Err(reason) => {
                    let path = write_failure(&opts.failures, format, &input);
                    report.failure = Some((reason, path));
                    break;
                }
            }
            if (k + 1) % 100_000 == 0 {
                writeln!(
                    out,
                    "fuzz {}: {} inputs, {:.0} s",
                    format.name(),
                    k + 1,
                    run_started.elapsed().as_secs_f64()
                )?;
            }
        }
        match &report.failure {
            None => writeln!(
                out,
                "fuzz {}: {} inputs in {:.1} s: {} read, {} refused with a place, no failure",
                format.name(),
                report.inputs,
                run_started.elapsed().as_secs_f64(),
                report.read,
                report.refused
            )?,
            Some((reason, path)) => writeln!(
                out,
                "fuzz {}: FAILED after {} inputs: {reason} (input in {})",
                format.name(),
                report.inputs,
                path.display()
            )?,
        }
        let failed = report.failure.is_some();
        reports.push(report);
        if failed {
            break;
        }
    }
    Ok(reports)
}

fn write_failure(dir: &Path, format: Format, input: &[u8]) -> PathBuf {
    let _ = std::fs::create_dir_all(dir);
    let name = format!(
        "{}-{}.{}",
        format.name(),
        &blake3::hash(input).to_hex()[..16],
        format.extension()
    );
    let path = dir.join(name);
    let _ = std::fs::write(&path, input);
    path
}
