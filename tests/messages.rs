//! Every message a cashier or a manager can read has both languages, and the Indonesian one
//! is Indonesian: one sample of every variant of every error enum (an exhaustive `match`
//! proves each variant has one, so a new variant without a sample does not build), every
//! entry of every `catalogue!` enum, and every line the commands print.

use std::collections::BTreeSet;
use std::path::PathBuf;

use chrono::NaiveDate;
use kasir::app::config::ConfigError;
use kasir::app::enrol::EnrolError;
use kasir::app::setup::{SetupError, ShopDetail};
use kasir::cli::{CliError, Script, WindowProblem};
use kasir::devices::drawer::DrawerError;
use kasir::devices::printing::PrintError;
use kasir::messages::devices::{DeviceSays, DeviceText, DrawerSays};
use kasir::messages::reports::{ReportSaid, ReportText};
use kasir::messages::sync::SyncSays;
use kasir::messages::{CliSays, CliText, CloseFigure, Explain, Locale, Said, Text};
use kasir::reports::{DayError, ReportError, SaveError};
use kasir::sale::checkout::{SellError, StockShort};
use kasir::sale::exchange::ExchangeError;
use kasir::sale::returns::{ReturnFlowError, Shape};
use kasir::sale::shift::ShiftError;
use kasir::store::catalogue::LookupError;
use kasir::store::catalogue::import::ImportError;
use kasir::store::parked::ParkError;
use kasir::store::users::UserError;
use kasir::store::{DocKind, LedgerError, Mismatch, Refusal, VerifyProblem};
use kasir::sync::{LinkFailure, SyncError};
use kasir_core::barcode::BarcodeError;
use kasir_core::catalogue_csv::{CsvError, RowError, RowProblem};
use kasir_core::chain::{ChainError, ChainProblem};
use kasir_core::limits::LimitError;
use kasir_core::money::MoneyError;
use kasir_core::policy::{Action, PermissionError, Role};
use kasir_core::quantity::QuantityError;
use kasir_core::returns::ReturnError;
use kasir_core::shift::CountError;
use kasir_core::tax::{DppError, TaxRateError};
use kasir_core::tender::PaymentError;
use kasir_core::{CartError, Currency, Money, Quantity, TenderKind};
use kasir_drivers::{Device, DeviceError, DeviceKind, Fault};
use rust_decimal::Decimal;

/// Words that are the same in both languages: a whole message may be only these.
const SAME_IN_BOTH: [&str; 7] = ["OK", "PIN", "QRIS", "supervisor", "printer", "Total", "Subtotal"];

/// English words that must not appear in an Indonesian message (whole words, any case).
const ENGLISH: [&str; 14] = [
    "the", "not", "no", "wrong", "is", "failed", "cannot", "please", "must", "should", "already", "and",
    "with", "found",
];

/// Stands for words a variant carries from elsewhere as they are (an operating system's or
/// SQLite's text, head office's answer, a check's reason written where it is made). Each
/// such variant is sampled with this, and its message must still carry it in both languages.
const DETAIL: &str = "‹rincian›";

/// Variants that are nothing but words from elsewhere (a device setting's own words, from
/// the config's checks; a link failure the system named in its own words): the same in both
/// languages until those words are typed too.
const ONLY_A_DETAIL: [&str; 2] = ["Fault::Setting", "LinkFailure::Other"];

/// One message in both languages, named for the failure report.
struct Sample {
    name: String,
    id: String,
    en: String,
}

fn said(name: impl Into<String>, what: &dyn Explain) -> Sample {
    Sample { name: name.into(), id: what.explain(Locale::Id), en: what.explain(Locale::En) }
}

/// The samples of one enum, after proving with an exhaustive `match` that every variant
/// has one.
macro_rules! every {
    ($ty:ident { $($variant:ident),* $(,)? } = $samples:expr) => {{
        let samples: Vec<$ty> = $samples;
        let seen: BTreeSet<&str> = samples
            .iter()
            .map(|s| match s {
                $($ty::$variant { .. } => stringify!($variant),)*
            })
            .collect();
        for variant in [$(stringify!($variant)),*] {
            assert!(seen.contains(variant), "{}::{variant} has no sample", stringify!($ty));
        }
        samples
            .iter()
            .map(|s| said(format!("{}::{:?}", stringify!($ty), s), s))
            .collect::<Vec<Sample>>()
    }};
}

fn idr(minor: i64) -> Money {
    Money::from_minor(minor, Currency::IDR)
}

fn q(text: &str) -> Quantity {
    Quantity::from_decimal(text.parse().unwrap()).unwrap()
}

fn io(kind: std::io::ErrorKind) -> std::io::Error {
    std::io::Error::from(kind)
}

/// SQLite's "database is locked", as a busy ledger file gives it.
fn busy() -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(5), None)
}

