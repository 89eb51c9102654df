//! Terminal tokens and how a request is authenticated, enrolment codes, and PIN hashes.
//!
//! A terminal token is `S01-T02.` followed by 64 hex digits: 256 bits from the operating
//! system's randomness. Head office keeps only its SHA-256 ([`hash_token`]) and checks a
//! request by hashing the token it brings and comparing the digests in constant time
//! ([`Authenticator`]). Why a fast, unsalted digest is right here, where a PIN needs argon2:
//!
//! - Argon2's slowness and salt defend a *guessable* secret (a PIN, a password) against a
//!   dictionary or brute-force search by whoever copies the database. A token has no
//!   dictionary: it is 256 uniformly random bits, so a stolen digest can only be inverted by
//!   breaking SHA-256's preimage resistance (2^256 work), and salting adds nothing because no
//!   two tokens are alike and no table of precomputed tokens can exist.
//! - The digest is compared with [`subtle::ConstantTimeEq`], so the time of a refusal does not
//!   say how many leading bytes of a guess were right.
//! - The row is looked up by the terminal code the token names (the primary key), never by the
//!   digest, and an unknown or revoked terminal is compared against a fixed dummy digest: the
//!   same work, one hash and two comparisons, whether or not the code exists.
//! - It costs microseconds, so a flood of wrong tokens costs head office almost nothing and no
//!   cache of verified tokens is needed: the stored row is read on every request, and a
//!   revocation by any server process on the same database holds from the next request.
//!
//! Tokens hashed with argon2id before version 8 are verified once with argon2 (limited to a
//! few at a time across the process, and one a second per claimed terminal, so wrong tokens
//! naming one terminal cannot take every turn) and then replaced by their digest. A `busy`
//! answer is paused and tallied like a refusal, so a flooder told busy cannot come straight back.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, phc::PasswordHash};
use kasir_core::chain::Origin;
use sha2::{Digest, Sha256};
use subtle::{Choice, ConstantTimeEq};
use thiserror::Error;
use tokio::sync::Semaphore;

use crate::auth_failures::FailureLog;
use crate::storage::{AuthFailureReason, SeenTip, Storage, StorageError, TerminalCredentials};

#[derive(Debug, Error)]
pub enum AuthError {
    #[error("no token: send `Authorization: Bearer <terminal token>`")]
    Missing,
    #[error("the token is not in the form S01-T01.<secret>")]
    Malformed,
    /// A wrong token, or a token of a terminal head office does not know: the same words, so
    /// that the answer does not tell which terminal codes exist.
    #[error("the token is not valid for terminal {terminal}")]
    Wrong { terminal: String, known: bool },
    #[error(
        "the token of terminal {0} was revoked by head office: this terminal syncs again only with a new \
         token from head office, set up by hand"
    )]
    Revoked(String),
    #[error("head office is busy checking tokens; try again in a second")]
    Busy,
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl AuthError {
    /// The API's error `code`: a stable word for programs.
    pub fn code(&self) -> &'static str {
        match self {
            AuthError::Revoked(_) => "revoked",
            AuthError::Busy => "busy",
            AuthError::Storage(_) => "unavailable",
            AuthError::Missing | AuthError::Malformed | AuthError::Wrong { .. } => "unauthorized",
        }
    }

    /// How a refusal is kept in `auth_failures`; `None` for what is not the caller's doing.
    pub fn failure_reason(&self) -> Option<AuthFailureReason> {
        match self {
            AuthError::Missing | AuthError::Malformed => Some(AuthFailureReason::Malformed),
            AuthError::Wrong { known: false, .. } => Some(AuthFailureReason::UnknownTerminal),
            AuthError::Wrong { known: true, .. } => Some(AuthFailureReason::WrongToken),
            AuthError::Revoked(_) => Some(AuthFailureReason::Revoked),
            // Paused and tallied like a refusal: a flooder answered busy at once would come
            // straight back, and take every turn from the terminal it names.
            AuthError::Busy => Some(AuthFailureReason::Busy),
            AuthError::Storage(_) => None,
        }
    }
}

