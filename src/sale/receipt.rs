//! A receipt as plain text lines of a fixed width: what the screen previews and what the
//! printer driver will print. Pure: from a committed sale document and the store's details.

use kasir_core::document::{Body, Document, SaleBody};
use kasir_core::format::{format_amount, format_quantity};
use kasir_core::wire::ReceiptLines;
use kasir_core::{Locale, Money, TenderKind};

use crate::app::config::Config;
use crate::messages::screens::ReceiptText;

/// Characters per line of an 80 mm printer with font A.
pub const WIDTH_80MM: usize = 48;

/// Marks a line whose price is quoted before tax.
pub const PLUS_PPN: &str = "+PPN";

/// `left` and `right` on one line, padded to `width`.
pub fn pair(left: &str, right: &str, width: usize) -> String {
    let used = left.chars().count() + right.chars().count();
    if used + 1 > width {
        return format!("{left}\n{right:>width$}");
    }
    format!("{left}{}{right}", " ".repeat(width - used))
}

pub fn center(text: &str, width: usize) -> String {
    let n = text.chars().count();
    if n >= width { text.to_owned() } else { format!("{}{text}", " ".repeat((width - n) / 2)) }
}

pub fn tender_name(kind: TenderKind, locale: Locale) -> &'static str {
    match kind {
        TenderKind::Cash => ReceiptText::Cash.get(locale),
        TenderKind::Card => ReceiptText::Card.get(locale),
        TenderKind::Qris => "QRIS",
        TenderKind::EWallet => ReceiptText::EWallet.get(locale),
        TenderKind::Voucher => "Voucher",
        TenderKind::CustomerAccount => ReceiptText::CustomerAccount.get(locale),
        TenderKind::Exchange => ReceiptText::ExchangeCredit.get(locale),
    }
}