fn bad_json() -> serde_json::Error {
    serde_json::from_str::<serde_json::Value>("{\"cashier\": ").unwrap_err()
}

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn core_errors() -> Vec<Sample> {
    let mut out = every!(
        CartError {
            NonPositiveQuantity,
            FractionalPieces,
            NegativePrice,
            BadPercent,
            NegativeDiscount,
            TooPrecise,
            Limit,
            NoSuchLine
        } = vec![
            CartError::NonPositiveQuantity(q("0")),
            CartError::FractionalPieces("Indomie Goreng".into(), q("1.5")),
            CartError::NegativePrice(Decimal::new(-3500, 0)),
            CartError::BadPercent(Decimal::new(120, 0)),
            CartError::NegativeDiscount(Decimal::new(-500, 0)),
            CartError::TooPrecise(Decimal::new(35005, 1), "IDR"),
            CartError::Limit(LimitError::SaleAmount {
                total: idr(600_000_000),
                max: idr(500_000_000).amount()
            }),
            CartError::NoSuchLine(7),
        ]
    );
    out.extend(every!(
        LimitError { Quantity, LineAmount, SaleAmount } = vec![
            LimitError::Quantity {
                product: Some("Aqua 600 ml".into()),
                asked: Decimal::new(999_999, 0),
                max: q("9999"),
                by_weight: false
            },
            LimitError::Quantity {
                product: None,
                asked: Decimal::new(99_999_999, 0),
                max: q("9999"),
                by_weight: false
            },
            LimitError::Quantity {
                product: Some("Beras".into()),
                asked: Decimal::new(1500, 0),
                max: q("999"),
                by_weight: true
            },
            LimitError::LineAmount {
                product: "Beras".into(),
                amount: idr(150_000_000),
                max: idr(100_000_000).amount()
            },
            LimitError::SaleAmount { total: idr(600_000_000), max: idr(500_000_000).amount() },
        ]
    ));
    out.extend(every!(
        QuantityError { TooPrecise, OutOfRange, NotANumber } = vec![
            QuantityError::TooPrecise("1.2345".into()),
            QuantityError::OutOfRange("99999999999999".into()),
            QuantityError::NotANumber("dua".into()),
        ]
    ));
    out.extend(every!(
        MoneyError { NotANumber, TooManyDecimals, TooLarge } = vec![
            MoneyError::NotANumber("lima ribu".into()),
            MoneyError::TooManyDecimals { value: "3500.5".into(), currency: "IDR", allowed: 0 },
            MoneyError::TooManyDecimals { value: "1.995".into(), currency: "USD", allowed: 2 },
            MoneyError::TooLarge("1e30".into()),
        ]
    ));
    out.extend(every!(
        PaymentError { NonPositiveTender, Underpaid, NonCashExceedsDue, CashNotNeeded, WrongCurrency } = vec![
            PaymentError::NonPositiveTender { index: 0, kind: "card" },
            PaymentError::Underpaid { remaining: idr(160_050) },
            PaymentError::NonCashExceedsDue { non_cash: idr(200_000), due: idr(160_050) },
            PaymentError::CashNotNeeded,
            PaymentError::WrongCurrency { index: 1, found: "USD", expected: "IDR" },
        ]
    ));
    let rows = vec![RowError { line: 2, reason: RowProblem::EmptyName }];
    out.extend(every!(
        RowProblem {
            UnknownColumn,
            RepeatedColumn,
            MissingColumn,
            EmptySku,
            ControlCharacter,
            BadSku,
            EmptyName,
            NegativePrice,
            BadPrice,
            UnknownTaxClass,
            NotAFlag,
            WeightKeyNotByWeight,
            Barcode,
            VariableMeasurePrefix,
            SkuTwice,
            BarcodeTwice,
            BarcodeTaken
        } = vec![
            RowProblem::UnknownColumn("harga".into()),
            RowProblem::RepeatedColumn("sku".into()),
            RowProblem::MissingColumn("price"),
            RowProblem::EmptySku,
            RowProblem::ControlCharacter { column: "name", value: "Kopi\0Susu".into() },
            RowProblem::BadSku("MIE|001".into()),
            RowProblem::EmptyName,
            RowProblem::NegativePrice("-3500".into()),
            RowProblem::BadPrice(MoneyError::NotANumber("abc".into())),
            RowProblem::UnknownTaxClass { class: "GST".into(), known: vec!["BEBAS".into(), "PPN".into()] },
            RowProblem::NotAFlag { column: "active", value: "mungkin".into() },
            RowProblem::WeightKeyNotByWeight("2000123".into()),
            RowProblem::Barcode(BarcodeError::BadLength("89910021".into(), 9)),
            RowProblem::VariableMeasurePrefix { code: "2000123012345".into(), key: "2000123".into() },
            RowProblem::SkuTwice { sku: "MIE-001".into(), first: 2 },
            RowProblem::BarcodeTwice { code: "8991002101234".into(), first: 2, other: "MIE-001".into() },
            RowProblem::BarcodeTaken { code: "8991002101234".into(), owner: "MIE-001".into() },
        ]
    ));
    out.extend(every!(
        CsvError { BadRows, Empty, Csv } =
            vec![CsvError::BadRows(rows), CsvError::Empty, CsvError::Csv(DETAIL.into()),]
    ));
    out.extend(every!(TaxRateError { Invalid } = vec![TaxRateError::Invalid("111".into())]));
    out.extend(every!(DppError { Invalid } = vec![DppError::Invalid("13/12".into())]));
    out.extend(every!(
        CountError { UnknownDenomination, Repeated } = vec![
            CountError::UnknownDenomination {
                value: 75_000,
                currency: "IDR",
                known: "100000, 50000, 20000".into()
            },
            CountError::Repeated { value: 50_000 },
        ]
    ));
    out.extend(every!(
        ReturnError { NoSuchLine, NonPositive, Repeated, TooMuch, FractionalPieces, Nothing } = vec![
            ReturnError::NoSuchLine { receipt: "S01-T01-000002".into(), line_no: 4 },
            ReturnError::NonPositive { line_no: 1 },
            ReturnError::Repeated { line_no: 1 },
            ReturnError::TooMuch { line_no: 1, name: "Indomie Goreng".into(), asked: q("3"), left: q("2") },
            ReturnError::FractionalPieces { line_no: 1, name: "Indomie Goreng".into(), asked: q("0.5") },
            ReturnError::Nothing,
        ]
    ));
    out.extend(every!(
        BarcodeError { Empty, NotDigits, BadLength, BadCheckDigit } = vec![
            BarcodeError::Empty,
            BarcodeError::NotDigits("89910A2".into()),
            BarcodeError::BadLength("89910021".into(), 9),
            BarcodeError::BadCheckDigit { code: "8991002101235".into(), found: 5, expected: 4 },
        ]
    ));
    out.extend(every!(
        PermissionError { UnknownAction, UnknownRole } = vec![
            PermissionError::UnknownAction("refund".into()),
            PermissionError::UnknownRole { key: "cash_out".into(), role: "boss".into() },
        ]
    ));
    out.extend(every!(
        ChainProblem {
            Unreadable,
            NotCanonical,
            HashMismatch,
            BrokenLink,
            SequenceGap,
            GrandTotal,
            WrongOrigin,
            ReceiptNumber
        } = vec![
            ChainProblem::Unreadable(DETAIL.into()),
            ChainProblem::NotCanonical,
            ChainProblem::HashMismatch { stored: "ab12".into(), computed: "cd34".into() },
            ChainProblem::BrokenLink { expected: "ab12".into(), found: "cd34".into() },
            ChainProblem::SequenceGap { previous: 11, found: 13 },
            ChainProblem::GrandTotal { expected: 77_950, found: 77_000 },
            ChainProblem::WrongOrigin { expected: "S01-T01".into(), found: "S01-T02".into() },
            ChainProblem::ReceiptNumber { expected: "S01-T01-000012".into(), found: "S01-T01-000013".into() },
        ]
    ));
    out
}

