//! Entry point: set the allocator's limits, parse the command line and hand over to the
//! library.

fn main() -> std::process::ExitCode {
    limit_allocator();
    whiskerworks::cli::main()
}

/// Keeps the server's memory near what it uses. By default glibc gives each busy thread an
/// arena of its own (up to 8 per core) and, once a large block is freed, raises its mmap
/// threshold so later large blocks come from those arenas and stay there: every password
/// check (argon2 takes 19 MiB) on another blocking thread left 19 MiB resident for good.
/// A fixed threshold sends blocks over 1 MiB straight to the system and back; two arenas per
/// core are plenty for a handful of workers.
fn limit_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets allocator parameters; it is called before any other thread
    // exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
        libc::mallopt(libc::M_ARENA_MAX, 2 * num_cpus());
    }
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn num_cpus() -> libc::c_int {
    std::thread::available_parallelism()
        .map(|n| n.get().min(64) as libc::c_int)
        .unwrap_or(2)
}
