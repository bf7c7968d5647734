//! One run of each kind of job at a time. The queue hands the worker every job pushed and
//! the worker starts them all at once, each on a blocking thread; under a steady stream of
//! orders, matching passes that take longer than the gap between two orders piled up on the
//! writer, a thread each, until the runtime's 512 blocking threads were spent. A job that
//! arrives while its kind runs only asks that run to go once more when it ends (what it would
//! have done, the next run does, since each run reads the domain state afresh), so a kind
//! holds one thread however many jobs ask for it.

use std::sync::{Arc, Mutex};

use crate::work::Job;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Idle,
    Running,
    /// Running, and asked for again meanwhile.
    Again,
}

/// The state of each kind of job (shared by every clone of the runner).
#[derive(Debug, Clone)]
pub struct Alone {
    slots: Arc<Mutex<[Slot; KINDS]>>,
}

impl Default for Alone {
    fn default() -> Alone {
        Alone {
            slots: Arc::new(Mutex::new([Slot::Idle; KINDS])),
        }
    }
}

/// Kinds of job, each with its slot.
const KINDS: usize = 3;

fn index(job: Job) -> usize {
    match job {
        Job::DispatchOutbox => 0,
        Job::Matching => 1,
        Job::Packing => 2,
    }
}

impl Alone {
    /// The turn to run `job`; `None` when one is running already (it will run once more).
    pub fn claim(&self, job: Job) -> Option<Turn> {
        let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
        let slot = &mut slots[index(job)];
        match *slot {
            Slot::Idle => {
                *slot = Slot::Running;
                Some(Turn {
                    alone: self.clone(),
                    job,
                })
            }
            Slot::Running | Slot::Again => {
                *slot = Slot::Again;
                None
            }
        }
    }
}

/// The right to run one kind of job; the kind is free again when it is dropped, whether the
/// run ended well, failed or panicked.
#[derive(Debug)]
pub struct Turn {
    alone: Alone,
    job: Job,
}

impl Turn {
    /// Runs `run` until a run ends with nobody having asked for another meanwhile.
    pub fn run(self, mut run: impl FnMut() -> anyhow::Result<()>) -> anyhow::Result<()> {
        loop {
            run()?;
            let mut slots = self.alone.slots.lock().unwrap_or_else(|e| e.into_inner());
            let slot = &mut slots[index(self.job)];
            if *slot != Slot::Again {
                return Ok(());
            }
            *slot = Slot::Running;
        }
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        let mut slots = self.alone.slots.lock().unwrap_or_else(|e| e.into_inner());
        slots[index(self.job)] = Slot::Idle;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_asked_for_while_its_kind_runs_makes_that_run_go_once_more() {
        let alone = Alone::default();
        let turn = alone.claim(Job::Matching).expect("free at first");
        let mut runs = 0;
        turn.run(|| {
            runs += 1;
            if runs == 1 {
                // Two more arrive during the first run: one more run covers both.
                assert!(alone.claim(Job::Matching).is_none());
                assert!(alone.claim(Job::Matching).is_none());
                // Other kinds run beside it.
                assert!(alone.claim(Job::Packing).is_some());
            }
            Ok(())
        })
        .unwrap();
        assert_eq!(runs, 2);
        assert!(alone.claim(Job::Matching).is_some(), "free again");
    }

    #[test]
    fn a_failed_run_frees_its_kind() {
        let alone = Alone::default();
        let turn = alone.claim(Job::DispatchOutbox).unwrap();
        assert!(
            turn.run(|| anyhow::bail!("the mail server is down"))
                .is_err()
        );
        assert!(alone.claim(Job::DispatchOutbox).is_some());
    }
}