/// `text` broken between words into lines of at most `width` characters (a word longer than
/// that is cut), each centred.
pub fn centred_lines(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > width {
            if !current.is_empty() {
                lines.push(std::mem::take(&mut current));
            }
            lines.push(word.drain(..width).collect());
        }
        let word: String = word.into_iter().collect();
        let n = word.chars().count();
        if current.is_empty() {
            current = word;
        } else if current.chars().count() + 1 + n <= width {
            current.push(' ');
            current.push_str(&word);
        } else {
            lines.push(std::mem::replace(&mut current, word));
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines.into_iter().map(|l| center(&l, width)).collect()
}

/// The receipt of a committed sale, with the store's own header and footer `lines`
/// ([`crate::store::Ledger::receipt_lines`]); `None` for other document kinds.
pub fn sale_receipt(
    doc: &Document,
    config: &Config,
    lines: &ReceiptLines,
    width: usize,
) -> Option<Vec<String>> {
    let Body::Sale(sale) = &doc.body else { return None };
    Some(sale_lines(doc, sale, config, lines, width))
}

/// The receipt of `doc`, whose body is `sale`: the store's identity, then its header lines,
/// and its footer lines at the end (the built-in thank-you when it has none), each centred
/// within `width` columns.
pub fn sale_lines(
    doc: &Document,
    sale: &SaleBody,
    config: &Config,
    own: &ReceiptLines,
    width: usize,
) -> Vec<String> {
    let locale = config.store.locale;
    let currency = sale.currency;
    let money = |minor: i64| Money::from_minor(minor, currency).format(locale);
    let amount = |minor: i64| format_amount(Money::from_minor(minor, currency), locale);
    let rule = "-".repeat(width);
    let h = &doc.header;
    let mut out = Vec::new();
    if config.demo {
        out.push(center(ReceiptText::Demo.get(locale), width));
    }
    out.extend([
        center(&config.store.name, width),
        center(&config.store.address, width),
        center(&format!("NPWP {}", config.store.npwp), width),
    ]);
    for line in &own.header {
        out.extend(centred_lines(line, width));
    }
    out.extend([
        rule.clone(),
        pair(&h.receipt_number, &h.created_at.format("%d-%m-%Y %H:%M").to_string(), width),
        pair(ReceiptText::Cashier.get(locale), &h.user, width),
        rule.clone(),
    ]);
    for l in &sale.lines {
        if l.price_includes_tax {
            out.push(l.name.chars().take(width).collect());
        } else {
            // The price is before tax: the tax is added below, before TOTAL.
            let name: String = l.name.chars().take(width.saturating_sub(PLUS_PPN.len() + 1)).collect();
            out.push(pair(&name, PLUS_PPN, width));
        }
        let qty = format!("  {} {} x {}", format_quantity(l.quantity, locale), l.unit, amount(l.unit_price));
        out.push(pair(&qty, &amount(l.extended), width));
        if l.line_discount > 0 {
            out.push(pair(
                &format!("  {}", ReceiptText::LineDiscount.get(locale)),
                &format!("-{}", amount(l.line_discount)),
                width,
            ));
        }
    }
    // The order discount is a line of its own under the goods, as the checkout shows it.
    if sale.order_discount > 0 {
        out.push(pair(
            ReceiptText::OrderDiscount.get(locale),
            &format!("-{}", amount(sale.order_discount)),
            width,
        ));
    }
    out.push(rule.clone());
    out.push(pair(ReceiptText::Subtotal.get(locale), &money(sale.subtotal), width));
    if sale.line_discounts + sale.order_discount > 0 {
        out.push(pair(
            ReceiptText::TotalDiscount.get(locale),
            &format!("-{}", money(sale.line_discounts + sale.order_discount)),
            width,
        ));
    }
    // Tax on prices quoted before tax, so that subtotal − discounts + this = TOTAL.
    let added: i64 = sale.lines.iter().filter(|l| !l.price_includes_tax).map(|l| l.tax).sum();
    if added != 0 {
        out.push(pair(ReceiptText::TaxAdded.get(locale), &money(added), width));
    }
    out.push(pair("TOTAL", &money(sale.total), width));
    if sale.rounding != 0 {
        out.push(pair(ReceiptText::Rounding.get(locale), &money(sale.rounding), width));
        out.push(pair(ReceiptText::AmountDue.get(locale), &money(sale.total + sale.rounding), width));
    }
    for t in &sale.tenders {
        out.push(pair(tender_name(t.kind, locale), &money(t.amount), width));
    }
    out.push(pair(ReceiptText::Change.get(locale), &money(sale.change), width));
    out.push(rule.clone());
    for t in &sale.taxes {
        let label = format!(
            "{} {}% {}",
            t.tax_class,
            kasir_core::TaxRate::from_basis_points(t.rate_bp).percent(),
            if t.price_includes_tax { ReceiptText::Included.get(locale) } else { "" }
        );
        out.push(pair(label.trim_end(), &amount(t.tax), width));
        if let Some(dpp) = t.dpp {
            // As Indonesian receipts show it: the base, then the tax charged on it.
            let rate = kasir_core::TaxRate::from_basis_points(t.rate_bp).percent();
            out.push(pair(&format!("  DPP {rate}% {}", money(dpp)), &format!("PPN {}", money(t.tax)), width));
        }
    }
    out.push(rule);
    if own.footer.is_empty() {
        out.push(center(ReceiptText::ThankYou.get(locale), width));
    }
    for line in &own.footer {
        out.extend(centred_lines(line, width));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_fill_the_width() {
        assert_eq!(pair("TOTAL", "Rp 12.500", 20), "TOTAL      Rp 12.500");
        assert_eq!(pair("TOTAL", "Rp 12.500", 20).chars().count(), 20);
        assert_eq!(center("abc", 9), "   abc");
    }

    #[test]
    fn own_lines_are_centred_and_wrapped_between_words_to_the_width() {
        assert_eq!(centred_lines("Selamat datang", 20), ["   Selamat datang"]);
        let footer = "Terima kasih, barang yang sudah dibeli tidak dapat ditukar";
        let narrow = centred_lines(footer, 32);
        assert_eq!(
            narrow.iter().map(|l| l.trim()).collect::<Vec<_>>(),
            ["Terima kasih, barang yang sudah", "dibeli tidak dapat ditukar"]
        );
        assert!(narrow.iter().all(|l| l.chars().count() <= 32));
        assert_eq!(
            centred_lines(&"x".repeat(40), 32).iter().map(|l| l.len()).collect::<Vec<_>>(),
            [32, 8 + 12]
        );
        assert!(centred_lines("   ", 32).is_empty());
    }
}
