//! Writing a file so that nothing half-written is ever left under its name.

use crate::WriteError;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Writes `dir/name` through a temporary file in the same folder, renamed
/// into place only when `fill` succeeded and the data reached the disk.
/// Without `overwrite` an existing file is never replaced
/// ([`WriteError::Exists`]), even if it appears while we write. On any
/// error the temporary file is removed.
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
        let mut w = BufWriter::with_capacity(1 << 16, &file);
        fill(&mut w)?;
        w.flush()?;
        drop(w);
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