/// Every refusal of the ledger's rules, each inside the ledger error that carries it.
fn refusals() -> Vec<Sample> {
    let r = |receipt: &str| receipt.to_owned();
    let mut out = every!(
        DocKind { Sale, Void, Cancel, NoSale, CashIn, CashOut, Return, ShiftOpen, ShiftClose, DayClose } = vec![
            DocKind::Sale,
            DocKind::Void,
            DocKind::Cancel,
            DocKind::NoSale,
            DocKind::CashIn,
            DocKind::CashOut,
            DocKind::Return,
            DocKind::ShiftOpen,
            DocKind::ShiftClose,
            DocKind::DayClose,
        ]
    );
    let refusals = every!(
        Refusal {
            NoShiftOpen,
            NoDocument,
            NoReceipt,
            NotASale,
            ReceiptNotASale,
            AlreadyVoided,
            PartlyReturned,
            ShiftStillOpen,
            NextShift,
            NoShiftToClose,
            OtherShift,
            ShiftFigures,
            ShiftOpenAtZ,
            NextZ,
            DayClosed,
            ZFigures,
            NoNextDay,
            ExchangeCredit,
            ReturnReason,
            NoReceiptApproval,
            NotFetched,
            NoSaleToReturn,
            NotThatSale,
            SaleVoided,
            Return,
            ReturnAmounts,
            CopyHash,
            CopyUnreadable,
            OtherStore,
            ReturnedUnreadable,
            SentHash,
            SentUnreadable,
            SentOther,
            ReturnedUnkept,
            UnknownTender,
            Missing,
            RequestNotASale,
            RequestNotAReturn,
            RequestNotAnExchange,
            NotAnExchange
        } = vec![
            Refusal::NoShiftOpen(DocKind::Sale),
            Refusal::NoShiftOpen(DocKind::NoSale),
            Refusal::NoDocument(12),
            Refusal::NoReceipt(r("S01-T01-000099")),
            Refusal::NotASale { seq: 12, kind: DocKind::CashIn },
            Refusal::ReceiptNotASale { receipt: r("S01-T01-000004"), kind: DocKind::Return },
            Refusal::AlreadyVoided(r("S01-T01-000003")),
            Refusal::PartlyReturned(r("S01-T01-000003")),
            Refusal::ShiftStillOpen(2),
            Refusal::NextShift { next: 3, given: 5 },
            Refusal::NoShiftToClose,
            Refusal::OtherShift { open: 3, given: 2 },
            Refusal::ShiftFigures,
            Refusal::ShiftOpenAtZ(2),
            Refusal::NextZ { next: 4, given: 6 },
            Refusal::DayClosed(r("2026-11-22")),
            Refusal::ZFigures,
            Refusal::NoNextDay(NaiveDate::MAX),
            Refusal::ExchangeCredit,
            Refusal::ReturnReason,
            Refusal::NoReceiptApproval,
            Refusal::NotFetched(r("S01-T02-000004")),
            Refusal::NoSaleToReturn(r("S01-T01-000099")),
            Refusal::NotThatSale { seq: 12, hash: None, receipt: r("S01-T01-000012") },
            Refusal::NotThatSale { seq: 40, hash: Some("9f2c…".into()), receipt: r("S01-T02-000040") },
            Refusal::SaleVoided(r("S01-T01-000005")),
            Refusal::Return(ReturnError::Nothing),
            Refusal::ReturnAmounts,
            Refusal::CopyHash(r("S01-T02-000004")),
            Refusal::CopyUnreadable { receipt: r("S01-T02-000004"), source: bad_json() },
            Refusal::OtherStore { receipt: r("S02-T01-000004"), store: r("S02") },
            Refusal::ReturnedUnreadable { receipt: r("S01-T02-000004"), source: bad_json() },
            Refusal::SentHash(r("S01-T02-000004")),
            Refusal::SentUnreadable { receipt: r("S01-T02-000004"), source: bad_json() },
            Refusal::SentOther(r("S01-T02-000004")),
            Refusal::ReturnedUnkept { receipt: r("S01-T02-000004"), source: bad_json() },
            Refusal::UnknownTender(r("cheque")),
            Refusal::Missing(12),
            Refusal::RequestNotASale(DocKind::Return),
            Refusal::RequestNotAReturn(DocKind::Sale),
            Refusal::RequestNotAnExchange(DocKind::Sale),
            Refusal::NotAnExchange(12),
        ]
    );
    out.extend(refusals);
    out
}

/// Everything `kasir ledger verify` can find, as the manager reads it.
fn verify_problems() -> Vec<Sample> {
    let mut out = every!(
        VerifyProblem { Chain, Document, Stray, Unreadable, Shifts, DayCloses } = vec![
            VerifyProblem::Chain(ChainError {
                seq: 12,
                receipt: "S01-T01-000012".into(),
                problem: ChainProblem::SequenceGap { previous: 10, found: 12 },
            }),
            VerifyProblem::Document {
                seq: 12,
                receipt: "S01-T01-000012".into(),
                what: Mismatch::Rows("sale_lines"),
            },
            VerifyProblem::Stray { table: "payments", seq: 40 },
            VerifyProblem::Unreadable { table: "payments", detail: DETAIL.into() },
            VerifyProblem::Shifts,
            VerifyProblem::DayCloses,
        ]
    );
    out.extend(every!(
        Mismatch { Columns, Rows, Unclaimed, Unreadable } = vec![
            Mismatch::Columns,
            Mismatch::Rows("approvals"),
            Mismatch::Unclaimed { table: "return_lines", seq: 11 },
            Mismatch::Unreadable { table: "sale_lines", detail: DETAIL.into() },
        ]
    ));
    out
}

fn store_errors() -> Vec<Sample> {
    let mut out = every!(
        LedgerError {
            NotInitialised,
            AlreadyExists,
            Open,
            SchemaTooNew,
            Migration,
            UnknownCurrency,
            Refused,
            Corrupt,
            Duplicate,
            FeedChange,
            Sqlite
        } = vec![
            LedgerError::NotInitialised("/var/lib/kasir/ledger.sqlite".into()),
            LedgerError::AlreadyExists("/var/lib/kasir/ledger.sqlite".into()),
            LedgerError::Open { path: "/var/lib/kasir/ledger.sqlite".into(), source: busy() },
            LedgerError::SchemaTooNew { found: 14, known: 12 },
            LedgerError::Migration { name: "0007_parked", source: busy() },
            LedgerError::UnknownCurrency("XYZ".into()),
            LedgerError::Refused(Refusal::AlreadyVoided("S01-T01-000003".into())),
            LedgerError::Corrupt { seq: 12, reason: DETAIL.into() },
            LedgerError::Duplicate { request_id: "req-7".into(), seq: 12 },
            LedgerError::FeedChange { number: 40, message: DETAIL.into() },
            LedgerError::Sqlite(busy()),
        ]
    );
    out.extend(refusals());
    out.extend(verify_problems());
    out.extend(every!(
        UserError {
            Unknown,
            WrongPin,
            LockedOut,
            NotManager,
            MayNotApprove,
            BadPin,
            BadCode,
            NameControlCharacter,
            Exists,
            CorruptRole,
            Sqlite
        } = vec![
            UserError::Unknown("K99".into()),
            UserError::WrongPin("K01".into()),
            UserError::LockedOut { code: "K01".into(), seconds: 20 },
            UserError::NotManager { code: "K01".into(), name: "Budi Santoso".into() },
            UserError::MayNotApprove {
                code: "K01".into(),
                name: "Budi Santoso".into(),
                action: "price_override",
                least: "manager"
            },
            UserError::BadPin,
            UserError::BadCode("K 01".into()),
            UserError::NameControlCharacter("K03".into()),
            UserError::Exists("K01".into()),
            UserError::CorruptRole { code: "K01".into(), role: "boss".into() },
            UserError::Sqlite(busy()),
        ]
    ));
    out.extend(every!(
        LookupError { BadBarcode, UnknownBarcode, UnknownSku, Inactive, Sqlite } = vec![
            LookupError::BadBarcode(BarcodeError::Empty),
            LookupError::UnknownBarcode("8991002101999".into()),
            LookupError::UnknownSku("MIE-999".into()),
            LookupError::Inactive { sku: "MIE-001".into(), name: "Indomie Goreng".into() },
            LookupError::Sqlite(busy()),
        ]
    ));
    out.extend(every!(
        ImportError { BadRows, Empty, Csv, Sqlite } = vec![
            ImportError::BadRows(vec![RowError {
                line: 3,
                reason: RowProblem::SkuTwice { sku: "MIE-001".into(), first: 2 }
            }]),
            ImportError::Empty,
            ImportError::Csv(DETAIL.into()),
            ImportError::Sqlite(busy()),
        ]
    ));
    out.extend(every!(
        ParkError { Empty, NotFound, Unreadable, Encode, Sqlite } = vec![
            ParkError::Empty,
            ParkError::NotFound(3),
            ParkError::Unreadable { id: 3, reason: DETAIL.into() },
            ParkError::Encode(DETAIL.into()),
            ParkError::Sqlite(busy()),
        ]
    ));
    out
}

/// Selling more than the store has, where the store refuses it.
fn shortage() -> StockShort {
    StockShort { sku: "AIR-600".into(), name: "Aqua 600 ml".into(), on_hand: q("2"), wanted: q("3") }
}

