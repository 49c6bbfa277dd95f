//! The `docs2rs` command line.

use clap::{Parser, Subcommand, ValueEnum};
use docs2rs::diag::{Code, Diagnostic, Severity, Tally};
use docs2rs::emit::{emit, EmitOptions, Layout};
use docs2rs::model::Api;
use docs2rs::output::{check_output_dir, crate_files, write_tree};
use docs2rs::render;
use serde_json::json;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Generate a typed Rust SDK from the Microsoft Graph reference docs.
#[derive(Parser)]
#[command(name = "docs2rs", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate an SDK crate from docs pages.
    Generate {
        /// Docs pages or folders (searched recursively for *.md).
        #[arg(default_value = "seeds")]
        docs: Vec<PathBuf>,
        /// The folder to write the crate into (created if missing).
        #[arg(long)]
        out: PathBuf,
        /// The generated package's name.
        #[arg(long, default_value = "graph-sdk")]
        crate_name: String,
        /// `crate`: a standalone crate (Cargo.toml, src/, tests/);
        /// `included`: the flat file set a build script writes to OUT_DIR.
        #[arg(long, value_enum, default_value_t = LayoutArg::Crate)]
        layout: LayoutArg,
        /// The docs2rs-runtime crate the generated crate depends on by path.
        #[arg(long)]
        runtime_path: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Report diagnostics for docs pages without generating code.
    Check {
        #[arg(default_value = "seeds")]
        docs: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
        /// Fail on warnings too (`--deny warnings`).
        #[arg(long, value_enum)]
        deny: Option<Deny>,
        /// Leave out a code (`--allow D401` or `--allow permission-todo`); repeatable.
        #[arg(long, value_name = "CODE")]
        allow: Vec<String>,
    },
    /// Explain a diagnostic code (`D401` or `permission-todo`); all codes without one.
    Explain { code: Option<String> },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

/// `check` output: rustc-style text, JSON, or SARIF for code scanning.
#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    Human,
    Json,
    Sarif,
}

#[derive(Clone, Copy, ValueEnum)]
enum LayoutArg {
    Crate,
    Included,
}

#[derive(Clone, Copy, ValueEnum)]
enum Deny {
    Warnings,
}

/// Exit status for bad input: unreadable paths, bad arguments, unwritable output.
const USAGE_ERROR: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Generate {
            docs,
            out,
            crate_name,
            layout,
            runtime_path,
            format,
        } => generate(&docs, &out, &crate_name, layout, runtime_path, format),
        Command::Check {
            docs,
            format,
            deny,
            allow,
        } => check(&docs, format, deny.is_some(), &allow),
        Command::Explain { code } => explain(code.as_deref()),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(USAGE_ERROR)
        }
    }
}

fn load(docs: &[PathBuf]) -> Result<(Api, Vec<docs2rs::source::SourceFile>), String> {
    let base = std::env::current_dir().unwrap_or_default();
    docs2rs::load(docs, &base).map_err(|error| error.to_string())
}

