//! Waiting for SQLite's write lock when another connection holds it: the jobs queue's own
//! pool, or another process on the same file (an operator's command).

use std::time::Duration;

/// The busy handler every connection gets (see `busy_wait`).
pub fn busy(retries: i32) -> bool {
    match busy_wait(retries) {
        Some(wait) => {
            std::thread::sleep(wait);
            true
        }
        None => false,
    }
}

/// How long to sleep before retry `retries`: short sleeps at first (a write takes well under a
/// millisecond), longer ones later, giving up after about 8 seconds like `busy_timeout`.
fn busy_wait(retries: i32) -> Option<Duration> {
    match retries {
        0..=19 => Some(Duration::from_micros(100)),
        20..=99 => Some(Duration::from_millis(1)),
        100..=899 => Some(Duration::from_millis(10)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_busy_handler_gives_up_after_about_eight_seconds() {
        let total: Duration = (0..).map_while(busy_wait).sum();
        assert!(total > Duration::from_secs(7) && total < Duration::from_secs(9));
        assert_eq!(busy_wait(0), Some(Duration::from_micros(100)));
    }
}
