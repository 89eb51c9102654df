//! The order of a name search's hits: names that answer the words typed best come first —
//! the name begins with them as whole words, then has them all as whole words, then begins
//! with what was typed so far, then merely has words starting with each — and among names
//! that answer equally well, what this terminal has sold most comes first (a store's everyday
//! pack before the carton beside it), then the name alphabetically.

use std::cmp::Reverse;

/// How well a name answers the words typed; earlier is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fit {
    /// The name begins with the first word typed, and has every word typed as a whole word
    /// ("indomie goreng" → "Indomie Mi Goreng …").
    LeadingWords,
    /// Every word typed is a whole word of the name ("goreng indomie").
    WholeWords,
    /// The name begins with what was typed, the last word still being typed ("teh bot" →
    /// "Teh Botol …").
    Beginning,
    /// Every word typed begins a word of the name ("bot teh").
    WordStarts,
    /// Some word typed begins no word of the name.
    Not,
}

/// Text cut into words as the search index cuts it: lower case, common accents off, split at
/// anything that is neither a letter nor a digit.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().flat_map(char::to_lowercase).map(fold).collect())
        .collect()
}

/// The letters with an accent a shop's names carry (café, crème), without it.
fn fold(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ñ' => 'n',
        'ç' => 'c',
        'ý' | 'ÿ' => 'y',
        c => c,
    }
}

/// How well a name (cut by [`words`]) answers the words typed (cut the same way).
pub fn fit(name: &[String], typed: &[String]) -> Fit {
    let Some((first, _)) = typed.split_first() else { return Fit::Not };
    if !typed.iter().all(|t| name.iter().any(|n| n.starts_with(t.as_str()))) {
        return Fit::Not;
    }
    let whole = typed.iter().all(|t| name.iter().any(|n| n == t));
    if whole && name.first() == Some(first) {
        return Fit::LeadingWords;
    }
    if whole {
        return Fit::WholeWords;
    }
    let (last, before) = typed.split_last().expect("not empty");
    let begins = name.len() >= typed.len()
        && name[..before.len()] == *before
        && name[before.len()].starts_with(last.as_str());
    if begins { Fit::Beginning } else { Fit::WordStarts }
}

/// The order hits are shown in: by fit, then most sold, then by name.
pub fn order_key(fit: Fit, sold_milli: i64, name: &str) -> (Fit, Reverse<i64>, String) {
    (fit, Reverse(sold_milli), name.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fit_of(name: &str, typed: &str) -> Fit {
        fit(&words(name), &words(typed))
    }

    #[test]
    fn whole_words_then_beginnings_then_word_starts() {
        assert_eq!(fit_of("Indomie Mi Goreng Original 85 g", "indomie goreng"), Fit::LeadingWords);
        assert_eq!(fit_of("Indomie Mi Goreng Original 85 g", "goreng indomie"), Fit::WholeWords);
        assert_eq!(fit_of("Teh Botol Sosro Kaca 220 ml", "teh bot"), Fit::Beginning);
        assert_eq!(fit_of("Teh Botol Sosro Kaca 220 ml", "bot teh"), Fit::WordStarts);
        assert_eq!(fit_of("Chitato Indomie Goreng 68 g", "indomie"), Fit::WholeWords);
        assert_eq!(fit_of("Teh Botol Sosro", "kopi"), Fit::Not);
        assert_eq!(fit_of("Beng-Beng Wafer", "beng-b"), Fit::Beginning);
        assert_eq!(fit_of("Crème Café Latte", "CAFE"), Fit::WholeWords);
        assert!(Fit::LeadingWords < Fit::WholeWords && Fit::Beginning < Fit::WordStarts);
    }

    #[test]
    fn among_equals_the_most_sold_comes_first() {
        let mut hits = [
            (Fit::Beginning, 2_000, "Teh Botol Sosro Dus 24 x 250 ml"),
            (Fit::Beginning, 30_000, "Teh Botol Sosro Kaca 220 ml"),
            (Fit::LeadingWords, 0, "Teh"),
        ];
        hits.sort_by_key(|(f, s, n)| order_key(*f, *s, n));
        let names: Vec<&str> = hits.iter().map(|h| h.2).collect();
        assert_eq!(names, ["Teh", "Teh Botol Sosro Kaca 220 ml", "Teh Botol Sosro Dus 24 x 250 ml"]);
    }
}
