//! Locale formatting of money and quantities for screens, receipts and reports.
//! Hand-written because the rules needed are tiny (two locales, grouping by three) and the
//! ICU-based crates pull in megabytes of data for them.

use rust_decimal::Decimal;

use crate::money::{Currency, Locale, Money};
use crate::quantity::Quantity;

fn separators(locale: Locale) -> (char, char) {
    match locale {
        Locale::Id => ('.', ','),
        Locale::En => (',', '.'),
    }
}

/// Groups the integer part of a non-negative decimal string by thousands.
fn group(int_part: &str, sep: char) -> String {
    let mut out = String::with_capacity(int_part.len() + int_part.len() / 3);
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

/// Formats a number with `decimals` fixed digits after the point, grouped for the locale.
pub fn format_decimal(value: Decimal, decimals: u32, locale: Locale) -> String {
    let (thousands, point) = separators(locale);
    let rounded = value.round_dp(decimals);
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    let text = format!("{:.*}", decimals as usize, rounded.abs());
    let (int_part, frac) = match text.split_once('.') {
        Some((i, f)) => (i.to_owned(), Some(f.to_owned())),
        None => (text.clone(), None),
    };
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&group(&int_part, thousands));
    if let Some(frac) = frac {
        out.push(point);
        out.push_str(&frac);
    }
    out
}

/// The locale whose separators an amount of `currency` is written with. Rupiah is written
/// as Indonesia writes it (`Rp 160.050`: on the receipt, the price tag and the note itself)
/// whichever language the screen speaks, so a cashier in English mode reads the same figure
/// as the customer's receipt; other currencies follow the language.
fn money_locale(currency: Currency, locale: Locale) -> Locale {
    if currency == Currency::IDR { Locale::Id } else { locale }
}

/// An amount without its symbol, grouped as its currency is written (`160.050` for Rupiah in
/// either language, `1,234.50` for dollars in English): the receipt's amount column.
pub fn format_amount(money: Money, locale: Locale) -> String {
    let currency = money.currency();
    format_decimal(money.amount(), currency.minor_units, money_locale(currency, locale))
}

/// `Rp 12.500` in both languages (Rupiah is always written the Indonesian way), `$1,234.50`
/// in English and `$1.234,50` in Indonesian; `-Rp 2.000` for negatives.
pub fn format_money(money: Money, locale: Locale) -> String {
    let currency = money.currency();
    let number = format_decimal(money.amount().abs(), currency.minor_units, money_locale(currency, locale));
    let sign = if money.is_negative() { "-" } else { "" };
    // Rupiah is written with a space ("Rp 12.500"); dollar-style symbols are not.
    let space = if currency.symbol.chars().all(|c| c.is_alphabetic()) { " " } else { "" };
    format!("{sign}{}{space}{number}", currency.symbol)
}

/// A quantity as people write it: `3`, `1,25` (id-ID) / `1.25` (en), without trailing zeros.
pub fn format_quantity(q: Quantity, locale: Locale) -> String {
    let d = q.to_decimal().normalize();
    format_decimal(d, d.scale(), locale)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;
    use rust_decimal_macros::dec;

    #[test]
    fn rupiah_in_bahasa_indonesia() {
        assert_eq!(format_money(Money::from_minor(12_500, Currency::IDR), Locale::Id), "Rp 12.500");
        assert_eq!(format_money(Money::from_minor(1_234_567, Currency::IDR), Locale::Id), "Rp 1.234.567");
        assert_eq!(format_money(Money::from_minor(500, Currency::IDR), Locale::Id), "Rp 500");
        assert_eq!(format_money(Money::from_minor(0, Currency::IDR), Locale::Id), "Rp 0");
        assert_eq!(format_money(Money::from_minor(-2_000, Currency::IDR), Locale::Id), "-Rp 2.000");
    }

    #[test]
    fn english_writes_rupiah_as_the_receipt_does_and_cents_by_the_language() {
        assert_eq!(format_money(Money::from_minor(12_500, Currency::IDR), Locale::En), "Rp 12.500");
        assert_eq!(format_money(Money::from_minor(160_050, Currency::IDR), Locale::En), "Rp 160.050");
        assert_eq!(format_money(Money::from_minor(-2_000, Currency::IDR), Locale::En), "-Rp 2.000");
        assert_eq!(format_amount(Money::from_minor(1_234_567, Currency::IDR), Locale::En), "1.234.567");
        assert_eq!(format_amount(Money::from_minor(123_450, Currency::USD), Locale::En), "1,234.50");
        assert_eq!(format_money(Money::from_minor(123_450, Currency::USD), Locale::En), "$1,234.50");
        assert_eq!(format_money(Money::from_minor(5, Currency::USD), Locale::Id), "$0,05");
        assert_eq!(format_money(Money::from_minor(123_450, Currency::USD), Locale::Id), "$1.234,50");
    }

    #[test]
    fn quantities_drop_trailing_zeros() {
        assert_eq!(format_quantity(Quantity::from_decimal(dec!(1.250)).unwrap(), Locale::Id), "1,25");
        assert_eq!(format_quantity(Quantity::from_decimal(dec!(3)).unwrap(), Locale::En), "3");
        assert_eq!(format_quantity(Quantity::from_decimal(dec!(1250)).unwrap(), Locale::Id), "1.250");
    }
}