fn counter_errors() -> Vec<Sample> {
    let k01 = || UserError::WrongPin("K01".into());
    let mut out = vec![said("StockShort", &shortage())];
    out.extend(every!(
        SellError {
            Catalogue,
            Lookup,
            Cart,
            ItemKey,
            OrderDiscount,
            TenderAmount,
            ExchangeCredit,
            EmptyCart,
            Payment,
            ApprovalRequired,
            Approval,
            Cashier,
            ReasonRequired,
            NotAllowed,
            Ledger,
            Limit,
            Stock
        } = vec![
            SellError::Catalogue(LookupError::UnknownBarcode("8991002101999".into())),
            SellError::Lookup { index: 2, source: LookupError::UnknownSku("MIE-999".into()) },
            SellError::Cart { index: 2, source: CartError::NonPositiveQuantity(q("0")) },
            SellError::ItemKey { index: 1, what: "both" },
            SellError::ItemKey { index: 1, what: "neither" },
            SellError::OrderDiscount(CartError::BadPercent(Decimal::new(120, 0))),
            SellError::TenderAmount { index: 1, source: MoneyError::NotANumber("lima".into()) },
            SellError::ExchangeCredit { index: 2 },
            SellError::EmptyCart,
            SellError::Limit(LimitError::SaleAmount {
                total: idr(600_000_000),
                max: idr(500_000_000).amount()
            }),
            SellError::Stock(shortage()),
            SellError::Payment(PaymentError::Underpaid { remaining: idr(160_050) }),
            SellError::ApprovalRequired(vec![(Action::PriceOverride, Some(2)), (Action::VoidSale, None)]),
            SellError::Approval(k01()),
            SellError::Cashier(k01()),
            SellError::ReasonRequired,
            SellError::NotAllowed("Budi Santoso (K01)".into()),
            SellError::Ledger(LedgerError::Sqlite(busy())),
        ]
    ));
    out.extend(every!(
        ShiftError {
            AlreadyOpen,
            NoneOpen,
            NonPositive,
            NegativeFloat,
            ReasonRequired,
            ApprovalRequired,
            ApproverNotAllowed,
            Count,
            BadDenomination,
            Ledger
        } = vec![
            ShiftError::AlreadyOpen(3),
            ShiftError::NoneOpen,
            ShiftError::NonPositive("0".into()),
            ShiftError::NegativeFloat("-5000".into()),
            ShiftError::ReasonRequired,
            ShiftError::ApprovalRequired {
                user: "Budi Santoso (K01)".into(),
                action: Action::CashOut,
                least: "manager"
            },
            ShiftError::ApproverNotAllowed {
                approver: "Budi Santoso (K01)".into(),
                action: Action::CashIn,
                least: "supervisor"
            },
            ShiftError::Count(CountError::Repeated { value: 50_000 }),
            ShiftError::BadDenomination { key: "lima".into(), source: MoneyError::NotANumber("lima".into()) },
            ShiftError::Ledger(LedgerError::Sqlite(busy())),
        ]
    ));
    out.extend(every!(
        ReturnFlowError {
            UnknownReceipt,
            NotFetched,
            NotASale,
            Shape,
            Lookup,
            Cart,
            Return,
            ReasonRequired,
            ApprovalRequired,
            Approval,
            Cashier,
            RefundTender,
            ExchangeCredit,
            CashOnly,
            NoReceiptCash,
            Ledger
        } = vec![
            ReturnFlowError::UnknownReceipt("S01-T01-000099".into()),
            ReturnFlowError::NotFetched("S01-T02-000004".into()),
            ReturnFlowError::NotASale("S01-T01-000003".into()),
            // Every shape the return flow refuses (see src/sale/returns.rs).
            ReturnFlowError::Shape(Shape::ReceiptWithoutLines),
            ReturnFlowError::Shape(Shape::LinesWithoutReceipt),
            ReturnFlowError::Shape(Shape::LinesAndItems),
            ReturnFlowError::Shape(Shape::ItemKey),
            ReturnFlowError::Lookup { index: 1, source: LookupError::UnknownSku("MIE-999".into()) },
            ReturnFlowError::Cart { index: 1, source: CartError::NonPositiveQuantity(q("0")) },
            ReturnFlowError::Return(ReturnError::Nothing),
            ReturnFlowError::ReasonRequired,
            ReturnFlowError::ApprovalRequired,
            ReturnFlowError::Approval(k01()),
            ReturnFlowError::Cashier(k01()),
            ReturnFlowError::RefundTender { kind: TenderKind::Card, receipt: "S01-T01-000002".into() },
            ReturnFlowError::ExchangeCredit,
            ReturnFlowError::CashOnly,
            ReturnFlowError::NoReceiptCash,
            ReturnFlowError::Ledger(LedgerError::Sqlite(busy())),
        ]
    ));
    out.extend(every!(
        ExchangeError { Return, Sale, NoNewGoods, Ledger } = vec![
            ExchangeError::Return(ReturnFlowError::CashOnly),
            ExchangeError::Sale(SellError::EmptyCart),
            ExchangeError::NoNewGoods,
            ExchangeError::Ledger(LedgerError::Sqlite(busy())),
        ]
    ));
    out.extend(every!(
        DayError { NotAManager, AlreadyClosed, ClockBehind, Ledger } = vec![
            DayError::NotAManager("Budi Santoso".into(), "K01".into(), "manager", "Z"),
            DayError::AlreadyClosed { taken: date("2026-12-01"), next: date("2026-12-02") },
            DayError::ClockBehind { first: date("2026-12-02"), today: date("2026-12-01") },
            DayError::Ledger(LedgerError::Sqlite(busy())),
        ]
    ));
    out.extend(every!(
        ReportError { PdfNeedsAFile, ToBeforeFrom } = vec![
            ReportError::PdfNeedsAFile,
            ReportError::ToBeforeFrom { from: date("2026-12-02"), to: date("2026-12-01") },
        ]
    ));
    out.extend(every!(
        SaveError { Folder, Write } = vec![
            SaveError::Folder {
                dir: "/data/reports".into(),
                source: io(std::io::ErrorKind::PermissionDenied)
            },
            SaveError::Write {
                path: "/data/reports/z-1.pdf".into(),
                source: io(std::io::ErrorKind::NotFound)
            },
        ]
    ));
    out
}

fn sync_and_config_errors() -> Vec<Sample> {
    let mut out = every!(
        LinkFailure { NoAnswer, Refused, Reset, NoRoute, Other } = vec![
            LinkFailure::NoAnswer { secs: 10 },
            LinkFailure::Refused,
            LinkFailure::Reset,
            LinkFailure::NoRoute,
            LinkFailure::Other(DETAIL.into()),
        ]
    );
    out.extend(every!(
        SyncError {
            NoToken,
            Demo,
            Unreachable,
            Unauthorized,
            Revoked,
            Busy,
            Refused,
            Answer,
            CaFile,
            Ledger,
        } = vec![
            SyncError::NoToken,
            SyncError::Demo,
            SyncError::Unreachable { url: "https://ho.example".into(), detail: LinkFailure::Refused },
            SyncError::Unauthorized(DETAIL.into()),
            SyncError::Revoked,
            SyncError::Busy { retry_after_secs: Some(3) },
            SyncError::Busy { retry_after_secs: None },
            SyncError::Refused(DETAIL.into()),
            SyncError::Answer { status: 500, message: DETAIL.into() },
            SyncError::CaFile { path: "/etc/kasir/ca.pem".into(), message: DETAIL.into() },
            SyncError::Ledger(LedgerError::Sqlite(busy())),
        ]
    ));
    out.extend(every!(
        SyncSays { SetAside, TokenConfigured, TokenRotated } = vec![
            SyncSays::SetAside { receipt: "S01-T01-000042".into(), reason: DETAIL.into() },
            SyncSays::TokenConfigured,
            SyncSays::TokenRotated { since: "2026-12-01 19:00:00".into() },
        ]
    ));
    out.extend(every!(
        ConfigError { Read, Invalid } = vec![
            ConfigError::Read { path: "/etc/kasir.toml".into(), source: io(std::io::ErrorKind::NotFound) },
            ConfigError::Invalid { path: "kasir.toml".into(), message: DETAIL.into() },
        ]
    ));
    out
}

