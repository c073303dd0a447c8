//! Index folders this process may not change: a read-only file system, a folder another
//! user owns. Writing fails with one line naming the cause and changes nothing; searching
//! still works wherever the files can be read.
//!
//! Both need root (to mount a read-only disk, to run as another user); elsewhere the tests
//! say so on stderr and check nothing.

use std::os::unix::process::CommandExt;
use std::path::Path;

use crate::util::disk::SmallDisk;
use crate::util::{hit_ids, listing, pair_ids, Run, Scratch};

#[test]
fn a_read_only_disk_is_searched_but_never_written() {
    let scratch = Scratch::new();
    let Some(disk) = SmallDisk::mount(&scratch, "20m") else {
        return;
    };
    let dir = disk.path().join("index");
    let index = dir.to_str().unwrap();
    scratch.ok(&["--index", index, "index"]);
    let hits = hit_ids(&scratch.json(&["--index", index, "search", "festival"]));
    let pairs = scratch.json(&["--index", index, "pairs"]);
    let files = listing(&dir);
    disk.make_read_only();

    let message = |dir: &str| {
        format!(
            "bireport: cannot write the index in {dir}: its file system is read-only (nothing \
             was changed; searching it still works, or choose another --index directory)\n"
        )
    };
    let run = scratch.fails(&["--index", index, "index", "--rebuild"], 1);
    assert_eq!(run.stderr, message(index));
    let (lt, en) = pair_ids(&pairs)[0].clone();
    let run = scratch.fails(&["--index", index, "pairs", "unlink", &lt, &en], 1);
    assert_eq!(run.stderr, message(index));
    let elsewhere = disk.path().join("other");
    let elsewhere = elsewhere.to_str().unwrap();
    let run = scratch.fails(&["--index", elsewhere, "index"], 1);
    assert_eq!(run.stderr, message(elsewhere));

    assert_eq!(
        hit_ids(&scratch.json(&["--index", index, "search", "festival"])),
        hits
    );
    assert_eq!(scratch.json(&["--index", index, "pairs"]), pairs);
    assert_eq!(scratch.json(&["--index", index, "check"])["sound"], true);
    assert_eq!(listing(&dir), files);
}

/// Runs `args` in `scratch` as the user `nobody`; `None` where this process cannot.
fn as_nobody(scratch: &Scratch, args: &[&str]) -> Option<Run> {
    let mut command = scratch.command(args);
    command.uid(65534).gid(65534);
    match command.output() {
        Ok(_) => Some(Run::of(&mut command)),
        Err(err) => {
            eprintln!("skipped: cannot run as another user here ({err})");
            None
        }
    }
}

/// Lets every user read (not write) `path` and everything under it.
fn readable_by_all(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = if path.is_dir() { 0o755 } else { 0o644 };
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            readable_by_all(&entry.unwrap().path());
        }
    }
}

#[test]
fn a_folder_of_another_user_is_searched_but_never_written() {
    let scratch = Scratch::new();
    scratch.ok(&["index"]);
    let dir = scratch.path().join("index");
    let hits = hit_ids(&scratch.json(&["search", "festival"]));
    readable_by_all(scratch.path());
    let files = listing(&dir);
    let Some(run) = as_nobody(&scratch, &["index", "--rebuild"]) else {
        return;
    };
    assert_eq!(run.code, Some(1), "{run}");
    assert_eq!(
        run.stderr,
        "bireport: cannot write the index in index: permission denied (nothing was changed; ask \
         for write access or choose another --index directory)\n"
    );
    let run = as_nobody(&scratch, &["--index", "new", "index"]).unwrap();
    assert_eq!(
        run.stderr,
        "bireport: cannot write the index in new: permission denied (nothing was changed; ask \
         for write access or choose another --index directory)\n"
    );
    let run = as_nobody(&scratch, &["search", "festival", "--json"]).unwrap();
    assert_eq!(hit_ids(&run.json()), hits, "{run}");
    assert_eq!(listing(&dir), files);

    // A folder this user may not even read.
    std::fs::set_permissions(&dir, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    let run = as_nobody(&scratch, &["search", "festival"]).unwrap();
    assert_eq!(run.code, Some(1), "{run}");
    assert_eq!(
        run.stderr,
        "bireport: cannot read the index in index: permission denied (nothing was changed; ask \
         for read access or choose another --index directory)\n"
    );
}