/// A new random token for a terminal.
pub fn new_token(origin: &Origin) -> String {
    let mut secret = [0u8; 32];
    getrandom::fill(&mut secret).expect("the operating system provides randomness");
    format!("{}-{}.{}", origin.store, origin.terminal, hex::encode(secret))
}

/// What head office keeps of a terminal token: the hex SHA-256 of the whole token (see the
/// module's documentation for why that is enough).
pub fn hash_token(token: &str) -> String {
    hex::encode(token_digest(token))
}

fn token_digest(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// What an unknown terminal's token, or a missing pending token, is compared against: the
/// digest of text that is not a token (no token can match it, and none is ever accepted by it).
const DUMMY_DIGEST_OF: &str = "kasir: no terminal holds this";

/// Whether `digest` is the stored hex digest `stored`, in a time that depends on neither. A
/// missing or unreadable stored value is compared against the dummy and never matches.
fn digest_matches(digest: &[u8; 32], stored: Option<&str>) -> bool {
    let mut expected = token_digest(DUMMY_DIGEST_OF);
    let mut present = Choice::from(0);
    if let Some(h) = stored {
        if hex::decode_to_slice(h, &mut expected).is_ok() {
            present = Choice::from(1);
        } else {
            expected = token_digest(DUMMY_DIGEST_OF);
        }
    }
    bool::from(digest.ct_eq(&expected) & present)
}

/// An argon2 PHC string kept from before version 8 (a digest is 64 hex digits).
fn is_legacy_hash(stored: &str) -> bool {
    stored.starts_with("$argon2")
}

/// A user's PIN (4 to 8 digits) as the argon2id PHC string head office stores and terminals
/// check; the PIN itself is kept nowhere.
pub fn hash_pin(code: &str, pin: &str) -> Result<String, StorageError> {
    if !(4..=8).contains(&pin.len()) || !pin.chars().all(|c| c.is_ascii_digit()) {
        return Err(StorageError::Invalid(format!("the PIN of user {code} must be 4 to 8 digits")));
    }
    Argon2::default()
        .hash_password(pin.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| StorageError::Invalid(format!("cannot hash the PIN of user {code}: {e}")))
}

/// The letters of an enrolment code: no 0/O, 1/I to mistake for each other. 32 of them, so
/// each takes 5 bits of a random byte without bias.
pub const CODE_ALPHABET: &[u8; 32] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
/// Letters in an enrolment code: 50 bits of randomness.
pub const CODE_LENGTH: usize = 10;

/// A new one-time enrolment code from the operating system's randomness, grouped to be read
/// out and typed: `K7QX-M2PA-9T`.
pub fn new_enrolment_code() -> String {
    let mut bytes = [0u8; CODE_LENGTH];
    getrandom::fill(&mut bytes).expect("the operating system provides randomness");
    let mut code = String::with_capacity(CODE_LENGTH + 2);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 && i % 4 == 0 {
            code.push('-');
        }
        code.push(char::from(CODE_ALPHABET[usize::from(b & 31)]));
    }
    code
}

/// An enrolment code as typed, in its plain form (capitals, no dashes or spaces); `None` when
/// it cannot be one.
pub fn normalise_enrolment_code(typed: &str) -> Option<String> {
    let code: String =
        typed.chars().filter(|c| !c.is_whitespace() && *c != '-').map(|c| c.to_ascii_uppercase()).collect();
    let fits = code.len() == CODE_LENGTH && code.bytes().all(|b| CODE_ALPHABET.contains(&b));
    fits.then_some(code)
}

/// What head office keeps of an enrolment code: the hex SHA-256 of its plain form. A fast,
/// unsalted hash, so a code is found by an index lookup on its hash (no secret is compared in
/// program code, so no timing tells how much of a guess was right). That is enough for a
/// random 50-bit code that works once and for a day at most: guessing online is hopeless, and
/// an attacker would need a copy of head office's database within the code's day to search it
/// offline. A terminal's token is a SHA-256 too ([`hash_token`]), where 256 random bits make
/// even that offline search hopeless.
pub fn hash_enrolment_code(plain: &str) -> String {
    hex::encode(Sha256::digest(format!("kasir-enrolment-code:{plain}").as_bytes()))
}

