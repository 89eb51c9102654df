//! Who may do what in head office's web app. Enforced here and by the server on every page
//! and export, never only by what a menu shows.
//!
//! - An administrator does everything, in every store.
//! - An analyst reads every store's figures and exports them, and changes nothing.
//! - A manager (of one store, or an area manager of several) reads and runs only the stores
//!   they work in.
//! - Cashiers and supervisors work at the counter and have no place in the web app.

use serde::{Deserialize, Serialize};

/// A user's role as head office's web app sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OfficeRole {
    Admin,
    Analyst,
    Manager,
}

impl OfficeRole {
    pub const ALL: [OfficeRole; 3] = [OfficeRole::Admin, OfficeRole::Analyst, OfficeRole::Manager];

    pub fn code(self) -> &'static str {
        match self {
            OfficeRole::Admin => "admin",
            OfficeRole::Analyst => "analyst",
            OfficeRole::Manager => "manager",
        }
    }

    pub fn from_code(code: &str) -> Option<OfficeRole> {
        OfficeRole::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// Something done in the web app.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OfficeAction {
    /// Dashboard, reports, receipts.
    ViewSales,
    /// CSV exports.
    ExportSales,
    /// Terminals' status and refused documents.
    ViewTerminals,
    /// Revoke or rotate a token, enrol a terminal.
    RunTerminals,
    /// Products, prices, barcodes, tax classes, quick keys (they reach every store).
    EditCatalogue,
    /// Goods received, adjustments, transfers, reorder levels.
    RecordStock,
    /// Add, change and deactivate users; set up stores.
    ManageUsers,
}

impl OfficeAction {
    /// Whether the action changes something (refused to an analyst).
    pub fn writes(self) -> bool {
        !matches!(self, OfficeAction::ViewSales | OfficeAction::ExportSales | OfficeAction::ViewTerminals)
    }
}

/// Whether `role` may do `action` at all (in the stores it may see: [`may_see_store`]).
pub fn permits(role: OfficeRole, action: OfficeAction) -> bool {
    match role {
        OfficeRole::Admin => true,
        OfficeRole::Analyst => !action.writes(),
        // The catalogue and the users are the chain's, not one store's.
        OfficeRole::Manager => !matches!(action, OfficeAction::EditCatalogue | OfficeAction::ManageUsers),
    }
}

/// The stores a user may see: `None` for all of them, else the ones they work in.
pub fn visible_stores(role: OfficeRole, own: &[String]) -> Option<Vec<String>> {
    match role {
        OfficeRole::Admin | OfficeRole::Analyst => None,
        OfficeRole::Manager => Some(own.to_vec()),
    }
}

pub fn may_see_store(role: OfficeRole, own: &[String], store: &str) -> bool {
    visible_stores(role, own).is_none_or(|list| list.iter().any(|s| s == store))
}

/// How long a web login stays locked after `failures` wrong passwords in a row: from the
/// fifth one on, 30 s, then twice as long each time, up to 15 minutes.
pub fn login_lockout(failures: u32) -> Option<std::time::Duration> {
    (failures >= 5).then(|| std::time::Duration::from_secs((30u64 << (failures - 5).min(5)).min(900)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_analyst_reads_everything_and_changes_nothing() {
        let actions = [
            OfficeAction::ViewSales,
            OfficeAction::ExportSales,
            OfficeAction::ViewTerminals,
            OfficeAction::RunTerminals,
            OfficeAction::EditCatalogue,
            OfficeAction::RecordStock,
            OfficeAction::ManageUsers,
        ];
        for a in actions {
            assert_eq!(permits(OfficeRole::Analyst, a), !a.writes(), "{a:?}");
            assert!(permits(OfficeRole::Admin, a));
        }
        assert!(permits(OfficeRole::Manager, OfficeAction::RunTerminals));
        assert!(permits(OfficeRole::Manager, OfficeAction::RecordStock));
        assert!(!permits(OfficeRole::Manager, OfficeAction::EditCatalogue));
        assert!(!permits(OfficeRole::Manager, OfficeAction::ManageUsers));
    }

    #[test]
    fn a_manager_sees_only_their_stores() {
        let own = vec!["S01".to_owned(), "S03".to_owned()];
        assert!(may_see_store(OfficeRole::Manager, &own, "S01"));
        assert!(!may_see_store(OfficeRole::Manager, &own, "S02"));
        assert!(!may_see_store(OfficeRole::Manager, &[], "S01"));
        assert!(may_see_store(OfficeRole::Analyst, &[], "S02"));
        assert_eq!(visible_stores(OfficeRole::Manager, &own), Some(own.clone()));
        assert_eq!(visible_stores(OfficeRole::Admin, &own), None);
    }

    #[test]
    fn logins_lock_from_the_fifth_wrong_password() {
        use std::time::Duration;
        assert_eq!(login_lockout(4), None);
        assert_eq!(login_lockout(5), Some(Duration::from_secs(30)));
        assert_eq!(login_lockout(6), Some(Duration::from_secs(60)));
        assert_eq!(login_lockout(40), Some(Duration::from_secs(900)));
    }
}
