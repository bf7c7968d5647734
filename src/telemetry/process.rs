//! The process's own resources as the kernel counts them (`/proc`): threads, resident memory
//! and open files, for `/metrics` and for the soak benchmark watching a server from outside.

/// One reading of a process's resources.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProcessStats {
    pub threads: u64,
    pub resident_bytes: u64,
    pub open_fds: u64,
}

impl ProcessStats {
    /// This process now; `None` where there is no `/proc` (not Linux).
    pub fn own() -> Option<ProcessStats> {
        ProcessStats::read("/proc/self")
    }

    /// Process `pid` now; `None` once it has exited.
    pub fn of(pid: u32) -> Option<ProcessStats> {
        ProcessStats::read(&format!("/proc/{pid}"))
    }

    fn read(dir: &str) -> Option<ProcessStats> {
        let status = std::fs::read_to_string(format!("{dir}/status")).ok()?;
        let open_fds = std::fs::read_dir(format!("{dir}/fd")).ok()?.count() as u64;
        Some(ProcessStats {
            threads: field(&status, "Threads:")?,
            resident_bytes: field(&status, "VmRSS:")? * 1024,
            open_fds,
        })
    }
}

/// The number after `key` in `/proc/PID/status` (memory is in kB there).
fn field(status: &str, key: &str) -> Option<u64> {
    status
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_read_from_the_status_text() {
        let status = "Name:\twhiskerworks\nVmRSS:\t  20480 kB\nThreads:\t12\n";
        assert_eq!(field(status, "Threads:"), Some(12));
        assert_eq!(field(status, "VmRSS:"), Some(20480));
        assert_eq!(field(status, "VmHWM:"), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn this_process_has_threads_memory_and_open_files() {
        let own = ProcessStats::own().expect("/proc on Linux");
        assert!(
            own.threads >= 1 && own.resident_bytes > 0 && own.open_fds >= 3,
            "{own:?}"
        );
    }
}