/// The terminal a token claims to be, before it is checked: store and terminal codes of 1 to
/// 8 letters or digits (what head office registers), and 64 hex digits of secret.
pub fn claimed_origin(token: &str) -> Result<Origin, AuthError> {
    let (id, secret) = token.split_once('.').ok_or(AuthError::Malformed)?;
    let (store, terminal) = id.split_once('-').ok_or(AuthError::Malformed)?;
    let code = |s: &str| (1..=8).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric());
    if !code(store) || !code(terminal) || secret.len() != 64 || !secret.chars().all(|c| c.is_ascii_hexdigit())
    {
        return Err(AuthError::Malformed);
    }
    Ok(Origin { store: store.to_owned(), terminal: terminal.to_owned() })
}

fn cores() -> usize {
    std::thread::available_parallelism().map(usize::from).unwrap_or(1)
}

/// Argon2 checks at once: half the cores, at least one, so the rest keep serving.
fn legacy_turns(cores: usize) -> usize {
    (cores / 2).max(1)
}

/// One argon2 check of a token against a legacy PHC string.
struct LegacyCheck {
    token: String,
    phc: String,
    answer: tokio::sync::oneshot::Sender<bool>,
    _turn: tokio::sync::OwnedSemaphorePermit,
}

/// Threads of their own for argon2, each with its working memory allocated once and reused:
/// argon2 allocating 19 MiB per check on tokio's blocking pool left gigabytes with the
/// allocator (kept per thread, fragmented) after a flood.
struct LegacyWorkers {
    jobs: std::sync::mpsc::Sender<LegacyCheck>,
}

impl LegacyWorkers {
    fn start(threads: usize) -> LegacyWorkers {
        let (jobs, queue) = std::sync::mpsc::channel::<LegacyCheck>();
        let queue = Arc::new(std::sync::Mutex::new(queue));
        for i in 0..threads {
            let queue = queue.clone();
            let started = std::thread::Builder::new().name(format!("argon2-{i}")).spawn(move || {
                let mut memory = Vec::new();
                loop {
                    let job = queue.lock().unwrap_or_else(|p| p.into_inner()).recv();
                    // Every sender is gone: the authenticator was dropped.
                    let Ok(job) = job else { return };
                    let ok = verify_legacy_hash(&mut memory, job.token.as_bytes(), &job.phc);
                    let _ = job.answer.send(ok);
                }
            });
            if let Err(e) = started {
                tracing::error!(error = %e, "cannot start a thread for argon2 checks");
            }
        }
        LegacyWorkers { jobs }
    }
}

/// The most memory a legacy hash may ask argon2 for, in KiB: what head office wrote (19 MiB)
/// with room to spare; a stored hash asking for more is refused rather than allocated.
const LEGACY_MAX_KIB: u32 = 64 * 1024;

/// Whether `token` is the one an argon2 PHC string was made of, computed in `memory` (grown
/// to the hash's size once, then reused) and compared in constant time.
fn verify_legacy_hash(memory: &mut Vec<argon2::Block>, token: &[u8], phc: &str) -> bool {
    let Ok(hash) = PasswordHash::new(phc) else { return false };
    let (Ok(params), Ok(algorithm)) =
        (argon2::Params::try_from(&hash), argon2::Algorithm::try_from(hash.algorithm.as_str()))
    else {
        return false;
    };
    let version = match hash.version.map(argon2::Version::try_from).transpose() {
        Ok(v) => v.unwrap_or_default(),
        Err(_) => return false,
    };
    let (Some(salt), Some(expected)) = (&hash.salt, &hash.hash) else { return false };
    if params.m_cost() > LEGACY_MAX_KIB {
        return false;
    }
    if memory.len() < params.block_count() {
        memory.resize(params.block_count(), argon2::Block::default());
    }
    let mut out = vec![0u8; expected.as_bytes().len()];
    let argon2 = Argon2::new(algorithm, version, params.clone());
    let blocks = &mut memory[..params.block_count()];
    argon2.hash_password_into_with_memory(token, salt.as_ref(), &mut out, blocks).is_ok()
        && bool::from(out.ct_eq(expected.as_bytes()))
}

