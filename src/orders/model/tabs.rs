//! The tabs of the client's order list: every status belongs to exactly one tab besides
//! "all", and "active" gathers everything not yet final.

use crate::orders::model::Status;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientTab {
    Active,
    /// Placed, offered or waiting for a worker.
    Waiting,
    Scheduled,
    InProgress,
    ToSign,
    Disputed,
    Completed,
    Cancelled,
    All,
}

impl ClientTab {
    pub const ALL: [ClientTab; 9] = [
        ClientTab::Active,
        ClientTab::Waiting,
        ClientTab::Scheduled,
        ClientTab::InProgress,
        ClientTab::ToSign,
        ClientTab::Disputed,
        ClientTab::Completed,
        ClientTab::Cancelled,
        ClientTab::All,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ClientTab::Active => "active",
            ClientTab::Waiting => "waiting",
            ClientTab::Scheduled => "scheduled",
            ClientTab::InProgress => "in_progress",
            ClientTab::ToSign => "to_sign",
            ClientTab::Disputed => "disputed",
            ClientTab::Completed => "completed",
            ClientTab::Cancelled => "cancelled",
            ClientTab::All => "all",
        }
    }

    /// The tab asked for; "active" when none (or an unknown one) is given.
    pub fn parse(s: &str) -> ClientTab {
        ClientTab::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .unwrap_or(ClientTab::Active)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            ClientTab::Active => "tab-active",
            ClientTab::Waiting => "tab-waiting",
            ClientTab::Scheduled => "tab-scheduled",
            ClientTab::InProgress => "tab-in-progress",
            ClientTab::ToSign => "tab-to-sign",
            ClientTab::Disputed => "tab-disputed",
            ClientTab::Completed => "tab-completed",
            ClientTab::Cancelled => "tab-cancelled",
            ClientTab::All => "tab-all",
        }
    }

    /// The address of the client's order list on this tab (the list is the client's home).
    pub fn href(self) -> String {
        format!("/client?tab={}", self.as_str())
    }

    /// The statuses the tab lists.
    pub fn statuses(self) -> Vec<Status> {
        use Status as S;
        match self {
            ClientTab::Active => Status::ALL
                .into_iter()
                .filter(|s| !matches!(s, S::Completed | S::Cancelled))
                .collect(),
            ClientTab::Waiting => vec![S::New, S::Offered, S::Unassigned],
            ClientTab::Scheduled => vec![S::Assigned],
            ClientTab::InProgress => vec![S::InProgress],
            ClientTab::ToSign => vec![S::Reported],
            ClientTab::Disputed => vec![S::Disputed],
            ClientTab::Completed => vec![S::Completed],
            ClientTab::Cancelled => vec![S::Cancelled],
            ClientTab::All => Status::ALL.to_vec(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_is_in_exactly_one_tab_besides_active_and_all() {
        for status in Status::ALL {
            let tabs: Vec<ClientTab> = ClientTab::ALL
                .into_iter()
                .filter(|t| !matches!(t, ClientTab::Active | ClientTab::All))
                .filter(|t| t.statuses().contains(&status))
                .collect();
            assert_eq!(tabs.len(), 1, "{status:?} is in {tabs:?}");
        }
    }

    #[test]
    fn active_holds_everything_not_final() {
        let active = ClientTab::Active.statuses();
        assert!(active.contains(&Status::Offered) && active.contains(&Status::Disputed));
        assert!(!active.contains(&Status::Completed) && !active.contains(&Status::Cancelled));
        assert_eq!(ClientTab::parse(""), ClientTab::Active);
        assert_eq!(ClientTab::parse("to_sign"), ClientTab::ToSign);
    }

    #[test]
    fn each_tabs_address_opens_that_tab() {
        for tab in ClientTab::ALL {
            let href = tab.href();
            let query = href.strip_prefix("/client?tab=").unwrap();
            assert_eq!(ClientTab::parse(query), tab);
        }
    }
}