fn generate(
    docs: &[PathBuf],
    out: &Path,
    crate_name: &str,
    layout: LayoutArg,
    runtime_path: Option<PathBuf>,
    format: Format,
) -> Result<ExitCode, String> {
    check_output_dir(out).map_err(|error| error.to_string())?;
    let crate_ident = crate_name.replace('-', "_");
    if crate_ident.is_empty()
        || !crate_ident
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return Err(format!("`{crate_name}` is not a valid crate name"));
    }
    let (api, sources) = load(docs)?;
    let layout = match layout {
        LayoutArg::Crate => Layout::Crate,
        LayoutArg::Included => Layout::Included,
    };
    let sdk = emit(
        &api,
        &EmitOptions {
            crate_ident,
            layout,
        },
    )
    .map_err(|error| error.to_string())?;
    let files = match layout {
        Layout::Crate => {
            let runtime = runtime_path.unwrap_or_else(default_runtime_path);
            crate_files(&sdk, crate_name, &runtime)
        }
        Layout::Included => sdk.files.clone(),
    };
    let stats = write_tree(out, &files).map_err(|error| error.to_string())?;
    let tally = Tally::of(&api.diagnostics);
    let examples: usize = api.pages.iter().map(|page| page.examples.len()).sum();
    match format {
        Format::Human => {
            print_diagnostics(&api.diagnostics, &sources, Severity::Error);
            println!(
                "generated {} from {} pages: {} operations, {} types, {} enums, {} examples; {} files written, {} unchanged, {} removed; {}",
                out.display(),
                api.pages.len(),
                api.operations.len(),
                api.types.len(),
                api.enums.len(),
                examples,
                stats.written,
                stats.unchanged,
                stats.removed,
                render::summary(&tally)
            );
            if tally.warnings + tally.notes > 0 {
                println!("run `docs2rs check` on the same docs to see every finding");
            }
        }
        Format::Json => println!(
            "{}",
            json!({
                "out": out.display().to_string(),
                "pages": api.pages.len(),
                "operations": api.operations.len(),
                "types": api.types.len(),
                "enums": api.enums.len(),
                "examples": examples,
                "errors": tally.errors,
                "warnings": tally.warnings,
                "notes": tally.notes,
                "files": files.len(),
                "written": stats.written,
                "unchanged": stats.unchanged,
                "removed": stats.removed,
            })
        ),
    }
    Ok(ExitCode::SUCCESS)
}

/// The runtime crate beside the generator in this workspace.
fn default_runtime_path() -> PathBuf {
    let beside = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime");
    beside.canonicalize().unwrap_or(beside)
}

fn check(
    docs: &[PathBuf],
    format: CheckFormat,
    deny_warnings: bool,
    allow: &[String],
) -> Result<ExitCode, String> {
    let allowed: Vec<Code> = allow
        .iter()
        .map(|wanted| find_code(wanted))
        .collect::<Result<_, _>>()?;
    let (mut api, sources) = load(docs)?;
    api.diagnostics.retain(|d| !allowed.contains(&d.code));
    let tally = Tally::of(&api.diagnostics);
    match format {
        CheckFormat::Sarif => println!("{}", docs2rs::sarif::report(&api.diagnostics)),
        CheckFormat::Human => {
            print_diagnostics(&api.diagnostics, &sources, Severity::Note);
            print!("{}", docs2rs::coverage::coverage(&api).human());
            println!(
                "checked {} pages: {}",
                api.pages.len(),
                render::summary(&tally)
            );
        }
        CheckFormat::Json => println!(
            "{}",
            json!({
                "pages": api.pages.len(),
                "operations": api.operations.len(),
                "errors": tally.errors,
                "warnings": tally.warnings,
                "notes": tally.notes,
                "coverage": docs2rs::coverage::coverage(&api),
                "diagnostics": api.diagnostics,
            })
        ),
    }
    let failed = tally.errors > 0 || (deny_warnings && tally.warnings > 0);
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// A code by its id or name.
fn find_code(wanted: &str) -> Result<Code, String> {
    Code::ALL
        .iter()
        .copied()
        .find(|code| code.id().eq_ignore_ascii_case(wanted) || code.name() == wanted)
        .ok_or_else(|| format!("no diagnostic code `{wanted}`; `docs2rs explain` lists them all"))
}

fn explain(code: Option<&str>) -> Result<ExitCode, String> {
    let matches = |c: &&Code| {
        code.is_none_or(|wanted| c.id().eq_ignore_ascii_case(wanted) || c.name() == wanted)
    };
    let found: Vec<&Code> = Code::ALL.iter().filter(matches).collect();
    if found.is_empty() {
        return Err(format!(
            "no diagnostic code `{}`; `docs2rs explain` lists them all",
            code.unwrap_or_default()
        ));
    }
    for code in found {
        println!(
            "{} {} ({}): {}",
            code.id(),
            code.name(),
            code.severity(),
            code.summary()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints diagnostics at or above `least` to stderr.
fn print_diagnostics(
    diagnostics: &[Diagnostic],
    sources: &[docs2rs::source::SourceFile],
    least: Severity,
) {
    let shown: Vec<Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.severity >= least)
        .cloned()
        .collect();
    let color = std::io::stderr().is_terminal();
    eprint!("{}", render::human(&shown, sources, color));
}