/// A terminal whose token was accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Authenticated {
    pub origin: Origin,
    /// Head office asked for a new token (`terminal rotate`) and the terminal came with its
    /// old one: a successful answer carries a new token ([`Authenticator::hand_out_new_token`]).
    pub rotation_due: bool,
    /// Its chain tip, read with the token (a push is planned on it).
    pub seen: SeenTip,
}

/// Token checks (a row read, a digest, two comparisons) at once: a flood of wrong tokens waits
/// its turn here, as cheap waiting tasks, instead of taking every database connection and a
/// thread each from the terminals that are pushing.
pub const CHECKS_AT_ONCE: usize = 8;
/// How long a request waits for its turn to be checked before it is answered `busy`.
pub const CHECK_WAIT: Duration = Duration::from_secs(2);
/// How long a refused token waits for its answer, at least. A client holding N connections can
/// then try at most N / 0.1 s tokens a second, and each waiting refusal costs head office a
/// timer, not CPU: a flood cannot take the cores the terminals' pushes need.
pub const REFUSAL_PAUSE: Duration = Duration::from_millis(100);
/// A random part of the pause, up to this, drawn anew for each refusal: the connections of a
/// flood that began together would otherwise come back together, every pause, as one burst.
/// It depends on nothing about the token, so it tells nothing either.
pub const REFUSAL_JITTER_MS: u32 = 20;
/// How long a request waits for a turn at argon2 before it is answered `busy`.
pub const LEGACY_WAIT: Duration = Duration::from_millis(250);
/// Argon2 checks for one claimed terminal from one address, at most one per this: wrong tokens
/// naming one legacy terminal cannot take every argon2 turn from the others, and are answered
/// `busy`; and a stranger's wrong tokens do not use up the turns of the terminal itself, which
/// comes from another address.
pub const LEGACY_PER_TERMINAL: Duration = Duration::from_secs(1);
/// Terminals remembered by [`LegacyPace`] before those whose interval is over are forgotten.
const LEGACY_PACE_KEPT: usize = 1024;

/// When each claimed terminal last had an argon2 check. Only terminals that still have a legacy
/// hash get here (an unknown code never reaches argon2), and entries older than
/// [`LEGACY_PER_TERMINAL`] are dropped once there are many, so it stays small.
#[derive(Default)]
struct LegacyPace {
    last: std::collections::HashMap<String, std::time::Instant>,
}

impl LegacyPace {
    /// Whether `terminal` may have an argon2 check at `now`; if so, its turn is taken.
    fn admit(&mut self, terminal: &str, now: std::time::Instant) -> bool {
        let recent = |at: &std::time::Instant| now.saturating_duration_since(*at) < LEGACY_PER_TERMINAL;
        if self.last.get(terminal).is_some_and(recent) {
            return false;
        }
        if self.last.len() >= LEGACY_PACE_KEPT {
            self.last.retain(|_, at| recent(at));
        }
        self.last.insert(terminal.to_owned(), now);
        true
    }
}

/// What a `busy` answer's `Retry-After` says, in seconds.
pub const RETRY_AFTER_SECONDS: u64 = 1;

