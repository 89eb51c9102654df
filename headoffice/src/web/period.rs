//! What a dashboard or report shows: a period (today, this week, … or two dates) and a scope
//! (the chain, a region, a store, a terminal), read from the address and checked against
//! what the user may see before any figure is asked for.

use chrono::{Datelike, Duration, FixedOffset, NaiveDate, Timelike, Utc};
use serde::Deserialize;

use super::page::Refusal;
use super::session::Signed;
use crate::analytics::{SalesFilter, StoreSummary};

/// The query string every dashboard and report address takes (all optional).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct View {
    #[serde(default)]
    pub period: Option<String>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub store: Option<String>,
    #[serde(default)]
    pub terminal: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    Today,
    Yesterday,
    ThisWeek,
    ThisMonth,
    Last30,
    Custom,
}

impl Period {
    pub const ALL: [Period; 6] = [
        Period::Today,
        Period::Yesterday,
        Period::ThisWeek,
        Period::ThisMonth,
        Period::Last30,
        Period::Custom,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Period::Today => "today",
            Period::Yesterday => "yesterday",
            Period::ThisWeek => "week",
            Period::ThisMonth => "month",
            Period::Last30 => "30d",
            Period::Custom => "dates",
        }
    }

    pub fn word(self) -> super::words::W {
        use super::words::W;
        match self {
            Period::Today => W::Today,
            Period::Yesterday => W::Yesterday,
            Period::ThisWeek => W::ThisWeek,
            Period::ThisMonth => W::ThisMonth,
            Period::Last30 => W::Last30,
            Period::Custom => W::Custom,
        }
    }
}

/// A view checked and resolved: the dates, the stores to read, and what the user chose.
#[derive(Clone, Debug)]
pub struct Resolved {
    pub period: Period,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The stores to read (`None`: the whole chain, for a user who may see it all).
    pub stores: Option<Vec<String>>,
    pub region: Option<String>,
    pub store: Option<String>,
    pub terminal: Option<String>,
    /// Today in the scope's time.
    pub today: NaiveDate,
    /// The hour it is now in the scope's time.
    pub hour_now: u32,
}

/// The longest range a page or export takes: ten years.
const MAX_DAYS: i64 = 3660;

impl Resolved {
    pub fn filter(&self) -> SalesFilter {
        SalesFilter {
            from: self.from,
            to: self.to,
            stores: self.stores.clone(),
            terminal: self.terminal.clone(),
        }
    }

    /// The same filter moved back by `days` (the comparison periods: 7 for last week, 364 for
    /// last year, which keeps the weekdays aligned).
    pub fn shifted(&self, days: i64) -> SalesFilter {
        SalesFilter {
            from: self.from - Duration::days(days),
            to: self.to - Duration::days(days),
            ..self.filter()
        }
    }

    /// The query string that reproduces this view (for links, the live panel and exports).
    pub fn query(&self) -> String {
        let mut pairs = vec![("period", self.period.code().to_owned())];
        if self.period == Period::Custom {
            pairs.push(("from", self.from.to_string()));
            pairs.push(("to", self.to.to_string()));
        }
        for (k, v) in [("region", &self.region), ("store", &self.store), ("terminal", &self.terminal)] {
            if let Some(v) = v {
                pairs.push((k, v.clone()));
            }
        }
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }

    /// For comparing with earlier periods: the hour before which their last day counts, when
    /// this period runs to today (today so far against the same hours then, not whole days).
    pub fn comparable_until(&self) -> Option<u32> {
        (self.to == self.today).then_some(self.hour_now + 1)
    }

    pub fn single_day(&self) -> bool {
        self.from == self.to
    }
}

fn date(lang: super::words::Lang, what: &str, text: &str) -> Result<NaiveDate, Refusal> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| Refusal::Invalid(lang, format!("{what} {text:?} is not a date like 2026-12-01")))
}

/// Resolves a view for `user` against the chain's stores: a store or terminal the user may
/// not see is 403; an unknown one is named.
pub fn resolve(view: &View, user: &Signed, stores: &[StoreSummary]) -> Result<Resolved, Refusal> {
    let lang = user.lang;
    let blank = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    let (region, store, terminal) = (blank(&view.region), blank(&view.store), blank(&view.terminal));
    if let Some(s) = &store {
        user.store(s)?;
        if !stores.iter().any(|k| &k.code == s) {
            return Err(Refusal::NotFound(lang));
        }
    }
    if terminal.is_some() && store.is_none() {
        return Err(Refusal::Invalid(lang, "a terminal is chosen within a store: give store too".into()));
    }
    let visible = user.visible();
    let mut chosen: Option<Vec<String>> = match (&store, &region) {
        (Some(s), _) => Some(vec![s.clone()]),
        (None, Some(r)) => Some(stores.iter().filter(|s| &s.region == r).map(|s| s.code.clone()).collect()),
        (None, None) => None,
    };
    if let Some(mine) = &visible {
        chosen = Some(match chosen {
            Some(list) => list.into_iter().filter(|s| mine.contains(s)).collect(),
            None => mine.clone(),
        });
    }
    // "Today" is the scope's own day: the first store read's offset (the chosen one, else the
    // first of the region or of those the user may see).
    let offset = stores
        .iter()
        .find(|k| chosen.as_ref().is_none_or(|list| list.contains(&k.code)))
        .and_then(|s| s.utc_offset.parse::<FixedOffset>().ok())
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset"));
    let local_now = Utc::now().with_timezone(&offset);
    let today = local_now.date_naive();
    let period = match view.period.as_deref() {
        None | Some("") => Period::Today,
        Some(p) => Period::ALL.into_iter().find(|k| k.code() == p).ok_or_else(|| {
            Refusal::Invalid(
                lang,
                format!("period {p:?} is not one of today, yesterday, week, month, 30d, dates"),
            )
        })?,
    };
    let (from, to) = match period {
        Period::Today => (today, today),
        Period::Yesterday => (today - Duration::days(1), today - Duration::days(1)),
        Period::ThisWeek => {
            (today - Duration::days(i64::from(today.weekday().num_days_from_monday())), today)
        }
        Period::ThisMonth => (today.with_day(1).expect("day 1"), today),
        Period::Last30 => (today - Duration::days(29), today),
        Period::Custom => {
            let from = date(lang, "from", view.from.as_deref().unwrap_or(""))?;
            let to = date(lang, "to", view.to.as_deref().unwrap_or(""))?;
            if to < from {
                return Err(Refusal::Invalid(lang, format!("to {to} is before from {from}")));
            }
            if (to - from).num_days() > MAX_DAYS {
                return Err(Refusal::Invalid(lang, "a period is at most ten years".into()));
            }
            (from, to)
        }
    };
    // Comparisons reach a year back; dates near chrono's ends make no sense for a shop.
    if from.year() < 1971 || to.year() > 9000 {
        return Err(Refusal::Invalid(lang, "dates must lie between 1971 and 9000".into()));
    }
    Ok(Resolved {
        period,
        from,
        to,
        stores: chosen,
        region,
        store,
        terminal,
        today,
        hour_now: local_now.hour(),
    })
}
