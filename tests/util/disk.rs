//! A small disk of its own for a test: a tmpfs mounted for it (where the machine allows).

use std::path::{Path, PathBuf};
use std::process::Command;

use super::Scratch;

/// A tmpfs of `size` mounted on a fresh folder, unmounted when dropped.
pub struct SmallDisk {
    mount: PathBuf,
}

impl SmallDisk {
    pub fn mount(scratch: &Scratch, size: &str) -> Option<SmallDisk> {
        let mount = scratch.path().join("small-disk");
        std::fs::create_dir_all(&mount).ok()?;
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&mount)
            .output()
            .ok()?;
        if !mounted.status.success() {
            eprintln!(
                "skipped: cannot mount a tmpfs here ({})",
                String::from_utf8_lossy(&mounted.stderr).trim()
            );
            return None;
        }
        Some(SmallDisk { mount })
    }

    pub fn path(&self) -> &Path {
        &self.mount
    }

    /// Makes the disk read-only.
    pub fn make_read_only(&self) {
        let status = Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.mount)
            .status()
            .unwrap();
        assert!(status.success(), "remount read-only");
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.mount).status();
    }
}
