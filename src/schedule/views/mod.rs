//! The schedule's markup (maud, no SQL).
