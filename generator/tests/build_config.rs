//! `docs2rs::Config` from a real build script: a crate made for this test
//! generates its SDK at build time from a copy of the seed pages (one area
//! only, no example tests) and a program of its own calls it.

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .unwrap_or_else(|error| panic!("{error}"))
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|error| panic!("{error}"));
    }
    std::fs::write(path, text).unwrap_or_else(|error| panic!("{error}"));
}

#[test]
fn a_build_script_generates_the_sdk_it_names() {
    let root = workspace();
    let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let probe = dir.path().join("probe");
    let docs = probe.join("docs");
    std::fs::create_dir_all(&docs).unwrap_or_else(|error| panic!("{error}"));
    for entry in std::fs::read_dir(root.join("seeds")).unwrap_or_else(|error| panic!("{error}")) {
        let path = entry.unwrap_or_else(|error| panic!("{error}")).path();
        if let Some(name) = path.file_name() {
            std::fs::copy(&path, docs.join(name)).unwrap_or_else(|error| panic!("{error}"));
        }
    }
    let path_of = |folder: &str| root.join(folder).display().to_string().replace('\\', "/");
    write(
        &probe.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"config-probe\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n\
             [dependencies]\ndocs2rs-runtime = {{ path = \"{runtime}\" }}\nserde = \"1\"\nserde_json = \"1\"\n\n\
             [build-dependencies]\ndocs2rs = {{ path = \"{generator}\", default-features = false }}\n\n\
             [workspace]\n",
            runtime = path_of("runtime"),
            generator = path_of("generator"),
        ),
    );
    write(
        &probe.join("build.rs"),
        "fn main() -> Result<(), docs2rs::Error> {\n    \
         docs2rs::Config::new()\n        .docs(\"docs\")\n        \
         .areas([\"device_management\"])\n        .example_tests(false)\n        .generate()\n}\n",
    );
    write(
        &probe.join("src/lib.rs"),
        "include!(concat!(env!(\"OUT_DIR\"), \"/lib.rs\"));\n",
    );
    write(
        &probe.join("src/main.rs"),
        "fn main() {\n    let request = config_probe::endpoints::device_management::update_device_configurations_assignments_by_id(\"a\", \"b\", &Default::default());\n    println!(\"{}\", request.path);\n}\n",
    );
    let cargo_run = || {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        Command::new(cargo)
            .args(["run", "--quiet"])
            .current_dir(&probe)
            .env("CARGO_TARGET_DIR", root.join("target").join("config-probe"))
            .env_remove(docs2rs::DOCS_ENV)
            .output()
            .unwrap_or_else(|error| panic!("cannot run cargo: {error}"))
    };
    let run = cargo_run();
    let log = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "the probe crate failed:\n{log}");
    assert_eq!(
        String::from_utf8_lossy(&run.stdout).trim(),
        "/deviceManagement/deviceConfigurations/a/assignments/b"
    );
    let out_dirs = root.join("target/config-probe/debug/build");
    // The OUT_DIR of the script's last run: cargo rewrites `output`, the
    // script's captured stdout, beside it on each run. (Older OUT_DIRs of
    // earlier docs2rs builds may lie beside it in a reused target folder.)
    let generated = || -> Vec<PathBuf> {
        let last_run = |out: &PathBuf| {
            std::fs::metadata(out.with_file_name("output"))
                .and_then(|meta| meta.modified())
                .ok()
        };
        std::fs::read_dir(&out_dirs)
            .unwrap_or_else(|error| panic!("{error}"))
            .filter_map(|entry| Some(entry.ok()?.path().join("out")))
            .filter(|out| out.join("lib.rs").is_file())
            .max_by_key(last_run)
            .into_iter()
            .collect()
    };
    assert!(!generated().is_empty());
    // A docs edit reruns the script, which regenerates from its cache in
    // OUT_DIR.
    let page = docs.join("intune-deviceconfig-deviceconfigurationassignment-update.md");
    let text = std::fs::read_to_string(&page).unwrap_or_default();
    let edited = text.replacen(
        "The assignment target for the device configuration.",
        "Where it applies (edited).",
        1,
    );
    assert_ne!(text, edited);
    write(&page, &edited);
    let rerun = cargo_run();
    assert!(
        rerun.status.success(),
        "{}",
        String::from_utf8_lossy(&rerun.stderr)
    );
    for out in generated() {
        assert!(
            out.join(".docs2rs/index.bin").is_file(),
            "no cache in OUT_DIR"
        );
        let model = std::fs::read_to_string(out.join("models/device_configuration_assignment.rs"))
            .unwrap_or_default();
        assert!(model.contains("Where it applies (edited)."), "{model}");
        assert!(
            !out.join("examples.rs").exists(),
            "example tests were asked off"
        );
        let index = std::fs::read(out.join(".docs2rs/index.bin")).unwrap_or_default();
        assert!(
            !String::from_utf8_lossy(&index).contains("examples.rs"),
            "the cache lists a file not made"
        );
        assert!(
            !out.join("endpoints/device_app_management.rs").exists(),
            "only one area"
        );
    }
}

/// A script run outside cargo says what is missing rather than panicking.
#[test]
fn outside_a_build_script_the_error_names_the_variable() {
    if std::env::var_os("OUT_DIR").is_some() {
        return;
    }
    let error = docs2rs::Config::new().docs("seeds").generate();
    let message = error
        .map_err(|error| error.to_string())
        .err()
        .unwrap_or_default();
    assert!(message.contains("is not set"), "{message}");
}
