//! The command line: subcommands that work without a window.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};
use serde::Serialize;

mod relations;
pub use relations::{relations_csv, run_relations};

use crate::io::{self, LoadError};
use crate::model::{Event, Timeline};
use crate::query::TimeIndex;

#[derive(Debug, Parser)]
#[command(
    name = "timeline-explorer",
    version,
    about = "Explore dated events on a zoomable, filterable timeline.",
    long_about = "Explore dated events on a zoomable, filterable timeline.\n\n\
        With no arguments, opens the window on the timeline shown when it was last closed, or \
        on the built-in dataset (the Russia–Syria article timeline) the first time and after \
        File > Built-in dataset. With FILE, opens that timeline file (RON, TimelineJS JSON or \
        CSV, Markwhen, or a CSV table).",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// A timeline file to open in the window (.ron, .json, .csv, .mw).
    pub file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<CliCommand>,
}

#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Validate timeline files and report every problem found.
    ///
    /// Prints `FILE: ok, N events, FIRST–LAST` for each good file and the full
    /// list of problems (with line and column) for each bad one. Exits with
    /// status 0 only if every file is good.
    Check {
        /// The files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Also fail when any row, line or slide was skipped.
        #[arg(long)]
        strict: bool,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Print the events of a timeline sorted by start date.
    ///
    /// Without FILE, lists the built-in dataset.
    List {
        /// The timeline file (.ron); the built-in dataset if absent.
        file: Option<PathBuf>,
        /// One JSON object per line instead of a table.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Print how actors stood to each other over time.
    ///
    /// Without options, every pair's history (allied, cooperating, neutral,
    /// strained, hostile, period by period). With --at, each pair's relation
    /// at that date; with --pair, only that pair. Without FILE, the
    /// built-in dataset.
    Relations {
        /// The timeline file; the built-in dataset if absent.
        file: Option<PathBuf>,
        /// The date to show every pair at: 2016-01-01, 1914-09, 1813,
        /// "3 Nov 2025".
        #[arg(long)]
        at: Option<String>,
        /// One pair: two actors, by id or name, separated by a comma
        /// (russia,turkey).
        #[arg(long)]
        pair: Option<String>,
        /// One JSON object per line instead of a table.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Every period as a CSV row (for a spreadsheet; cells a spreadsheet
        /// would run as formulas are written as text).
        #[arg(long)]
        csv: bool,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Write a synthetic but realistic timeline (for benchmarks and tests).
    Generate {
        /// How many events.
        #[arg(long, default_value_t = 1000)]
        events: usize,
        /// Random seed: the same seed gives the same file.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// How many years the events spread over (ending in 2025).
        #[arg(long, default_value_t = 100)]
        span_years: i64,
        /// The file to write (.ron).
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Measure frame times of the full window, rendered headless, on
    /// generated timelines (use a release build).
    ///
    /// Prints one row per (event count, view) with the median and 95th
    /// percentile milliseconds per frame and the vertex count, then the load
    /// time of each generated file.
    Bench {
        /// Event counts, comma-separated.
        #[arg(long, value_delimiter = ',', default_value = "1000,100000,1000000")]
        events: Vec<usize>,
        /// Frames measured per view.
        #[arg(long, default_value_t = 60)]
        frames: usize,
        /// Instead: time the inputs that once took quadratic time, at two
        /// sizes each, and say which grow faster than linearly.
        #[arg(long)]
        scaling: bool,
        /// Instead: time imports only (1,000,000 ACLED-shaped CSV rows, and
        /// 100,000 generated events in each format).
        #[arg(long)]
        imports: bool,
    },
    /// Feed every reader hostile input: mutations of the corpus in
    /// fuzz/corpus and of the built-in dataset. Fails on a panic, an input
    /// slower than the time limit, an error that does not say where, or a
    /// timeline the RON loader would refuse once saved; the input is
    /// written to fuzz/failures.
    Fuzz {
        /// Formats to fuzz (comma-separated); all five if absent.
        #[arg(long, value_delimiter = ',', value_parser = parse_format)]
        formats: Vec<io::Format>,
        /// Inputs per format.
        #[arg(long, default_value_t = 1_000_000)]
        inputs: u64,
        /// Random seed: the same seed replays the same run.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Most milliseconds one input may take.
        #[arg(long, default_value_t = 2000)]
        time_limit_ms: u64,
        /// The corpus of interesting inputs, a folder per format.
        #[arg(long, default_value = "fuzz/corpus")]
        corpus: PathBuf,
        /// Where a failing input is written.
        #[arg(long, default_value = "fuzz/failures")]
        failures: PathBuf,
    },
    /// Export a timeline (or the events matching a search) as a printable
    /// handout.
    Export {
        /// The timeline file (.ron); the built-in dataset if absent.
        file: Option<PathBuf>,
        /// The output format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Svg)]
        format: ExportFormat,
        /// The file to write.
        #[arg(short, long)]
        output: PathBuf,
        /// Only the events matching this search (words or "a phrase").
        #[arg(long)]
        query: Option<String>,
        /// Paper size (landscape).
        #[arg(long, value_enum, default_value_t = PaperArg::A4)]
        paper: PaperArg,
    },
    /// Convert a timeline between formats (ron, timelinejs, timelinejs-csv,
    /// markwhen, csv).
    ///
    /// The input format comes from IN's extension, else its content. The
    /// output format comes from --to, else from OUT's extension (.json means
    /// TimelineJS, .csv a plain table, .mw Markwhen). What the target cannot
    /// carry is folded into the text, and the command says what was folded.
    Convert {
        /// The file to read (.ron, .json, .csv, .mw).
        input: PathBuf,
        /// The file to write.
        #[arg(short, long)]
        output: PathBuf,
        /// The output format: ron, timelinejs, timelinejs-csv, markwhen or csv.
        #[arg(long, value_parser = parse_format)]
        to: Option<io::Format>,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Rewrite timeline files in the canonical layout (validated first;
    /// each file is replaced atomically, and left alone if it has problems).
    Fmt {
        /// The files to rewrite.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

/// How to read the input file.
#[derive(Clone, Debug, Default, clap::Args)]
pub struct ReadArgs {
    /// Read the input as this format (ron, timelinejs, timelinejs-csv,
    /// markwhen, csv) instead of detecting it.
    #[arg(long, value_parser = parse_format)]
    pub from: Option<io::Format>,
    /// For CSV tables: which columns hold which field, e.g.
    /// `start=event_date,title=notes,actors=actor1+actor2`. Fields: id,
    /// start, end, title, description, actors, category, location, source,
    /// publisher, url, certainty, provenance, tags, date_note, claim,
    /// discrepancy. Unmapped fields are found by their header names.
    #[arg(long, value_parser = parse_map)]
    pub map: Option<io::ColumnMap>,
}

impl ReadArgs {
    pub fn options(&self) -> io::LoadOptions {
        io::LoadOptions {
            format: self.from,
            map: self.map.clone(),
        }
    }
}

fn parse_map(spec: &str) -> Result<io::ColumnMap, String> {
    spec.parse()
}

/// One event as printed by `list --json`.
#[derive(Debug, Serialize)]
pub struct EventLine<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub start: String,
    pub end: Option<String>,
    pub precision: &'static str,
    pub certainty: &'static str,
    pub actors: &'a [String],
    pub category: &'a str,
    pub provenance: &'static str,
    pub location: Option<&'a str>,
    pub discrepancy: Option<&'a str>,
}

impl<'a> EventLine<'a> {
    pub fn new(ev: &'a Event) -> Self {
        Self {
            id: &ev.id,
            title: &ev.title,
            start: ev.start.to_iso(),
            end: ev.end.as_ref().map(|d| d.to_iso()),
            precision: ev.start.precision().as_str(),
            certainty: ev.certainty.label(),
            actors: &ev.actors,
            category: &ev.category,
            provenance: match ev.provenance {
                crate::model::Provenance::Article => "article",
                crate::model::Provenance::Context => "context",
            },
            location: ev.location.as_deref(),
            discrepancy: ev.discrepancy.as_deref(),
        }
    }
}

/// `FILE: ok, N events, FIRST–LAST`.
pub fn check_summary(origin: &str, timeline: &Timeline) -> String {
    let mut summary = match timeline.extent() {
        Some((first, last)) => format!(
            "{origin}: ok, {} event{}, {}–{}",
            crate::model::group_thousands(timeline.events.len() as u64),
            if timeline.events.len() == 1 { "" } else { "s" },
            first.compact(),
            last.compact()
        ),
        None => format!("{origin}: ok, 0 events"),
    };
    let n = timeline.relations.len();
    if n > 0 {
        summary.push_str(&format!(
            ", {} relation period{}",
            crate::model::group_thousands(n as u64),
            if n == 1 { "" } else { "s" }
        ));
    }
    summary
}

/// Runs `check`; returns whether every file was good.
/// Runs `check`: a file fails when it cannot be read, when it yields no
/// event, and (`strict`) when anything in it was skipped.
pub fn run_check(
    files: &[PathBuf],
    options: &io::LoadOptions,
    strict: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<bool> {
    per_file(files, out, err, |file| {
        let imported = io::load_with(file, options).map_err(|e| cli_message(&e))?;
        let mut report = check_summary(&file.display().to_string(), &imported.timeline);
        for line in &imported.skipped {
            report.push_str(&format!("\n  skipped: {line}"));
        }
        for line in &imported.notes {
            report.push_str(&format!("\n  note: {line}"));
        }
        if imported.timeline.events.is_empty() {
            report.push_str("\n  error: no event could be read from this file");
            return Err(report);
        }
        if strict && !imported.skipped.is_empty() {
            let n = imported.skipped.len();
            report.push_str(&format!(
                "\n  error: {n} item{} skipped (--strict)",
                if n == 1 { "" } else { "s" }
            ));
            return Err(report);
        }
        Ok(report)
    })
}

/// A load error as the command line says it: with the option that helps,
/// which the library's message (also shown in the window) cannot name.
pub fn cli_message(e: &LoadError) -> String {
    match e {
        LoadError::ColumnsNotRecognised { .. } => {
            format!("{e}\n  choose the columns with --map start=COLUMN,title=COLUMN")
        }
        _ => e.to_string(),
    }
}

/// Runs `fmt`; returns whether every file was good.
pub fn run_fmt(
    files: &[PathBuf],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<bool> {
    per_file(files, out, err, |file| {
        let timeline = io::load_timeline(file).map_err(|e| e.to_string())?;
        io::save_timeline(file, &timeline).map_err(|e| e.to_string())?;
        Ok(format!("{}: formatted", file.display()))
    })
}

/// Runs `action` on each file, printing its report to `out` or its error to
/// `err`; returns whether every file succeeded.
fn per_file(
    files: &[PathBuf],
    out: &mut dyn Write,
    err: &mut dyn Write,
    action: impl Fn(&Path) -> Result<String, String>,
) -> std::io::Result<bool> {
    let mut all_ok = true;
    for file in files {
        match action(file) {
            Ok(report) => writeln!(out, "{report}")?,
            Err(e) => {
                all_ok = false;
                writeln!(err, "{e}")?;
            }
        }
    }
    Ok(all_ok)
}

/// Loads FILE, or the built-in dataset when absent.
pub fn load_or_builtin(file: Option<&Path>, options: &io::LoadOptions) -> anyhow::Result<Timeline> {
    match file {
        Some(f) => io::load_with(f, options)
            .map(|imported| imported.timeline)
            .map_err(|e| anyhow::anyhow!(cli_message(&e))),
        None => Ok(io::builtin_timeline()?),
    }
}

/// Runs `list`.
pub fn run_list(timeline: &Timeline, json: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    let index = TimeIndex::new(timeline);
    for &i in index.sorted() {
        let ev = &timeline.events[i];
        if json {
            writeln!(out, "{}", serde_json::to_string(&EventLine::new(ev))?)?;
        } else {
            let dates = match &ev.end {
                Some(end) => format!("{} – {}", ev.start.compact(), end.compact()),
                None => ev.start.compact(),
            };
            let flag = if ev.has_discrepancy() {
                " [discrepancy]"
            } else {
                ""
            };
            writeln!(
                out,
                "{dates:<25} {:<11} {}{flag}",
                ev.certainty.label(),
                ev.title
            )?;
        }
    }
    Ok(())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// A printable handout: landscape pages with the timeline, a dated list,
    /// a legend, the title and the source line.
    Svg,
    /// A printable PDF handout: portrait pages with the timeline (whole
    /// titles), then every event with what the source says, the
    /// discrepancy and the sources.
    Pdf,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PaperArg {
    A4,
    Letter,
}

/// Runs `export`: writes the handout atomically; returns how many events it
/// holds.
pub fn run_export(
    timeline: &Timeline,
    output: &Path,
    format: ExportFormat,
    query: Option<&str>,
    paper: PaperArg,
) -> anyhow::Result<usize> {
    let events: Vec<usize> = match query {
        Some(text) => {
            let q = crate::model::Query {
                text: text.to_string(),
                ..crate::model::Query::default()
            };
            crate::query::Prepared::new(timeline.clone())
                .filter(&q)
                .events
        }
        None => (0..timeline.events.len()).collect(),
    };
    if format == ExportFormat::Pdf {
        let filter = match query {
            Some(text) => format!("search \u{201c}{text}\u{201d}"),
            None => "all events".into(),
        };
        let paper = match paper {
            PaperArg::A4 => io::pdf::PdfPaper::A4,
            PaperArg::Letter => io::pdf::PdfPaper::Letter,
        };
        let bold = io::system_fonts::bold_sans();
        let pdf = io::pdf::handout_pdf(timeline, &events, &filter, paper, bold)
            .map_err(|e| anyhow::anyhow!("{}: {e}", output.display()))?;
        io::write_atomically(output, &pdf)?;
        return Ok(events.len());
    }
    let paper = match paper {
        PaperArg::A4 => io::svg::Paper::A4,
        PaperArg::Letter => io::svg::Paper::Letter,
    };
    // One file per page: OUT, then OUT-2.svg, OUT-3.svg beside it.
    let pages = io::svg::handout_pages(timeline, &events, paper);
    let paths = io::svg::page_paths(output, pages.len());
    for (page, path) in pages.iter().zip(&paths) {
        io::write_atomically(path, page.as_bytes())?;
    }
    if let [_, .., last] = paths.as_slice() {
        eprintln!(
            "{} pages: {} to {}",
            paths.len(),
            output.display(),
            last.display()
        );
    }
    Ok(events.len())
}

/// Writes a generated timeline in the format its file name says (RON for
/// `.ron`, TimelineJS for `.json`, …); a name that says none is refused.
pub fn run_generate(timeline: &Timeline, output: &Path) -> anyhow::Result<io::Format> {
    let Some(format) = io::Format::for_output(output) else {
        anyhow::bail!(
            "{}: cannot tell the format from the extension; use .ron, .json, .csv or .mw",
            output.display()
        );
    };
    io::save_as(output, timeline, format, io::Access::Keep)?;
    Ok(format)
}

/// When what was given as a file to open is no file but looks like a
/// mistyped command (`lst`), what to say instead of opening a window on it.
pub fn mistyped_command(file: &Path) -> Option<String> {
    use clap::CommandFactory;
    if file.exists() || file.components().count() != 1 || file.extension().is_some() {
        return None;
    }
    let given = file.to_str()?;
    let commands: Vec<String> = Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    let closest = commands
        .iter()
        .map(|c| (strsim::jaro_winkler(given, c), c))
        .max_by(|a, b| a.0.total_cmp(&b.0))?;
    Some(if closest.0 > 0.7 {
        format!(
            "{given:?} is neither a file nor a command; did you mean `timeline-explorer {}`? (see --help)",
            closest.1
        )
    } else {
        format!(
            "{given:?} is neither a file nor a command; the commands are {} (see --help)",
            commands.join(", ")
        )
    })
}

/// Reads `--to`: one of the format names.
pub fn parse_format(name: &str) -> Result<io::Format, String> {
    io::Format::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = io::Format::ALL.iter().map(|f| f.name()).collect();
        format!("{name:?} is not a format; use one of {}", names.join(", "))
    })
}

/// Runs `convert`: returns the lines to print (what was skipped on the way
/// in, what was folded on the way out).
pub fn run_convert(
    input: &Path,
    output: &Path,
    to: Option<io::Format>,
    options: &io::LoadOptions,
) -> anyhow::Result<Vec<String>> {
    let to = match to.or_else(|| io::Format::for_output(output)) {
        Some(f) => f,
        None => anyhow::bail!(
            "{}: cannot tell the format from the extension; add --to ron, timelinejs, timelinejs-csv, markwhen or csv",
            output.display()
        ),
    };
    let imported = io::load_with(input, options).map_err(|e| anyhow::anyhow!(cli_message(&e)))?;
    let mut report: Vec<String> = imported
        .skipped
        .iter()
        .map(|s| format!("skipped: {s}"))
        .chain(imported.notes.iter().map(|n| format!("note: {n}")))
        .collect();
    // A converted file is as private as the file it came from.
    let notes = io::save_as(output, &imported.timeline, to, io::Access::Like(input))?;
    report.extend(notes.iter().map(|n| format!("folded: {n}")));
    report.push(format!(
        "{}: wrote {} event{} ({})",
        output.display(),
        imported.timeline.events.len(),
        if imported.timeline.events.len() == 1 {
            ""
        } else {
            "s"
        },
        to.label()
    ));
    Ok(report)
}