fn enrolment_errors() -> Vec<Sample> {
    let ledger = || PathBuf::from("/data/ledger.sqlite");
    let not_toml = "[store\n".parse::<toml::Table>().unwrap_err();
    every!(
        EnrolError {
            AlreadyJoined,
            LedgerInTheWay,
            BadUrl,
            NoCode,
            CaFile,
            DataDir,
            ReadConfig,
            ConfigNotToml,
            BadDetails,
            WriteConfig,
            Runtime,
            Unreachable,
            NotAnEnrolment,
            Refused,
            Answered,
            NoHeadOffice,
            Sync,
            Ledger,
            Users,
            Setup
        } = vec![
            EnrolError::AlreadyJoined { store: "S01".into(), terminal: "T02".into(), ledger: ledger() },
            EnrolError::LedgerInTheWay { path: ledger(), source: LedgerError::Sqlite(busy()) },
            EnrolError::BadUrl("ho.example".into()),
            EnrolError::NoCode,
            EnrolError::CaFile { path: "ca.pem".into(), source: io(std::io::ErrorKind::NotFound) },
            EnrolError::DataDir { path: "/data".into(), source: io(std::io::ErrorKind::PermissionDenied) },
            EnrolError::ReadConfig {
                path: "/data/kasir.toml".into(),
                source: io(std::io::ErrorKind::PermissionDenied)
            },
            EnrolError::ConfigNotToml { path: "/data/kasir.toml".into(), source: not_toml },
            EnrolError::BadDetails(ConfigError::Invalid {
                path: "kasir.toml".into(),
                message: DETAIL.into()
            }),
            EnrolError::WriteConfig {
                path: "/data/kasir.toml".into(),
                source: io(std::io::ErrorKind::PermissionDenied)
            },
            EnrolError::Runtime(io(std::io::ErrorKind::PermissionDenied)),
            EnrolError::Unreachable {
                url: "https://ho.example".into(),
                detail: LinkFailure::Other(DETAIL.into())
            },
            EnrolError::NotAnEnrolment { url: "https://ho.example".into(), source: bad_json() },
            EnrolError::Refused(DETAIL.into()),
            EnrolError::Answered { url: "https://ho.example".into(), status: 404 },
            EnrolError::NoHeadOffice,
            EnrolError::Sync(SyncError::NoToken),
            EnrolError::Ledger(LedgerError::Sqlite(busy())),
            EnrolError::Users(UserError::BadPin),
            EnrolError::Setup(anyhow::Error::from(LedgerError::AlreadyExists(ledger()))),
        ]
    )
}

fn setup_errors() -> Vec<Sample> {
    let ledger = || PathBuf::from("/data/ledger.sqlite");
    let mut out = every!(
        SetupError {
            NoHome,
            Missing,
            ControlCharacter,
            ConfigExists,
            LedgerExists,
            OtherTerminal,
            OtherCurrency
        } = vec![
            SetupError::NoHome,
            SetupError::Missing(ShopDetail::StoreName),
            SetupError::ControlCharacter(ShopDetail::Address),
            SetupError::ConfigExists("/data/kasir.toml".into()),
            SetupError::LedgerExists(ledger()),
            SetupError::OtherTerminal {
                ledger: ledger(),
                ledger_is: "S01-T01".into(),
                config_says: "S01-T02".into()
            },
            SetupError::OtherCurrency { ledger: ledger(), ledger_is: "IDR", config_says: "USD" },
        ]
    );
    out.extend(
        every!(
            ShopDetail { StoreCode, StoreName, Address, Npwp } =
                vec![ShopDetail::StoreCode, ShopDetail::StoreName, ShopDetail::Address, ShopDetail::Npwp,]
        )
        .into_iter()
        .filter(|s| s.id != "NPWP"),
    );
    out
}

fn device_errors() -> Vec<Sample> {
    let printer = || Device { kind: DeviceKind::Printer, address: "tcp://192.168.1.50:9100".into() };
    let device = |fault| DeviceError { device: printer(), fault };
    let mut out = every!(
        PrintError { NotConfigured, UnknownReceipt, NotASale, Device, Address, Settings, Ledger } = vec![
            PrintError::NotConfigured,
            PrintError::UnknownReceipt("S01-T01-000099".into()),
            PrintError::NotASale("S01-T01-000003".into()),
            PrintError::Device { job: 4, source: device(Fault::Busy) },
            PrintError::Address(device(Fault::NoPort)),
            PrintError::Settings(DETAIL.into()),
            PrintError::Ledger(LedgerError::Sqlite(busy())),
        ]
    );
    out.extend(every!(
        DrawerError { NotConfigured, NoPrinter, Device } = vec![
            DrawerError::NotConfigured,
            DrawerError::NoPrinter,
            DrawerError::Device(device(Fault::NoSuchPort)),
        ]
    ));
    // Every fault, named with its device.
    let faults = every!(
        Fault {
            Expected,
            NoPort,
            BadBaud,
            Resolve,
            Connect,
            Busy,
            NoSuchPort,
            Open,
            Grab,
            NoAnswer,
            Link,
            PaperOut,
            CoverOpen,
            Offline,
            NotSent,
            NotConfirmed,
            PaperRanOut,
            PulseNotSent,
            ReadFailed,
            NoScanner,
            Setting
        } = vec![
            Fault::Expected("tcp://HOST:PORT"),
            Fault::NoPort,
            Fault::BadBaud("cepat".into()),
            Fault::Resolve(DETAIL.into()),
            Fault::Connect(DETAIL.into()),
            Fault::Busy,
            Fault::NoSuchPort,
            Fault::Open(DETAIL.into()),
            Fault::Grab(DETAIL.into()),
            Fault::NoAnswer { secs: 3 },
            Fault::Link(DETAIL.into()),
            Fault::PaperOut,
            Fault::CoverOpen,
            Fault::Offline,
            Fault::NotSent(DETAIL.into()),
            Fault::NotConfirmed(Box::new(Fault::NoAnswer { secs: 3 })),
            Fault::PaperRanOut,
            Fault::PulseNotSent(DETAIL.into()),
            Fault::ReadFailed(DETAIL.into()),
            Fault::NoScanner,
            Fault::Setting(DETAIL.into()),
        ]
    );
    out.extend(faults);
    out.extend(every!(
        DrawerSays { NoSaleRecorded, DidNotOpen, OpenedNotRecorded } = vec![
            DrawerSays::NoSaleRecorded { receipt: "S01-T01-000002".into(), drawer: Ok(()) },
            DrawerSays::NoSaleRecorded {
                receipt: "S01-T01-000002".into(),
                drawer: Err(DrawerError::NotConfigured)
            },
            DrawerSays::DidNotOpen(DrawerError::NoPrinter),
            DrawerSays::OpenedNotRecorded(Said::new(DrawerError::NoPrinter)),
        ]
    ));
    out.extend(every!(
        DeviceSays {
            Printed,
            TestPagePrinted,
            Online,
            Paper,
            CoverOpen,
            DrawerSwitch,
            NoSerialPorts,
            Listening
        } = vec![
            DeviceSays::Printed { receipt: "S01-T01-000002".into(), copy: false },
            DeviceSays::Printed { receipt: "S01-T01-000002".into(), copy: true },
            DeviceSays::TestPagePrinted { job: 7 },
            DeviceSays::Online(true),
            DeviceSays::Paper { out: false, near_end: true },
            DeviceSays::CoverOpen(false),
            DeviceSays::DrawerSwitch { open: true },
            DeviceSays::DrawerSwitch { open: false },
            DeviceSays::NoSerialPorts,
            DeviceSays::Listening { address: "serial:/dev/ttyACM0".into() },
        ]
    ));
    for kind in [DeviceKind::Printer, DeviceKind::Drawer, DeviceKind::Scanner, DeviceKind::SerialPorts] {
        let d = Device { kind, address: String::new() };
        out.push(said(format!("Device::{kind:?}"), &d));
    }
    out
}

