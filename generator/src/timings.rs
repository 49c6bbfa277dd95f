//! Wall time per pipeline stage, for `docs2rs generate --timings`: where a
//! run's time goes, and how fast pages go through.

use serde::Serialize;
use std::fmt::Write;
use std::time::{Duration, Instant};

/// A stage of the pipeline, in run order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Finding the pages and reading them into memory.
    Read,
    /// Markdown to one model per page.
    Parse,
    /// Pages joined into one API: names, types, checks.
    Model,
    /// The API to Rust token streams, formatted by prettyplease.
    Emit,
    /// Files compared with what is on disk and written where they differ.
    Write,
    /// The regeneration cache written for the next run.
    Cache,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Read => "read",
            Stage::Parse => "parse",
            Stage::Model => "model",
            Stage::Emit => "emit+format",
            Stage::Write => "write",
            Stage::Cache => "cache",
        }
    }
}

/// One stage's wall time.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct StageTime {
    pub stage: Stage,
    pub seconds: f64,
}

/// The stages measured so far and the size of the input.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Timings {
    pub stages: Vec<StageTime>,
    pub pages: usize,
    pub bytes: usize,
}

impl Timings {
    /// Runs `work` as `stage`, recording its wall time; a stage measured
    /// twice (in two steps) is one entry, with the steps' sum.
    pub fn measure<T>(&mut self, stage: Stage, work: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let result = work();
        let seconds = start.elapsed().as_secs_f64();
        match self.stages.iter_mut().find(|entry| entry.stage == stage) {
            Some(entry) => entry.seconds += seconds,
            None => self.stages.push(StageTime { stage, seconds }),
        }
        result
    }

    pub fn total(&self) -> Duration {
        Duration::from_secs_f64(self.stages.iter().map(|stage| stage.seconds).sum())
    }

    /// A table of stages with their share of the total, then throughput.
    pub fn human(&self) -> String {
        let total = self.total().as_secs_f64();
        let mut out = String::from("stage         time      share\n");
        for stage in &self.stages {
            let share = if total > 0.0 {
                stage.seconds / total * 100.0
            } else {
                0.0
            };
            let _ = writeln!(
                out,
                "{:<12} {:>7.3} s  {:>5.1}%",
                stage.stage.as_str(),
                stage.seconds,
                share
            );
        }
        let _ = writeln!(out, "{:<12} {:>7.3} s", "total", total);
        if total > 0.0 {
            let _ = writeln!(
                out,
                "{} pages, {:.1} MB: {:.0} pages/s, {:.1} MB/s",
                self.pages,
                self.bytes as f64 / 1e6,
                self.pages as f64 / total,
                self.bytes as f64 / 1e6 / total
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stage_measured_in_two_steps_is_one_entry() {
        let mut timings = Timings::default();
        timings.measure(Stage::Emit, || ());
        timings.measure(Stage::Model, || ());
        timings.measure(Stage::Emit, || ());
        let stages: Vec<Stage> = timings.stages.iter().map(|entry| entry.stage).collect();
        assert_eq!(stages, [Stage::Emit, Stage::Model]);
    }
}
