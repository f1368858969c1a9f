//! Thin entry point: parse the command line, then run a subcommand or open
//! the window.

use std::process::ExitCode;

use clap::Parser;

/// mimalloc: large timelines are built and freed on worker threads, and
/// glibc's allocator makes the UI thread wait on those frees.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use timeline_explorer::TimelineApp;
use timeline_explorer::cli::{self, Cli, CliCommand};

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let cli = Cli::parse();
    let result = match cli.command {
        Some(CliCommand::Check {
            files,
            strict,
            read,
        }) => {
            return status(cli::run_check(
                &files,
                &read.options(),
                strict,
                &mut std::io::stdout(),
                &mut std::io::stderr(),
            ));
        }
        Some(CliCommand::Fmt { files }) => {
            return status(cli::run_fmt(
                &files,
                &mut std::io::stdout(),
                &mut std::io::stderr(),
            ));
        }
        Some(CliCommand::Generate {
            events,
            seed,
            span_years,
            output,
        }) => {
            let timeline = timeline_explorer::generate::generate(
                &timeline_explorer::generate::GenerateOptions {
                    events,
                    seed,
                    span_years,
                },
            );
            cli::run_generate(&timeline, &output).map(|format| {
                println!(
                    "{}: wrote {} events ({})",
                    output.display(),
                    timeline.events.len(),
                    format.label()
                )
            })
        }
        Some(CliCommand::Fuzz {
            formats,
            inputs,
            seed,
            time_limit_ms,
            corpus,
            failures,
        }) => {
            let opts = timeline_explorer::fuzz::FuzzOptions {
                formats: if formats.is_empty() {
                    timeline_explorer::io::Format::ALL.to_vec()
                } else {
                    formats
                },
                inputs,
                seed,
                corpus,
                failures,
                time_limit: std::time::Duration::from_millis(time_limit_ms),
            };
            return status(
                timeline_explorer::fuzz::run(&opts, &mut std::io::stdout())
                    .map(|reports| reports.iter().all(|r| r.failure.is_none())),
            );
        }
        Some(CliCommand::Bench { scaling: true, .. }) => {
            return status(timeline_explorer::scaling::run_scaling(
                &mut std::io::stdout(),
            ));
        }
        Some(CliCommand::Bench { imports: true, .. }) => {
            timeline_explorer::bench::imports::measure_imports(
                1_000_000,
                100_000,
                &mut std::io::stdout(),
            )
        }
        Some(CliCommand::Bench { events, frames, .. }) => timeline_explorer::bench::run_bench(
            &timeline_explorer::bench::BenchOptions { events, frames },
            &mut std::io::stdout(),
        )
        .map(|_| ()),
        Some(CliCommand::Export {
            file,
            format,
            output,
            query,
            paper,
        }) => cli::load_or_builtin(file.as_deref(), &Default::default())
            .and_then(|t| cli::run_export(&t, &output, format, query.as_deref(), paper))
            .map(|n| println!("{}: wrote a handout of {n} events", output.display())),
        Some(CliCommand::Convert {
            input,
            output,
            to,
            read,
        }) => cli::run_convert(&input, &output, to, &read.options()).map(|lines| {
            for line in lines {
                println!("{line}");
            }
        }),
        Some(CliCommand::Relations {
            file,
            at,
            pair,
            json,
            csv,
            read,
        }) => cli::load_or_builtin(file.as_deref(), &read.options()).and_then(|t| {
            if csv {
                use std::io::Write as _;
                let text = cli::relations_csv(&t)?;
                return Ok(std::io::stdout().lock().write_all(text.as_bytes())?);
            }
            cli::run_relations(
                &t,
                at.as_deref(),
                pair.as_deref(),
                json,
                &mut std::io::stdout().lock(),
            )
        }),
        Some(CliCommand::List { file, json, read }) => {
            cli::load_or_builtin(file.as_deref(), &read.options())
                .and_then(|t| cli::run_list(&t, json, &mut std::io::stdout().lock()))
        }
        None => match cli.file.as_deref().and_then(cli::mistyped_command) {
            // `timeline-explorer lst`: a command, not a file to open.
            Some(message) => Err(anyhow::anyhow!(message)),
            None => run_window(cli.file),
        },
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // The reader went away (`timeline-explorer list | head`): not an error.
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {}", describe(&e));
            ExitCode::FAILURE
        }
    }
}

/// The error and its causes, each said once (our messages already quote
/// the OS's reason).
fn describe(e: &anyhow::Error) -> String {
    let mut message = e.to_string();
    for cause in e.chain().skip(1) {
        let cause = cause.to_string();
        if !message.contains(&cause) {
            message.push_str(": ");
            message.push_str(&cause);
        }
    }
    message
}

/// Exit status of a subcommand that reports per file.
fn status(result: std::io::Result<bool>) -> ExitCode {
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run_window(file: Option<std::path::PathBuf>) -> anyhow::Result<()> {
    let icon = eframe::icon_data::from_png_bytes(include_bytes!("../assets/icon.png"))?;
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Timeline Explorer")
            .with_app_id("timeline-explorer")
            .with_inner_size([1400.0, 860.0])
            .with_min_inner_size([720.0, 420.0])
            .with_icon(icon),
        ..Default::default()
    };
    eframe::run_native(
        "Timeline Explorer",
        options,
        Box::new(move |cc| Ok(Box::new(TimelineApp::from_creation_context(cc, file)))),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}