fn report_lines() -> Vec<Sample> {
    let samples = [
        ReportSaid::Written { title: "Laporan Z 12".into(), path: "/data/reports/z-12.pdf".into() },
        ReportSaid::Printed { title: "Laporan X".into() },
    ];
    // ReportSaid has no Debug: the same proof as `every!`, by hand.
    let seen: BTreeSet<&str> = samples
        .iter()
        .map(|s| match s {
            ReportSaid::Written { .. } => "Written",
            ReportSaid::Printed { .. } => "Printed",
        })
        .collect();
    assert_eq!(seen.len(), 2, "every ReportSaid has a sample");
    samples.iter().enumerate().map(|(i, s)| said(format!("ReportSaid #{i}"), s)).collect()
}

fn cli_errors() -> Vec<Sample> {
    every!(
        CliError {
            NeedPin,
            ReadScript,
            BadScript,
            ScriptText,
            OpenFile,
            Import,
            NoDocument,
            Amount,
            Refresh,
            NoHeadOffice,
            UsersNeedManager,
            BadRole,
            DemoWithIdentity,
            NeedIdentity,
            Window,
            ScreenStopped
        } = vec![
            CliError::NeedPin("K01".into()),
            CliError::ReadScript {
                what: Script::Sale,
                file: Some("sale.json".into()),
                source: io(std::io::ErrorKind::NotFound)
            },
            CliError::ReadScript {
                what: Script::Return,
                file: None,
                source: io(std::io::ErrorKind::PermissionDenied)
            },
            CliError::BadScript {
                what: Script::Exchange,
                file: Some("exchange.json".into()),
                source: bad_json()
            },
            CliError::BadScript { what: Script::CountSheet, file: None, source: bad_json() },
            CliError::ScriptText {
                what: Script::Sale,
                file: Some("sale.json".into()),
                field: "items[1].sku".into()
            },
            CliError::OpenFile { path: "produk.csv".into(), source: io(std::io::ErrorKind::NotFound) },
            CliError::Import { path: "produk.csv".into(), source: ImportError::Empty },
            CliError::NoDocument("S01-T01-000099".into()),
            CliError::Amount { text: "lima".into(), source: MoneyError::NotANumber("lima".into()) },
            CliError::Refresh { receipt: "S01-T02-000004".into(), source: SyncError::NoToken },
            CliError::NoHeadOffice,
            CliError::UsersNeedManager,
            CliError::BadRole("boss".into()),
            CliError::DemoWithIdentity,
            CliError::NeedIdentity(vec!["--store-name", "--npwp"]),
            CliError::Window { text: "100x80".into(), problem: WindowProblem::TooSmall(100) },
            CliError::Window { text: "besar".into(), problem: WindowProblem::NotWidthByHeight },
            CliError::Window { text: "ax768".into(), problem: WindowProblem::NotPixels("a".into()) },
            CliError::ScreenStopped(DETAIL.into()),
        ]
    )
}

fn cli_lines() -> Vec<Sample> {
    let path = || PathBuf::from("/data/kasir.toml");
    every!(
        CliSays {
            Imported,
            Product,
            QuantityFromBarcode,
            PriceFromBarcode,
            Verified,
            VerifyFailed,
            CashMoved,
            ShiftOpened,
            ShiftClosed,
            CloseFigure,
            ShiftOpenSince,
            ShiftFlows,
            DrawerShouldHold,
            HeadOffice,
            DocumentsWaiting,
            FeedAppliedUpTo,
            LastSuccess,
            LastAttempt,
            LastError,
            SyncRound,
            SyncProgress,
            Joined,
            TokenConfigWritten,
            LedgerCreated,
            FirstSyncUnfinished,
            ConfigWrittenWithDefaults,
            ConfigWrittenToEdit,
            DemoCatalogue,
            DemoUser,
            ShiftOpenWithFloat,
            UserAdded,
            UserDeactivated,
            PinChanged,
            UserRow,
            ReceiptNotPrinted
        } = {
            let mut v = vec![
                CliSays::Imported { file: "produk.csv".into(), added: 3, updated: 1, barcodes: 4 },
                CliSays::Product {
                    sku: "MIE-001".into(),
                    name: "Indomie Goreng".into(),
                    price: idr(3_500),
                    unit: "pcs".into(),
                    tax_class: "PPN".into(),
                    rate: "11".into(),
                    includes_tax: true,
                },
                CliSays::Product {
                    sku: "MIE-001".into(),
                    name: "Indomie Goreng".into(),
                    price: idr(3_500),
                    unit: "pcs".into(),
                    tax_class: "PPN".into(),
                    rate: "11".into(),
                    includes_tax: false,
                },
                CliSays::QuantityFromBarcode { quantity: q("1.25"), unit: "kg".into() },
                CliSays::PriceFromBarcode(idr(12_500)),
                CliSays::Verified {
                    documents: 12,
                    seconds: 0.5,
                    grand_total: idr(160_050),
                    hash: "ab12".into(),
                },
                CliSays::VerifyFailed {
                    documents: 11,
                    problem: VerifyProblem::Document {
                        seq: 12,
                        receipt: "S01-T01-000012".into(),
                        what: Mismatch::Unreadable { table: "sale_lines", detail: DETAIL.into() },
                    },
                },
                CliSays::CashMoved { into: true, amount: idr(100_000), receipt: "S01-T01-000004".into() },
                CliSays::CashMoved { into: false, amount: idr(100_000), receipt: "S01-T01-000004".into() },
                CliSays::ShiftOpened { receipt: "S01-T01-000001".into(), float: idr(500_000) },
                CliSays::ShiftClosed { shift_no: 1, receipt: "S01-T01-000009".into() },
                CliSays::ShiftOpenSince { shift_no: 1, seq: 1 },
                CliSays::ShiftFlows {
                    float: idr(500_000),
                    cash_sales: idr(77_950),
                    change: idr(22_050),
                    cash_in: idr(0),
                    cash_out: idr(0),
                    cash_refunds: idr(0),
                    voided: idr(0),
                },
                CliSays::DrawerShouldHold(idr(554_500)),
                CliSays::HeadOffice { url: "https://ho.example".into() },
                CliSays::DocumentsWaiting { waiting: 0, delivered: 2 },
                CliSays::FeedAppliedUpTo(40),
                CliSays::LastSuccess(Some("2026-12-01 10:00:00".into())),
                CliSays::LastSuccess(None),
                CliSays::LastAttempt(None),
                CliSays::LastError(DETAIL.into()),
                CliSays::SyncRound { stored: 2, delivered: 2, changes: 5, waiting: 0 },
                CliSays::SyncProgress { waiting: 1, delivered: 2, error: None },
                CliSays::SyncProgress { waiting: 1, delivered: 2, error: Some(DETAIL.into()) },
                CliSays::Joined {
                    store: "S01".into(),
                    terminal: "T02".into(),
                    store_name: "Toko Merdeka".into(),
                    users: 1,
                    tax_classes: 2,
                    products: 40,
                },
                CliSays::TokenConfigWritten(path()),
                CliSays::LedgerCreated(path()),
                CliSays::FirstSyncUnfinished(DETAIL.into()),
                CliSays::ConfigWrittenWithDefaults(path()),
                CliSays::ConfigWrittenToEdit(path()),
                CliSays::DemoCatalogue { products: 40, barcodes: 52 },
                CliSays::DemoUser {
                    code: "K01".into(),
                    name: "Budi Santoso".into(),
                    role: Role::Cashier,
                    pin: "1111".into(),
                },
                CliSays::ShiftOpenWithFloat { shift_no: 1, float: idr(500_000) },
                CliSays::UserAdded { code: "K02".into(), name: "Rina".into(), role: Role::Cashier },
                CliSays::UserDeactivated("K02".into()),
                CliSays::PinChanged("K02".into()),
                CliSays::UserRow { code: "M01".into(), name: "Siti Rahayu".into(), role: Role::Manager },
                CliSays::ReceiptNotPrinted(DETAIL.into()),
            ];
            v.extend(CloseFigure::ALL.map(|figure| CliSays::CloseFigure { figure, amount: idr(554_500) }));
            v
        }
    )
}

