//! Head office's own reports, as text, CSV or JSON.

use chrono::Utc;

use crate::storage::{ReportRow, TerminalStatus};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Csv,
    Json,
}

/// Rupiah with dot thousands, as the stores write it (kasir-core's formatting). A sum of a
/// report may pass what a `Decimal` holds; it is then written in digits alone, exactly.
pub(crate) fn money(minor: i128) -> String {
    match rust_decimal::Decimal::try_from_i128_with_scale(minor, 0) {
        Ok(amount) => kasir_core::format::format_decimal(amount, 0, kasir_core::Locale::Id),
        Err(_) => minor.to_string(),
    }
}

/// Thousandths as a quantity (`1.250`), exactly whatever the sum.
fn quantity(milli: i128) -> String {
    match rust_decimal::Decimal::try_from_i128_with_scale(milli, 3) {
        Ok(q) => {
            let q = q.normalize();
            kasir_core::format::format_decimal(q, q.scale(), kasir_core::Locale::Id)
        }
        Err(_) => plain_quantity(milli),
    }
}

/// Thousandths in plain decimal digits (`-1.25`), as CSV and programs read them.
pub(crate) fn plain_quantity(milli: i128) -> String {
    let sign = if milli < 0 { "-" } else { "" };
    let (whole, part) = (milli.unsigned_abs() / 1000, milli.unsigned_abs() % 1000);
    if part == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{}", format!("{part:03}").trim_end_matches('0'))
    }
}

pub fn sales(rows: &[ReportRow], by: &str, format: Format) -> String {
    match format {
        Format::Json => serde_json::to_string_pretty(rows).expect("rows serialise") + "\n",
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record([by, "receipts", "quantity", "net", "tax", "gross"]).expect("in memory");
            for r in rows {
                let q = plain_quantity(r.quantity_milli);
                w.write_record([
                    r.key.clone(),
                    r.documents.to_string(),
                    q,
                    r.net.to_string(),
                    r.tax.to_string(),
                    r.gross.to_string(),
                ])
                .expect("in memory");
            }
            String::from_utf8(w.into_inner().expect("in memory")).expect("csv of strings")
        }
        Format::Text => {
            let width = rows.iter().map(|r| r.key.chars().count()).max().unwrap_or(0).max(by.len());
            let mut out = format!(
                "{by:<width$}  {:>8}  {:>10}  {:>15}  {:>13}  {:>15}\n",
                "receipts", "quantity", "net", "tax", "gross"
            );
            let (mut net, mut tax, mut gross) = (0i128, 0i128, 0i128);
            for r in rows {
                let q = quantity(r.quantity_milli);
                out += &format!(
                    "{:<width$}  {:>8}  {:>10}  {:>15}  {:>13}  {:>15}\n",
                    r.key,
                    r.documents,
                    q,
                    money(r.net),
                    money(r.tax),
                    money(r.gross)
                );
                // Rows are sums of 64-bit figures: their total cannot pass 128 bits.
                net = net.saturating_add(r.net);
                tax = tax.saturating_add(r.tax);
                gross = gross.saturating_add(r.gross);
            }
            out += &format!(
                "{:<width$}  {:>8}  {:>10}  {:>15}  {:>13}  {:>15}\n",
                "total",
                "",
                "",
                money(net),
                money(tax),
                money(gross)
            );
            out
        }
    }
}

/// `revoked`, `rotating` (a new token handed out, not used yet) or `ok`.
fn token_state(t: &TerminalStatus) -> &'static str {
    match (t.revoked, t.rotating) {
        (true, _) => "revoked",
        (false, true) => "rotating",
        (false, false) => "ok",
    }
}

pub fn terminals(list: &[TerminalStatus], format: Format) -> String {
    let now = Utc::now();
    let lag = |t: &TerminalStatus| t.ledger_seq.map(|s| s.saturating_sub(t.last_seq));
    match format {
        Format::Json => serde_json::to_string_pretty(list).expect("rows serialise") + "\n",
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record([
                "store",
                "terminal",
                "last_seq",
                "ledger_seq",
                "documents_behind",
                "last_contact",
                "grand_total",
                "refused",
                "token",
            ])
            .expect("in memory");
            for t in list {
                w.write_record([
                    t.store.clone(),
                    t.terminal.clone(),
                    t.last_seq.to_string(),
                    t.ledger_seq.map(|s| s.to_string()).unwrap_or_default(),
                    lag(t).map(|s| s.to_string()).unwrap_or_default(),
                    t.last_contact.map(|c| c.to_rfc3339()).unwrap_or_default(),
                    t.grand_total.to_string(),
                    t.rejected.to_string(),
                    token_state(t).to_owned(),
                ])
                .expect("in memory");
            }
            String::from_utf8(w.into_inner().expect("in memory")).expect("csv of strings")
        }
        Format::Text => {
            let mut out = format!(
                "{:<8} {:>9} {:>10} {:>7}  {:<30} {:>15} {:>8}  {}\n",
                "terminal",
                "last seq",
                "at term.",
                "behind",
                "last contact",
                "grand total",
                "refused",
                "token"
            );
            for t in list {
                let contact = match t.last_contact {
                    Some(c) => {
                        let ago = (now - c).num_seconds().max(0);
                        format!("{} ({ago} s ago)", c.format("%Y-%m-%d %H:%M:%S"))
                    }
                    None => "never".to_owned(),
                };
                out += &format!(
                    "{:<8} {:>9} {:>10} {:>7}  {:<30} {:>15} {:>8}  {}\n",
                    format!("{}-{}", t.store, t.terminal),
                    t.last_seq,
                    t.ledger_seq.map(|s| s.to_string()).unwrap_or_else(|| "?".into()),
                    lag(t).map(|s| s.to_string()).unwrap_or_else(|| "?".into()),
                    contact,
                    money(t.grand_total.into()),
                    t.rejected,
                    token_state(t)
                );
            }
            if list.iter().any(|t| t.rejected > 0) {
                out += "refused and set-aside documents were kept aside: `kasir-headoffice rejected` lists them\n";
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_groups_thousands() {
        assert_eq!(money(1_234_567), "1.234.567");
        assert_eq!(money(-500), "-500");
        assert_eq!(money(0), "0");
        // Past what 64 bits (and a Decimal) hold, still exact.
        assert_eq!(money(2 * i128::from(i64::MAX)), "18.446.744.073.709.551.614");
        assert_eq!(money(i128::MAX), i128::MAX.to_string());
    }

    #[test]
    fn quantities_are_exact_at_any_size() {
        assert_eq!(quantity(1_250), "1,25");
        assert_eq!(plain_quantity(-1_250), "-1.25");
        assert_eq!(plain_quantity(3_000), "3");
        assert_eq!(plain_quantity(i128::MAX), "170141183460469231731687303715884105.727");
    }
}
