//! SIGINT and SIGTERM during a long job (`gtn generate`): the job is asked
//! to stop between records, removes its temporary file and the program
//! exits with 130 (SIGINT) or 143 (SIGTERM). If the job does not stop within
//! a moment (blocked reading a pipe), or on a second signal, the handler
//! removes what was registered with [`on_exit`] and exits itself: nothing
//! partial ever remains.

use std::path::PathBuf;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::Mutex;
use std::time::Duration;

static SIGNAL: AtomicI32 = AtomicI32::new(0);

/// What to remove when the program ends early.
#[derive(Debug, Clone)]
pub enum Leftover {
    /// A file we created.
    File(PathBuf),
    /// Temporary files of this process in a folder (`.*.<pid>.tmp`).
    TempFilesIn(PathBuf),
    /// A folder we created, if it is empty.
    EmptyDir(PathBuf),
}

static LEFTOVERS: Mutex<Vec<Leftover>> = Mutex::new(Vec::new());

/// The signal received, if any.
pub fn received() -> Option<i32> {
    match SIGNAL.load(Ordering::SeqCst) {
        0 => None,
        s => Some(s),
    }
}

/// Exit status for a signal: 128 + its number (130 SIGINT, 143 SIGTERM).
pub fn exit_status(sig: i32) -> u8 {
    u8::try_from(128 + sig).unwrap_or(1)
}

/// Registers something to remove if the program ends early.
pub fn on_exit(l: Leftover) {
    if let Ok(mut v) = LEFTOVERS.lock() {
        v.push(l);
    }
}

/// Removes everything registered with [`on_exit`], in reverse order.
pub fn cleanup() {
    let items = match LEFTOVERS.lock() {
        Ok(mut v) => std::mem::take(&mut *v),
        Err(_) => return,
    };
    let suffix = format!(".{}.tmp", std::process::id());
    for l in items.iter().rev() {
        match l {
            Leftover::File(p) => {
                let _ = std::fs::remove_file(p);
            }
            Leftover::TempFilesIn(dir) => {
                if let Ok(rd) = std::fs::read_dir(dir) {
                    for e in rd.flatten() {
                        let name = e.file_name();
                        let name = name.to_string_lossy();
                        if name.starts_with('.') && name.ends_with(&suffix) {
                            let _ = std::fs::remove_file(e.path());
                        }
                    }
                }
            }
            Leftover::EmptyDir(p) => {
                let _ = std::fs::remove_dir(p);
            }
        }
    }
}

/// Catches SIGINT and SIGTERM from now on (see the module's doc).
#[cfg(unix)]
pub fn install() -> std::io::Result<()> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            let mut first = true;
            for sig in signals.forever() {
                SIGNAL.store(sig, Ordering::SeqCst);
                if first {
                    first = false;
                    // Let the job stop on its own, then make sure.
                    std::thread::spawn(move || {
                        std::thread::sleep(Duration::from_secs(3));
                        cleanup();
                        std::process::exit(i32::from(exit_status(sig)));
                    });
                } else {
                    cleanup();
                    std::process::exit(i32::from(exit_status(sig)));
                }
            }
        })?;
    Ok(())
}

/// Signals are not caught on this platform.
#[cfg(not(unix))]
pub fn install() -> std::io::Result<()> {
    Ok(())
}