/// Every fixed text of every `catalogue!` enum, and the shop floor's names.
fn catalogue_entries() -> Vec<Sample> {
    let mut out = Vec::new();
    out.extend(Text::ALL.iter().map(|t| said(format!("Text::{t:?}"), t)));
    out.extend(CliText::ALL.iter().map(|t| said(format!("CliText::{t:?}"), t)));
    out.extend(ReportText::ALL.iter().map(|t| said(format!("ReportText::{t:?}"), t)));
    out.extend(DeviceText::ALL.iter().map(|t| said(format!("DeviceText::{t:?}"), t)));
    // A new `catalogue!` enum goes here too.
    out.extend(TenderKind::ALL.iter().chain(&[TenderKind::Exchange]).map(|k| said(format!("{k:?}"), k)));
    out.extend(Role::ALL.iter().map(|r| said(format!("Role::{r:?}"), r)));
    out.extend(Action::ALL.iter().map(|a| said(format!("Action::{a:?}"), a)));
    out
}

/// What is wrong with one message, if anything.
fn problems(s: &Sample) -> Vec<String> {
    let mut out = Vec::new();
    if s.id.trim().is_empty() || s.en.trim().is_empty() {
        out.push(format!("a language is empty: id {:?}, en {:?}", s.id, s.en));
    }
    let only_a_detail = s.id == DETAIL && ONLY_A_DETAIL.iter().any(|v| s.name.starts_with(v));
    if s.id == s.en && !SAME_IN_BOTH.contains(&s.id.as_str()) && !only_a_detail {
        out.push(format!("Indonesian is the English text: {:?}", s.id));
    }
    let words = s.id.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-')).map(str::to_lowercase);
    let english: BTreeSet<String> = words.filter(|w| ENGLISH.contains(&w.as_str())).collect();
    if !english.is_empty() {
        out.push(format!("English words {english:?} in the Indonesian {:?}", s.id));
    }
    out
}

