//! Setting a terminal up (`kasir init`, `kasir join`, the first-start screen) in the words of
//! whoever does it.

use kasir_core::Locale;

use super::{Explain, explain_error, pick};
use crate::app::enrol::EnrolError;
use crate::app::setup::{SetupError, ShopDetail};

impl Explain for ShopDetail {
    fn explain(&self, l: Locale) -> String {
        match self {
            ShopDetail::StoreCode => pick(l, "kode toko", "store code"),
            ShopDetail::StoreName => pick(l, "nama toko", "store name"),
            ShopDetail::Address => pick(l, "alamat", "address"),
            ShopDetail::Npwp => "NPWP",
        }
        .to_owned()
    }
}

impl Explain for SetupError {
    fn explain(&self, l: Locale) -> String {
        match self {
            SetupError::NoHome => pick(
                l,
                "Tidak ada direktori rumah untuk menyimpan ledger; berikan --data-dir",
                "No home directory to keep the ledger in; pass --data-dir",
            )
            .to_owned(),
            SetupError::Missing(what) => pick(
                l,
                format!("{} toko ini diperlukan untuk struknya", what.explain(l)),
                format!("The shop's {} is needed for its receipts", what.explain(l)),
            ),
            SetupError::ControlCharacter(what) => pick(
                l,
                format!(
                    "{} toko ini berisi karakter kendali (tab, ganti baris, …); tulis dalam satu baris",
                    what.explain(l)
                ),
                format!(
                    "The shop's {} holds a control character (a tab, a line break, …); give it on one line",
                    what.explain(l)
                ),
            ),
            SetupError::ConfigExists(path) => pick(
                l,
                format!(
                    "{} sudah ada; ubah bagian [store] di situ daripada memberi data toko lagi",
                    path.display()
                ),
                format!(
                    "{} exists already; edit its [store] instead of giving the shop's details again",
                    path.display()
                ),
            ),
            SetupError::LedgerExists(path) => pick(
                l,
                format!("Sudah ada ledger di {}", path.display()),
                format!("A ledger exists already at {}", path.display()),
            ),
            SetupError::OtherTerminal { ledger, ledger_is, config_says } => pick(
                l,
                format!(
                    "Ledger di {} milik {ledger_is}, sedangkan konfigurasi menyebut {config_says}; ledger tidak pernah berpindah terminal",
                    ledger.display()
                ),
                format!(
                    "The ledger at {} belongs to {ledger_is}, but the config says {config_says}; a ledger never changes terminal",
                    ledger.display()
                ),
            ),
            SetupError::OtherCurrency { ledger, ledger_is, config_says } => pick(
                l,
                format!(
                    "Ledger di {} memakai {ledger_is}, sedangkan konfigurasi menyebut {config_says}",
                    ledger.display()
                ),
                format!(
                    "The ledger at {} is in {ledger_is}, but the config says {config_says}",
                    ledger.display()
                ),
            ),
        }
    }
}

impl Explain for EnrolError {
    fn explain(&self, l: Locale) -> String {
        match self {
            EnrolError::AlreadyJoined { store, terminal, ledger } => pick(
                l,
                format!(
                    "Terminal ini sudah disiapkan sebagai {store}-{terminal} (ledgernya {}); sebuah terminal bergabung dengan kantor pusat hanya sekali, dengan direktori data sendiri",
                    ledger.display()
                ),
                format!(
                    "This terminal is already set up as {store}-{terminal} (its ledger is {}); a terminal joins head office only once, with a data directory of its own",
                    ledger.display()
                ),
            ),
            EnrolError::LedgerInTheWay { path, source } => pick(
                l,
                format!(
                    "{} sudah ada ({}); terminal bergabung dengan kantor pusat hanya dengan direktori data sendiri",
                    path.display(),
                    source.explain(l)
                ),
                format!(
                    "{} exists already ({}); a terminal joins head office only with a data directory of its own",
                    path.display(),
                    source.explain(l)
                ),
            ),
            EnrolError::BadUrl(url) => pick(
                l,
                format!("Alamat kantor pusat {url:?} harus diawali https:// atau http://"),
                format!("Head office's address {url:?} must start with https:// or http://"),
            ),
            EnrolError::NoCode => pick(
                l,
                "Kode pendaftaran kosong: masukkan kode yang dicetak `kasir-headoffice terminal add`, seperti K7QX-M2PA-9T",
                "No enrolment code: give the code `kasir-headoffice terminal add` printed, like K7QX-M2PA-9T",
            )
            .to_owned(),
            EnrolError::CaFile { path, source } => format!("--ca-file {}: {}", path.display(), source.explain(l)),
            EnrolError::DataDir { path, source } => pick(
                l,
                format!("Direktori data {} tidak bisa dibuat: {}", path.display(), source.explain(l)),
                format!("Creating the data directory {}: {}", path.display(), source.explain(l)),
            ),
            EnrolError::ReadConfig { path, source } => pick(
                l,
                format!("{} tidak bisa dibaca: {}", path.display(), source.explain(l)),
                format!("Reading {}: {}", path.display(), source.explain(l)),
            ),
            EnrolError::ConfigNotToml { path, source } => pick(
                l,
                format!("{} bukan TOML yang sah: {}", path.display(), source.message()),
                format!("{} is not valid TOML: {}", path.display(), source.message()),
            ),
            EnrolError::BadDetails(e) => pick(
                l,
                "Data toko ini dari kantor pusat tidak menghasilkan kasir.toml yang sah: ",
                "Head office's details for this store do not make a valid kasir.toml: ",
            )
            .to_owned()
                + &e.explain(l),
            EnrolError::WriteConfig { path, source } => pick(
                l,
                format!("{} tidak bisa ditulis: {}", path.display(), source.explain(l)),
                format!("Writing {}: {}", path.display(), source.explain(l)),
            ),
            EnrolError::Runtime(e) => pick(
                l,
                format!("Koneksi ke kantor pusat tidak bisa disiapkan: {}", e.explain(l)),
                format!("Starting the runtime to talk to head office: {}", e.explain(l)),
            ),
            EnrolError::Unreachable { url, detail } => pick(
                l,
                format!("Kantor pusat di {url} tidak bisa dihubungi: {}", detail.explain(l)),
                format!("Head office at {url} cannot be reached: {}", detail.explain(l)),
            ),
            EnrolError::NotAnEnrolment { url, source } => pick(
                l,
                format!("Jawaban kantor pusat di {url} atas pendaftaran ini tidak bisa dibaca: {}", source.explain(l)),
                format!(
                    "Head office at {url} answered the enrolment with something that is not one: {}",
                    source.explain(l)
                ),
            ),
            EnrolError::Refused(why) => pick(
                l,
                format!("Kantor pusat menolak pendaftaran ini: {why}"),
                format!("Head office refused the enrolment: {why}"),
            ),
            EnrolError::Answered { url, status } => pick(
                l,
                format!("Kantor pusat di {url} menjawab {status} atas pendaftaran ini (benarkah ini alamat kantor pusat?)"),
                format!("Head office at {url} answered {status} to the enrolment (is this head office's address?)"),
            ),
            EnrolError::NoHeadOffice => pick(
                l,
                "kasir.toml yang baru ditulis tidak menyebut kantor pusat",
                "The kasir.toml just written names no head office",
            )
            .to_owned(),
            EnrolError::Sync(e) => e.explain(l),
            EnrolError::Ledger(e) => e.explain(l),
            EnrolError::Users(e) => e.explain(l),
            EnrolError::Setup(e) => explain_error(e, l),
        }
    }
}