/// Checks terminal tokens against the stored row, on every request, and keeps a tally of the
/// failures ([`FailureLog`]).
pub struct Authenticator {
    storage: Arc<dyn Storage>,
    /// Turns at checking a token ([`CHECKS_AT_ONCE`]).
    checks: Semaphore,
    /// Turns at argon2 for legacy hashes: argon2 takes 19 MiB and tens of milliseconds a
    /// check, so at most half the cores do it at once (at least one), whatever arrives.
    legacy: Arc<Semaphore>,
    /// The threads that run it, one per turn, started on first use.
    legacy_workers: std::sync::OnceLock<LegacyWorkers>,
    /// Argon2 checks per claimed terminal ([`LEGACY_PER_TERMINAL`]).
    legacy_pace: std::sync::Mutex<LegacyPace>,
    failures: FailureLog,
}

impl Authenticator {
    pub fn new(storage: Arc<dyn Storage>) -> Authenticator {
        Authenticator {
            failures: FailureLog::new(storage.clone()),
            storage,
            checks: Semaphore::new(CHECKS_AT_ONCE),
            legacy: Arc::new(Semaphore::new(legacy_turns(cores()))),
            legacy_workers: std::sync::OnceLock::new(),
            legacy_pace: std::sync::Mutex::default(),
        }
    }

    /// The terminal `token` (from `Authorization: Bearer …`, `None` when there was none)
    /// belongs to; a refusal is tallied with the address it came from. The token itself is
    /// never logged or kept.
    pub async fn authenticate(
        &self,
        token: Option<&str>,
        remote: Option<IpAddr>,
    ) -> Result<Authenticated, AuthError> {
        let outcome = match token {
            None => Err(AuthError::Missing),
            Some(t) => self.check(t, remote).await,
        };
        if let Err(e) = &outcome
            && let Some(reason) = e.failure_reason()
        {
            let claimed = token.and_then(|t| claimed_origin(t).ok());
            self.failures.record(claimed.as_ref(), reason, remote);
            let jitter = getrandom::u32().unwrap_or(0) % (REFUSAL_JITTER_MS + 1);
            tokio::time::sleep(REFUSAL_PAUSE + Duration::from_millis(u64::from(jitter))).await;
        }
        outcome
    }

    async fn check(&self, token: &str, remote: Option<IpAddr>) -> Result<Authenticated, AuthError> {
        let origin = claimed_origin(token)?;
        let digest = token_digest(token);
        let terminal = format!("{}-{}", origin.store, origin.terminal);
        // Twice at most: a pending token that another request made current meanwhile is
        // judged again against the row as it is now.
        for _ in 0..2 {
            let stored = {
                // The turn covers the row read; argon2 has turns of its own.
                let Ok(Ok(_turn)) = tokio::time::timeout(CHECK_WAIT, self.checks.acquire()).await else {
                    return Err(AuthError::Busy);
                };
                self.storage.credentials(&origin.store, &origin.terminal).await?
            };
            let Some(c) = stored else {
                // The same work as for a known terminal, so time does not tell codes apart.
                std::hint::black_box(digest_matches(&digest, None) | digest_matches(&digest, None));
                return Err(AuthError::Wrong { terminal, known: false });
            };
            // Either token handed out during the rotation (see rows::SET_PENDING_TOKEN).
            let latest = digest_matches(&digest, c.pending_token_hash.as_deref());
            let pending = latest | digest_matches(&digest, c.previous_pending_token_hash.as_deref());
            let current = if pending {
                // No argon2 turn for a token that is already known to be one handed out.
                false
            } else if is_legacy_hash(&c.token_hash) {
                self.verify_legacy(token, &origin, &c, &digest, remote).await?
            } else {
                digest_matches(&digest, Some(&c.token_hash))
            };
            if c.revoked {
                return Err(if current || pending {
                    AuthError::Revoked(terminal)
                } else {
                    AuthError::Wrong { terminal, known: true }
                });
            }
            if current {
                return Ok(Authenticated { origin, rotation_due: c.rotation_requested, seen: c.seen });
            }
            if !pending {
                return Err(AuthError::Wrong { terminal, known: true });
            }
            // The first use of the new token: it becomes the terminal's and the old one stops.
            if self.storage.promote_pending_token(&origin, &hex::encode(digest)).await? {
                tracing::info!(store = %origin.store, terminal = %origin.terminal, "terminal uses its new token");
                // The previous one does not end the rotation (rows::PROMOTE_PENDING_TOKEN).
                return Ok(Authenticated { origin, rotation_due: !latest, seen: c.seen });
            }
        }
        Err(AuthError::Wrong { terminal, known: true })
    }

