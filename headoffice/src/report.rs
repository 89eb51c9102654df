//! Head office's own reports, as text, CSV or JSON.

use chrono::Utc;
use kasir_core::Quantity;

use crate::storage::{ReportRow, TerminalStatus};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Csv,
    Json,
}

/// Rupiah with dot thousands, as the stores write it (kasir-core's formatting).
fn money(minor: i64) -> String {
    let amount = kasir_core::Money::from_minor(minor, kasir_core::Currency::IDR).amount();
    kasir_core::format::format_decimal(amount, 0, kasir_core::Locale::Id)
}

fn quantity(milli: i64) -> String {
    kasir_core::format::format_quantity(Quantity::from_milli(milli), kasir_core::Locale::Id)
}

pub fn sales(rows: &[ReportRow], by: &str, format: Format) -> String {
    match format {
        Format::Json => serde_json::to_string_pretty(rows).expect("rows serialise") + "\n",
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record([by, "receipts", "quantity", "net", "tax", "gross"]).expect("in memory");
            for r in rows {
                let q = Quantity::from_milli(r.quantity_milli).to_decimal().normalize().to_string();
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
            let (mut net, mut tax, mut gross) = (0, 0, 0);
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
                net += r.net;
                tax += r.tax;
                gross += r.gross;
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
                ])
                .expect("in memory");
            }
            String::from_utf8(w.into_inner().expect("in memory")).expect("csv of strings")
        }
        Format::Text => {
            let mut out = format!(
                "{:<8} {:>9} {:>10} {:>7}  {:<30} {:>15} {:>8}\n",
                "terminal", "last seq", "at term.", "behind", "last contact", "grand total", "refused"
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
                    "{:<8} {:>9} {:>10} {:>7}  {:<30} {:>15} {:>8}\n",
                    format!("{}-{}", t.store, t.terminal),
                    t.last_seq,
                    t.ledger_seq.map(|s| s.to_string()).unwrap_or_else(|| "?".into()),
                    lag(t).map(|s| s.to_string()).unwrap_or_else(|| "?".into()),
                    contact,
                    money(t.grand_total),
                    t.rejected
                );
            }
            if list.iter().any(|t| t.rejected > 0) {
                out += "refused documents were kept aside: `kasir-headoffice rejected` lists them\n";
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
    }
}
