//! The client's standing choices about workers who have served them.

crate::status_enum! {
    /// A client's preference for a worker: matching prefers favourites and never sends a
    /// blocked worker.
    pub enum WorkerPreference {
        Favourite = "favourite" => "profile-favourite",
        Blocked = "blocked" => "profile-blocked",
    }
}