    /// Checks a token against a hash kept from before version 8, with argon2, and replaces the
    /// hash by the token's digest when it matches (and the terminal is not revoked).
    async fn verify_legacy(
        &self,
        token: &str,
        origin: &Origin,
        stored: &TerminalCredentials,
        digest: &[u8; 32],
        remote: Option<IpAddr>,
    ) -> Result<bool, AuthError> {
        let from = remote.map(|a| a.to_string()).unwrap_or_default();
        let terminal = format!("{}-{} from {from}", origin.store, origin.terminal);
        if !self
            .legacy_pace
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .admit(&terminal, std::time::Instant::now())
        {
            return Err(AuthError::Busy);
        }
        let permit = match tokio::time::timeout(LEGACY_WAIT, self.legacy.clone().acquire_owned()).await {
            Ok(Ok(permit)) => permit,
            _ => return Err(AuthError::Busy),
        };
        let (answer, ok) = tokio::sync::oneshot::channel();
        let workers = self.legacy_workers.get_or_init(|| LegacyWorkers::start(legacy_turns(cores())));
        // The permit goes with the work: a caller that hangs up does not free a turn early.
        let job =
            LegacyCheck { token: token.to_owned(), phc: stored.token_hash.clone(), answer, _turn: permit };
        let ok = workers.jobs.send(job).is_ok() && ok.await.unwrap_or(false);
        if ok && !stored.revoked {
            self.storage.upgrade_token_hash(origin, &stored.token_hash, &hex::encode(digest)).await?;
            tracing::info!(store = %origin.store, terminal = %origin.terminal, "terminal token upgraded from argon2 to its digest");
        }
        Ok(ok)
    }

