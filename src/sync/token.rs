//! The terminal's token on every request to head office, and the new one head office hands
//! over while it rotates this terminal's token (`kasir-headoffice terminal rotate`).
//!
//! Head office puts the new token in a `Kasir-New-Token` header on any authenticated 2xx
//! answer while the rotation is pending, takes the old token until the new one is first used,
//! and hands a fresh one to a terminal that sends the old token again. So the terminal only
//! has to keep the new token durably before its next request (`store::rotation` decides which
//! token is sent); an answer lost on the way costs nothing but another new token. The token is
//! never logged.

use super::{SyncError, Syncer};

/// The answer header that carries a rotated token.
pub const NEW_TOKEN_HEADER: &str = "Kasir-New-Token";

impl Syncer {
    /// Sends `request` with the token in use. A 2xx answer carrying a new token for this
    /// terminal has it committed to the ledger file before this returns, so the next request
    /// carries it; anything else in that header is ignored (and logged, without it).
    pub(super) async fn send(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<reqwest::Response, SyncError> {
        let token = self.store.token_for(&self.settings.token)?;
        let response = request.bearer_auth(&token).send().await.map_err(|e| self.unreachable(e))?;
        if response.status().is_success()
            && let Some(value) = response.headers().get(NEW_TOKEN_HEADER)
        {
            match value.to_str() {
                Ok(new) if new == token => {}
                Ok(new) if is_token_of_same_terminal(&token, new) => {
                    self.store.keep_rotated_token(&self.settings.token, new)?;
                    tracing::info!(
                        "head office rotated this terminal's token: the new one is kept in the ledger file and sent from now on"
                    );
                }
                _ => tracing::warn!(
                    header = NEW_TOKEN_HEADER,
                    length = value.len(),
                    "head office sent a new token that is not one for this terminal (S01-T01.<64 hex digits>); it is ignored"
                ),
            }
        }
        Ok(response)
    }
}

/// Whether `new` is a token of the same terminal as `sent`: the same `S01-T01.` prefix,
/// followed by 64 hex digits (256 random bits), as head office makes them.
pub fn is_token_of_same_terminal(sent: &str, new: &str) -> bool {
    let (Some((terminal, _)), Some((new_terminal, secret))) = (sent.split_once('.'), new.split_once('.'))
    else {
        return false;
    };
    !terminal.is_empty()
        && terminal == new_terminal
        && secret.len() == 64
        && secret.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[cfg(test)]
mod tests {
    use super::is_token_of_same_terminal;

    #[test]
    fn only_a_token_of_this_terminal_in_head_offices_form_is_taken() {
        let sent = format!("S01-T01.{}", "ab".repeat(32));
        let new = format!("S01-T01.{}", "0f".repeat(32));
        assert!(is_token_of_same_terminal(&sent, &new));
        for other in [
            format!("S01-T02.{}", "0f".repeat(32)),
            format!("S02-T01.{}", "0f".repeat(32)),
            format!("S01-T01.{}", "0f".repeat(31)),
            format!("S01-T01.{}", "0f".repeat(33)),
            format!("S01-T01.{}", "0F".repeat(32)),
            format!("S01-T01.{}g", "0f".repeat(31)),
            format!("S01-T01{}", "0f".repeat(32)),
            String::new(),
        ] {
            assert!(!is_token_of_same_terminal(&sent, &other), "{other}");
        }
        assert!(!is_token_of_same_terminal("no-dot", &new), "a configured token without a terminal part");
    }
}
