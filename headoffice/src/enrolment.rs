//! An enrolment code as head office keeps it, and whether it may still be used.

use chrono::{DateTime, Utc};
use kasir_core::chain::Origin;

use crate::storage::{EnrolRefusal, StorageError};

/// An enrolment code as stored: for which terminal, until when, and whether it is spent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnrolmentCode {
    pub store: String,
    pub terminal: String,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
    pub replaced_at: Option<DateTime<Utc>>,
}

impl EnrolmentCode {
    /// The terminal a code looked up by its hash lets join at `now`: no code is an unknown one.
    pub fn usable(found: Option<EnrolmentCode>, now: DateTime<Utc>) -> Result<Origin, StorageError> {
        found.ok_or(StorageError::Enrolment(EnrolRefusal::Unknown))?.check(now)
    }

    /// As [`EnrolmentCode::usable`], for `origin` joining with it: a code issued for another
    /// terminal is an unknown one.
    pub fn usable_by(
        found: Option<EnrolmentCode>,
        origin: &Origin,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        if &EnrolmentCode::usable(found, now)? == origin {
            Ok(())
        } else {
            Err(StorageError::Enrolment(EnrolRefusal::Unknown))
        }
    }

    /// The terminal this code lets join at `now`, or why not.
    pub fn check(&self, now: DateTime<Utc>) -> Result<Origin, StorageError> {
        let refusal = if self.used_at.is_some() {
            Some(EnrolRefusal::Used)
        } else if self.replaced_at.is_some() {
            Some(EnrolRefusal::Replaced)
        } else if self.expires_at <= now {
            Some(EnrolRefusal::Expired)
        } else {
            None
        };
        match refusal {
            Some(r) => Err(StorageError::Enrolment(r)),
            None => Ok(Origin { store: self.store.clone(), terminal: self.terminal.clone() }),
        }
    }
}
