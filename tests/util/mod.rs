//! A small harness: a temporary working directory and the `bireport` binary run in it,
//! with output checks that print what was expected and what came out.

pub mod disk;
pub mod server;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// A scratch directory to run `bireport` in.
pub struct Scratch {
    dir: tempfile::TempDir,
}

/// What one run printed and how it exited.
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: Option<i32>,
}

impl Run {
    /// Runs `command` to the end.
    pub fn of(command: &mut Command) -> Run {
        Run::from_output(command.output().expect("run bireport"))
    }

    fn from_output(output: Output) -> Run {
        Run {
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            code: output.status.code(),
        }
    }

    /// Parses stdout as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|err| {
            panic!(
                "stdout is not JSON ({err}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit code: {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

impl Scratch {
    pub fn new() -> Scratch {
        Scratch {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `contents` to `relative`, creating folders.
    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path().join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folders");
        }
        std::fs::write(&path, contents).expect("write file");
        path
    }

    /// A command for the binary, run in this directory with a clean environment.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_bireport"));
        command
            .args(args)
            .current_dir(self.path())
            .env_remove("BIREPORT_INDEX")
            .env_remove("NO_COLOR")
            .env_remove("COLUMNS")
            .env_remove("RUST_BACKTRACE")
            .env_remove("BIREPORT_FAULT");
        command
    }

    /// Runs the binary.
    pub fn run(&self, args: &[&str]) -> Run {
        Run::of(&mut self.command(args))
    }

    /// Runs the binary and requires exit code 0.
    pub fn ok(&self, args: &[&str]) -> Run {
        let run = self.run(args);
        assert_eq!(run.code, Some(0), "bireport {args:?} failed\n{run}");
        run
    }

    /// Runs the binary with `--json` appended and parses its output.
    pub fn json(&self, args: &[&str]) -> Value {
        let mut args = args.to_vec();
        args.push("--json");
        self.ok(&args).json()
    }

    /// Runs the binary and requires it to fail with `code`.
    pub fn fails(&self, args: &[&str], code: i32) -> Run {
        let run = self.run(args);
        assert_eq!(
            run.code,
            Some(code),
            "bireport {args:?} should exit {code}\n{run}"
        );
        run
    }
}

/// The ids of a search result's hits, in order.
pub fn hit_ids(results: &Value) -> Vec<String> {
    results["hits"]
        .as_array()
        .expect("hits array")
        .iter()
        .map(|hit| hit["id"].as_str().expect("hit id").to_string())
        .collect()
}

/// The (Lithuanian id, English id) of every pair `pairs --json` printed, in order.
pub fn pair_ids(view: &Value) -> Vec<(String, String)> {
    view["pairs"]
        .as_array()
        .expect("pairs array")
        .iter()
        .map(|p| {
            (
                p["lt"]["id"].as_str().expect("lt id").to_string(),
                p["en"]["id"].as_str().expect("en id").to_string(),
            )
        })
        .collect()
}

/// Asserts that `haystack` contains `needle`, showing both when it does not.
#[macro_export]
macro_rules! assert_contains {
    ($haystack:expr, $needle:expr) => {{
        let haystack: &str = &$haystack;
        let needle: &str = &$needle;
        assert!(
            haystack.contains(needle),
            "expected to find {needle:?} in:\n{haystack}"
        );
    }};
}

/// The files of an index directory, sorted.
pub fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// An index of the embedded samples, and its directory.
pub fn sample_index() -> (Scratch, PathBuf) {
    let scratch = Scratch::new();
    scratch.ok(&["index"]);
    let dir = scratch.path().join("index");
    (scratch, dir)
}
