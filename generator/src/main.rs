//! The `docs2rs` command line.

use clap::{Parser, Subcommand, ValueEnum};
use docs2rs::diag::{Code, Diagnostic, Severity, Tally};
use docs2rs::emit::{emit, EmitOptions, Layout};
use docs2rs::model::Api;
use docs2rs::output::{check_output_dir, crate_files, write_tree};
use docs2rs::render;
use docs2rs::timings::{Stage, Timings};
use serde_json::json;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// Generation allocates millions of small token and string values; glibc's
// allocator spent about 40% of a whole-tree run in malloc and free.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
        /// Report the wall time of each stage (read, parse, model,
        /// emit+format, write) and pages/s; in the JSON line with `--format json`.
        #[arg(long)]
        timings: bool,
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
    /// Report the API changes between two versions of the docs: operations,
    /// types, properties, enum members and permissions added, removed or
    /// changed, each marked breaking or not.
    Diff {
        /// The old docs folder, or with `--git` the old revision.
        old: String,
        /// The new docs folder, or with `--git` the new revision.
        new: String,
        /// With `--git`: compare only the pages under this folder of the repository.
        path: Option<String>,
        /// Read OLD and NEW as revisions of this git repository (no checkout needed).
        #[arg(long, value_name = "REPO")]
        git: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = DiffFormat::Markdown)]
        format: DiffFormat,
        /// Exit with status 1 when a change is breaking (`--deny breaking`).
        #[arg(long, value_enum)]
        deny: Option<DenyBreaking>,
        /// The most change rows the Markdown report lists; the rest are counted.
        #[arg(long, default_value_t = 500)]
        max_rows: usize,
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

/// `diff` output: a pull-request comment, or JSON for tools.
#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    Markdown,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum DenyBreaking {
    Breaking,
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
            timings,
        } => generate(
            &docs,
            &out,
            &GenerateOptions {
                crate_name,
                layout,
                runtime_path,
                format,
                timings,
            },
        ),
        Command::Check {
            docs,
            format,
            deny,
            allow,
        } => check(&docs, format, deny.is_some(), &allow),
        Command::Diff {
            old,
            new,
            path,
            git,
            format,
            deny,
            max_rows,
        } => {
            let sides = match git {
                Some(repo) => DiffSides::Git {
                    repo,
                    old,
                    new,
                    path,
                },
                None => DiffSides::Folders { old, new, path },
            };
            diff(sides, format, deny.is_some(), max_rows)
        }
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
    let base = docs2rs::source::naming_base(docs);
    docs2rs::load(docs, &base).map_err(|error| error.to_string())
}

/// `generate`'s settings besides the paths.
struct GenerateOptions {
    crate_name: String,
    layout: LayoutArg,
    runtime_path: Option<PathBuf>,
    format: Format,
    timings: bool,
}

fn generate(docs: &[PathBuf], out: &Path, options: &GenerateOptions) -> Result<ExitCode, String> {
    check_output_dir(out).map_err(|error| error.to_string())?;
    let crate_name = options.crate_name.as_str();
    let crate_ident = crate_name.replace('-', "_");
    if crate_ident.is_empty()
        || !crate_ident
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return Err(format!("`{crate_name}` is not a valid crate name"));
    }
    let mut timings = Timings::default();
    let base = docs2rs::source::naming_base(docs);
    let (api, sources) =
        docs2rs::load_timed(docs, &base, &mut timings).map_err(|error| error.to_string())?;
    let layout = match options.layout {
        LayoutArg::Crate => Layout::Crate,
        LayoutArg::Included => Layout::Included,
    };
    let sdk = timings
        .measure(Stage::Emit, || {
            emit(
                &api,
                &EmitOptions {
                    crate_ident,
                    layout,
                },
            )
        })
        .map_err(|error| error.to_string())?;
    let files = match layout {
        Layout::Crate => {
            let runtime = options
                .runtime_path
                .clone()
                .unwrap_or_else(default_runtime_path);
            crate_files(&sdk, crate_name, &runtime)
        }
        Layout::Included => sdk.files.clone(),
    };
    let stats = timings
        .measure(Stage::Write, || write_tree(out, &files))
        .map_err(|error| error.to_string())?;
    let tally = Tally::of(&api.diagnostics);
    let examples: usize = api.pages.iter().map(|page| page.examples.len()).sum();
    match options.format {
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
            if options.timings {
                print!("{}", timings.human());
            }
        }
        Format::Json => {
            let mut line = json!({
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
            });
            if options.timings {
                line["timings"] = json!(timings);
            }
            println!("{line}");
        }
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

/// What `diff` compares.
enum DiffSides {
    Folders {
        old: String,
        new: String,
        path: Option<String>,
    },
    Git {
        repo: PathBuf,
        old: String,
        new: String,
        path: Option<String>,
    },
}

impl DiffSides {
    /// Both sides' models, each page named relative to its side's root.
    fn load(self) -> Result<(Api, Api), String> {
        match self {
            DiffSides::Folders { path: Some(path), .. } => Err(format!(
                "`{path}`: a folder within the docs is only taken with --git; give the two folders themselves"
            )),
            DiffSides::Folders { old, new, path: None } => {
                let side = |folder: &str| {
                    docs2rs::load(&[PathBuf::from(folder)], Path::new(folder))
                        .map(|(api, _)| api)
                        .map_err(|error| error.to_string())
                };
                Ok((side(&old)?, side(&new)?))
            }
            DiffSides::Git {
                repo,
                old,
                new,
                path,
            } => git_sides(&repo, &old, &new, path.as_deref()),
        }
    }
}

#[cfg(feature = "git")]
fn git_sides(repo: &Path, old: &str, new: &str, path: Option<&str>) -> Result<(Api, Api), String> {
    let side = |revision: &str| {
        docs2rs::git::read_revision(repo, revision, path)
            .map(|sources| docs2rs::model_of(&sources))
            .map_err(|error| error.to_string())
    };
    Ok((side(old)?, side(new)?))
}

#[cfg(not(feature = "git"))]
fn git_sides(_: &Path, _: &str, _: &str, _: Option<&str>) -> Result<(Api, Api), String> {
    Err(
        "this docs2rs was built without the `git` feature; compare two checkouts instead"
            .to_owned(),
    )
}

fn diff(
    sides: DiffSides,
    format: DiffFormat,
    deny_breaking: bool,
    max_rows: usize,
) -> Result<ExitCode, String> {
    let (old, new) = sides.load()?;
    let changes = docs2rs::diff::compare(&old, &new);
    match format {
        DiffFormat::Markdown => print!("{}", docs2rs::diff::report::markdown(&changes, max_rows)),
        DiffFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&docs2rs::diff::report::json(&changes))
                .map_err(|error| error.to_string())?
        ),
    }
    Ok(if deny_breaking && changes.breaking() > 0 {
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