    /// A new token for a terminal whose rotation is due, kept (as its digest) as the pending
    /// one, the one handed out before it still acceptable; `None` when head office no longer
    /// asks for one.
    pub async fn hand_out_new_token(&self, origin: &Origin) -> Result<Option<String>, StorageError> {
        let token = new_token(origin);
        Ok(self.storage.set_pending_token(origin, &hash_token(&token)).await?.then_some(token))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_names_its_terminal() {
        let o = Origin { store: "S01".into(), terminal: "T02".into() };
        let t = new_token(&o);
        assert!(t.starts_with("S01-T02."));
        assert_eq!(claimed_origin(&t).unwrap(), o);
        assert_ne!(new_token(&o), t, "tokens are random");
        assert!(matches!(claimed_origin("S01-T02.short"), Err(AuthError::Malformed)));
        assert!(matches!(claimed_origin("nonsense"), Err(AuthError::Malformed)));
        let not_hex = format!("S01-T02.{}", "g".repeat(64));
        let long_code = format!("S01-T123456789.{}", "0".repeat(64));
        for bad in [not_hex, long_code] {
            assert!(matches!(claimed_origin(&bad), Err(AuthError::Malformed)), "{bad}");
        }
    }

    #[test]
    fn a_token_is_kept_as_its_digest_and_matched_only_by_itself() {
        let o = Origin { store: "S01".into(), terminal: "T02".into() };
        let (t, other) = (new_token(&o), new_token(&o));
        let h = hash_token(&t);
        assert_eq!(h.len(), 64);
        assert!(!h.contains(&t[8..]));
        assert!(digest_matches(&token_digest(&t), Some(&h)));
        assert!(!digest_matches(&token_digest(&other), Some(&h)));
        // Nothing stored, or nothing readable: the dummy is compared and never matches, not
        // even the text it is the digest of.
        for stored in [None, Some("not hex"), Some("")] {
            assert!(!digest_matches(&token_digest(&t), stored));
            assert!(!digest_matches(&token_digest(DUMMY_DIGEST_OF), stored));
        }
    }

    #[test]
    fn a_legacy_argon2_hash_verifies_its_token_only() {
        let o = Origin { store: "S01".into(), terminal: "T02".into() };
        let t = new_token(&o);
        let phc = Argon2::default().hash_password(t.as_bytes()).unwrap().to_string();
        let mut memory = Vec::new();
        assert!(verify_legacy_hash(&mut memory, t.as_bytes(), &phc));
        assert!(!verify_legacy_hash(&mut memory, new_token(&o).as_bytes(), &phc));
        assert!(!verify_legacy_hash(&mut memory, t.as_bytes(), "$argon2id$garbage"));
        // Memory is kept for the next check, not allocated again.
        let kept = memory.len();
        assert!(kept > 0 && verify_legacy_hash(&mut memory, t.as_bytes(), &phc) && memory.len() == kept);
    }

    #[test]
    fn argon2_checks_are_paced_per_claimed_terminal() {
        let mut pace = LegacyPace::default();
        let t0 = std::time::Instant::now();
        assert!(pace.admit("S01-T01", t0));
        assert!(!pace.admit("S01-T01", t0 + LEGACY_PER_TERMINAL / 2), "a second check within the interval");
        assert!(pace.admit("S01-T02", t0 + LEGACY_PER_TERMINAL / 2), "another terminal is not held up");
        assert!(pace.admit("S01-T01", t0 + LEGACY_PER_TERMINAL), "the next interval");
        // Many terminals: those whose interval is over are forgotten, the recent ones kept.
        let later = t0 + LEGACY_PER_TERMINAL * 3;
        for i in 0..LEGACY_PACE_KEPT {
            assert!(pace.admit(&format!("S02-X{i}"), later));
        }
        assert!(pace.admit("S03-T01", later));
        assert!(pace.last.len() <= LEGACY_PACE_KEPT + 1, "{}", pace.last.len());
        assert!(!pace.admit("S02-X0", later), "a recent one is kept");
    }

    #[test]
    fn busy_is_paused_and_tallied_like_a_refusal() {
        assert_eq!(AuthError::Busy.failure_reason(), Some(AuthFailureReason::Busy));
        assert_eq!(AuthError::Storage(StorageError::Invalid("x".into())).failure_reason(), None);
    }

    #[test]
    fn enrolment_codes_are_short_unambiguous_and_read_back_however_typed() {
        let code = new_enrolment_code();
        assert_eq!(code.len(), 12, "{code}");
        assert_eq!(code.matches('-').count(), 2, "{code}");
        let plain = normalise_enrolment_code(&code).unwrap();
        assert_eq!(plain, code.replace('-', ""));
        assert_eq!(normalise_enrolment_code(&format!(" {} ", code.to_lowercase())).unwrap(), plain);
        assert_ne!(new_enrolment_code(), code, "codes are random");
        for bad in ["", "K7QX-M2PA-9", "K7QX-M2PA-9T1", "K7QX-M2PA-0T", "K7QX-M2PA-IT", "K7QX-M2PA-9Ü"] {
            assert_eq!(normalise_enrolment_code(bad), None, "{bad}");
        }
        let h = hash_enrolment_code(&plain);
        assert_eq!(h.len(), 64);
        assert!(!h.contains(&plain));
    }

    #[test]
    fn a_pin_is_four_to_eight_digits_and_kept_only_as_its_hash() {
        let h = hash_pin("K03", "3333").unwrap();
        assert!(h.starts_with("$argon2id$") && !h.contains("3333"), "{h}");
        crate::storage::check_pin_hash("K03", &h).unwrap();
        for bad in ["333", "123456789", "12a4", ""] {
            let e = hash_pin("K03", bad).unwrap_err().to_string();
            assert!(e.contains("PIN of user K03 must be 4 to 8 digits"), "{bad}: {e}");
        }
        assert!(crate::storage::check_pin_hash("K03", "3333").is_err());
    }
}
