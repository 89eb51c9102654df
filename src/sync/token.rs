//! The terminal's token on every request to head office, and the new one head office hands
//! over while it rotates this terminal's token (`kasir-headoffice terminal rotate`).
//!
//! Head office puts the new token in a `Kasir-New-Token` header on any authenticated 2xx
//! answer while the rotation is pending, takes the old token until the new one is first used,
//! and hands a fresh one to a terminal that sends the old token again. So the terminal only
//! has to keep the new token durably before its next request (`store::rotation` decides which
//! token is sent); an answer lost on the way costs nothing but another new token. Should head
//! office refuse the rotated token (it keeps only the last two handed out, and a second
//! rotation or stale requests may push one out), the request goes once more with the token it
//! replaced, which head office takes until a new one is used: the rotated token before it,
//! kept until head office has taken the newer one, or else the configured token. When that
//! works the refused token is let go. The token is never logged.

use super::{SyncError, Syncer};

/// The answer header that carries a rotated token.
pub const NEW_TOKEN_HEADER: &str = "Kasir-New-Token";

impl Syncer {
    /// Sends `request` with the token in use. A 2xx answer carrying a new token for this
    /// terminal has it committed to the ledger file before this returns, so the next request
    /// carries it; anything else in that header is ignored (and logged, without it). A rotated
    /// token refused (401) is tried once more with the configured one.
    pub(super) async fn send(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<reqwest::Response, SyncError> {
        let configured = &self.settings.token;
        let mut token = self.store.token_for(configured)?;
        // A copy to send again, should the rotated token be refused.
        let again = if token != *configured { request.try_clone() } else { None };
        let mut response = request.bearer_auth(&token).send().await.map_err(|e| self.unreachable(e))?;
        if response.status() == reqwest::StatusCode::UNAUTHORIZED
            && let Some(again) = again
        {
            // Another request may have kept a newer token meanwhile (head office retired this
            // one when that was used): that one is sent. Otherwise head office forgot the
            // rotated token (it keeps the last two handed out, and a second rotation moves
            // one out); it takes the token that was rotated until a new one is used, so the
            // configured token is tried, and if it gets in the rotated one is forgotten
            // rather than sent, refused, for ever.
            // A rotated token that replaced another rotated one goes back to that one first:
            // after a completed rotation the configured token is retired.
            let now = self.store.token_for(configured)?;
            let replaced = self.store.replaced_token(configured)?;
            let retry = match (now != token, replaced) {
                (true, _) => now,
                (false, Some(replaced)) => replaced,
                (false, None) => configured.clone(),
            };
            tracing::warn!(
                configured = retry == *configured,
                "head office refused the rotated token; trying again"
            );
            let retried = again.bearer_auth(&retry).send().await.map_err(|e| self.unreachable(e))?;
            if retried.status().is_success() && retry == *configured {
                self.store.forget_rotated_token(&token)?;
                tracing::info!("the configured token was taken; the rotated one is forgotten");
            } else if retried.status().is_success() && self.store.token_for(configured)? == token {
                self.store.fall_back_to_replaced(&token)?;
                tracing::info!("the token the rotated one replaced was taken; it is sent again");
            }
            if retried.status() != reqwest::StatusCode::UNAUTHORIZED {
                (response, token) = (retried, retry);
            }
        }
        if response.status().is_success() && token != *configured {
            self.store.confirm_rotated_token(&token)?;
        }
        if response.status().is_success()
            && let Some(value) = response.headers().get(NEW_TOKEN_HEADER)
        {
            match value.to_str() {
                Ok(new) if new == token => {}
                Ok(new) if is_token_of_same_terminal(&token, new) => {
                    if self.store.keep_rotated_token(configured, &token, new)? {
                        tracing::info!(
                            "head office rotated this terminal's token: the new one is kept in the ledger file and sent from now on"
                        );
                    } else {
                        tracing::info!(
                            "a new token came for a token no longer in use; the newer one is kept"
                        );
                    }
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