fn check(samples: Vec<Sample>) {
    assert!(!samples.is_empty());
    let failures: Vec<String> = samples
        .iter()
        .flat_map(|s| problems(s).into_iter().map(move |p| format!("{}: {p}", s.name)))
        .collect();
    assert!(
        failures.is_empty(),
        "{} message(s) not in both languages:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_kasir_core_error_has_indonesian_and_english() {
    check(core_errors());
}

#[test]
fn every_ledger_user_catalogue_and_parked_cart_error_has_indonesian_and_english() {
    check(store_errors());
}

#[test]
fn every_sale_return_exchange_shift_and_report_error_has_indonesian_and_english() {
    check(counter_errors());
}

#[test]
fn every_sync_and_config_error_has_indonesian_and_english() {
    check(sync_and_config_errors());
}

#[test]
fn every_enrolment_and_setup_error_has_indonesian_and_english() {
    check(enrolment_errors());
    check(setup_errors());
}

#[test]
fn every_printer_and_drawer_error_has_indonesian_and_english() {
    check(device_errors());
}

#[test]
fn every_command_error_and_printed_line_has_indonesian_and_english() {
    check(cli_errors());
    check(cli_lines());
    check(report_lines());
}

#[test]
fn every_catalogue_entry_has_indonesian_and_english() {
    check(catalogue_entries());
}

/// A detail worded elsewhere is kept, not dropped, in both languages.
#[test]
fn words_carried_from_elsewhere_are_kept_in_both_languages() {
    let all = [
        core_errors(),
        store_errors(),
        counter_errors(),
        sync_and_config_errors(),
        enrolment_errors(),
        cli_errors(),
        cli_lines(),
    ];
    let carrying: Vec<Sample> = all.into_iter().flatten().filter(|s| s.name.contains(DETAIL)).collect();
    assert!(carrying.len() >= 20, "the samples carry details: {}", carrying.len());
    for s in carrying {
        assert!(s.id.contains(DETAIL) && s.en.contains(DETAIL), "{}: {} / {}", s.name, s.id, s.en);
    }
}

/// The check itself: an English message passed off as Indonesian is caught.
#[test]
fn the_check_catches_english_left_in_the_indonesian_text() {
    let english = Sample { name: "x".into(), id: "wrong PIN for K01".into(), en: "Wrong PIN for K01".into() };
    assert!(!problems(&english).is_empty());
    let same = Sample { name: "x".into(), id: "Simpan".into(), en: "Simpan".into() };
    assert!(!problems(&same).is_empty());
    let empty = Sample { name: "x".into(), id: String::new(), en: "Save".into() };
    assert!(!problems(&empty).is_empty());
    let good = Sample { name: "x".into(), id: "PIN salah untuk K01".into(), en: "Wrong PIN for K01".into() };
    assert!(problems(&good).is_empty());
}

/// Money reads as on the receipt in both languages, and the messages say what and where.
#[test]
fn messages_name_what_and_where_with_money_as_the_receipt_writes_it() {
    let due = PaymentError::Underpaid { remaining: idr(160_050) };
    assert_eq!(due.explain(Locale::Id), "Belum lunas: masih kurang Rp 160.050");
    assert_eq!(due.explain(Locale::En), "Not fully paid: Rp 160.050 still due");
    let unknown = LookupError::UnknownBarcode("8991002101999".into());
    assert_eq!(unknown.explain(Locale::Id), "Tidak ada barang dengan barcode 8991002101999");
    assert_eq!(unknown.explain(Locale::En), "No product has barcode 8991002101999");
    assert_eq!(UserError::WrongPin("K01".into()).explain(Locale::Id), "PIN salah untuk K01");
    let item = SellError::Lookup { index: 2, source: LookupError::UnknownSku("MIE-999".into()) };
    assert_eq!(item.explain(Locale::Id), "Barang ke-2: Tidak ada barang dengan SKU MIE-999");
}

/// A refusal of the ledger reads in the cashier's language, with what it names (the kind of
/// document, the receipt); its `Display` stays English for logs and head office.
#[test]
fn the_ledgers_refusals_are_said_in_the_cashiers_language() {
    let no_shift = LedgerError::Refused(Refusal::NoShiftOpen(DocKind::NoSale));
    assert_eq!(
        no_shift.explain(Locale::Id),
        "Ditolak: Belum ada shift yang dibuka: buka shift dulu (buka laci tanpa transaksi memerlukannya)"
    );
    assert_eq!(no_shift.explain(Locale::En), "Refused: No shift is open: open one first (no sale needs it)");
    assert_eq!(no_shift.to_string(), "refused: no shift is open: open one first (no sale needs it)");
    let voided = SellError::Ledger(LedgerError::Refused(Refusal::AlreadyVoided("S01-T01-000003".into())));
    assert_eq!(voided.explain(Locale::Id), "Ditolak: Penjualan S01-T01-000003 sudah dibatalkan");
    let over = ReturnFlowError::Ledger(LedgerError::Refused(Refusal::Return(ReturnError::Nothing)));
    assert_eq!(over.explain(Locale::Id), format!("Ditolak: {}", ReturnError::Nothing.explain(Locale::Id)));
    let shape = ReturnFlowError::Shape(Shape::LinesAndItems);
    assert!(
        shape.explain(Locale::Id).ends_with("di sini ada baris dan barang sekaligus"),
        "{}",
        shape.explain(Locale::Id)
    );
    let problem = VerifyProblem::Document {
        seq: 3,
        receipt: "S01-T01-000003".into(),
        what: Mismatch::Rows("sale_lines"),
    };
    assert_eq!(problem.seq(), Some(3));
    assert_eq!(
        problem.explain(Locale::Id),
        "dokumen 3 (S01-T01-000003): baris sale_lines-nya berbeda dari isinya"
    );
    assert_eq!(
        problem.to_string(),
        "document 3 (S01-T01-000003): its sale_lines rows do not match its content"
    );
}

/// At the edge of a command, the first error of the chain the catalogue knows speaks, in
/// the shop's language, after anything outside it that it does not know.
#[test]
fn an_error_chain_is_said_by_the_first_error_the_catalogue_knows() {
    let e = anyhow::Error::from(SellError::Cashier(UserError::WrongPin("K01".into())));
    assert_eq!(kasir::messages::explain_error(&e, Locale::Id), "Kasir: PIN salah untuk K01");
    assert_eq!(kasir::messages::explain_error(&e, Locale::En), "Cashier: Wrong PIN for K01");
    let wrapped = e.context("hari Senin");
    assert_eq!(
        kasir::messages::explain_error(&wrapped, Locale::Id),
        "hari Senin: Kasir: PIN salah untuk K01"
    );
    let io = anyhow::Error::from(io(std::io::ErrorKind::NotFound));
    assert_eq!(kasir::messages::explain_error(&io, Locale::Id), "berkas atau folder tidak ditemukan");
}

/// A screen keeps an error as `Said` and draws it in the language it has when it draws.
#[test]
fn an_error_kept_for_the_screen_is_drawn_in_the_language_of_the_moment() {
    use kasir::messages::Said;
    let said = Said::from(UserError::WrongPin("K01".into()));
    assert_eq!(said.text(Locale::Id), "PIN salah untuk K01");
    assert_eq!(said.text(Locale::En), "Wrong PIN for K01");
    let chain: Said = Said::new(anyhow::Error::from(SellError::EmptyCart).context("F9"));
    assert_eq!(chain.text(Locale::Id), "F9: Transaksi ini belum berisi barang");
}

/// The screens' own words (login, first start, status bar, shift and day, returns, the
/// receipt screen and the receipt on paper), and what they say with names and figures.
fn screen_words() -> Vec<Sample> {
    use kasir::messages::Said;
    use kasir::messages::screens::{
        DoneText, ReceiptText, ReturnsText, ScreenSays, ShiftSays, ShiftText, StartText, StatusText,
    };
    let mut out: Vec<Sample> = Vec::new();
    out.extend(StartText::ALL.iter().map(|t| said(format!("StartText::{t:?}"), t)));
    out.extend(StatusText::ALL.iter().map(|t| said(format!("StatusText::{t:?}"), t)));
    out.extend(DoneText::ALL.iter().map(|t| said(format!("DoneText::{t:?}"), t)));
    out.extend(ShiftText::ALL.iter().map(|t| said(format!("ShiftText::{t:?}"), t)));
    out.extend(ReturnsText::ALL.iter().map(|t| said(format!("ReturnsText::{t:?}"), t)));
    out.extend(ReceiptText::ALL.iter().map(|t| said(format!("ReceiptText::{t:?}"), t)));
    let bad_quantity = || Said::from(QuantityError::TooPrecise("1.2345".into()));
    out.extend(every!(
        ScreenSays {
            WaitAfterWrongPins,
            StillNeeded,
            SaleParked,
            LineVoided,
            QuantityDecreased,
            ApprovedBy,
            Terminal,
            Concerning,
            NotASale,
            ShiftOpen,
            PrinterAt,
        } = vec![
            ScreenSays::WaitAfterWrongPins { seconds: 30 },
            ScreenSays::StillNeeded(vec![StartText::StoreNameWord, StartText::NpwpWord]),
            ScreenSays::SaleParked { id: 7 },
            ScreenSays::LineVoided {
                product: "Teh Botol Sosro 450 ml".into(),
                manager: "Sri Wahyuni".into()
            },
            ScreenSays::QuantityDecreased { product: "Indomie Goreng".into(), manager: "Sri Wahyuni".into() },
            ScreenSays::ApprovedBy { manager: "Sri Wahyuni".into() },
            ScreenSays::Terminal { code: "T01".into() },
            ScreenSays::Concerning { subject: "Indomie Goreng".into(), said: bad_quantity() },
            ScreenSays::NotASale { receipt: "S01-T01-000004".into() },
            ScreenSays::ShiftOpen { shift_no: 3 },
            ScreenSays::PrinterAt { address: "tcp://192.168.1.50:9100".into() },
        ]
    ));
    out.extend(every!(
        ShiftSays {
            ShiftOpened,
            CashMoved,
            ShiftClosed,
            NeedsApproval,
            BadAmount,
            NotACount,
            Printed,
            Saved,
        } = vec![
            ShiftSays::ShiftOpened { receipt: "S01-T01-000001".into() },
            ShiftSays::CashMoved { into: true, amount: idr(50_000), receipt: "S01-T01-000002".into() },
            ShiftSays::CashMoved { into: false, amount: idr(20_000), receipt: "S01-T01-000003".into() },
            ShiftSays::ShiftClosed {
                shift_no: 3,
                receipt: "S01-T01-000009".into(),
                expected: idr(480_000),
                counted: idr(475_000),
                over_short: idr(-5_000),
            },
            ShiftSays::NeedsApproval { least: Role::Supervisor },
            ShiftSays::BadAmount(Said::from(MoneyError::NotANumber("lima ribu".into()))),
            ShiftSays::NotACount { typed: "dua".into() },
            ShiftSays::Printed { job: 12 },
            ShiftSays::Saved { path: PathBuf::from("/data/laporan/x-2026-12-01.csv") },
        ]
    ));
    out
}

#[test]
fn every_screen_word_and_screen_message_has_indonesian_and_english() {
    check(screen_words());
}
