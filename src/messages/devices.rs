//! The receipt printer, the cash drawer and the scanners in the cashier's words: every fault
//! a device can have (kasir-drivers' [`Fault`], named with its [`Device`]), the printing and
//! drawer errors of the terminal, and what the counter says after a print or a kick.

use kasir_core::Locale;
use kasir_drivers::{Device, DeviceError, DeviceKind, Fault};

use super::{Explain, catalogue, pick};
use crate::devices::drawer::DrawerError;
use crate::devices::printing::PrintError;

catalogue! {
    /// A fixed line about the printer or the drawer.
    DeviceText {
        PaperLow => "Kertas printer hampir habis", "The printer's paper is running low";
        DrawerOpened => "Laci dibuka.", "Drawer opened.";
        /// A no-sale on a terminal whose drawer setting is "none".
        NoDrawer => "Laci kas belum dikonfigurasi.", "No cash drawer is configured.";
    }
}

/// What the device commands print (`kasir receipt print`, `kasir devices …`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeviceSays {
    /// A receipt went to the printer; `copy` when it had been printed before.
    Printed {
        receipt: String,
        copy: bool,
    },
    TestPagePrinted {
        job: i64,
    },
    /// The printer's answer to a status request.
    Online(bool),
    Paper {
        out: bool,
        near_end: bool,
    },
    CoverOpen(bool),
    DrawerSwitch {
        open: bool,
    },
    NoSerialPorts,
    /// `kasir devices scan` waits for scans on `address`.
    Listening {
        address: String,
    },
}

impl Explain for DeviceSays {
    fn explain(&self, l: Locale) -> String {
        let yes = |b: bool| pick(l, if b { "ya" } else { "tidak" }, if b { "yes" } else { "no" });
        match self {
            DeviceSays::Printed { receipt, copy: false } => {
                pick(l, format!("{receipt} dicetak"), format!("{receipt} printed"))
            }
            DeviceSays::Printed { receipt, copy: true } => pick(
                l,
                format!("{receipt} dicetak sebagai SALINAN (COPY)"),
                format!("{receipt} printed as a COPY"),
            ),
            DeviceSays::TestPagePrinted { job } => pick(
                l,
                format!("halaman uji dicetak (tugas {job})"),
                format!("test page printed (job {job})"),
            ),
            DeviceSays::Online(b) => {
                pick(l, format!("tersambung: {}", yes(*b)), format!("online: {}", yes(*b)))
            }
            DeviceSays::Paper { out, near_end } => pick(
                l,
                format!("kertas habis: {}; hampir habis: {}", yes(*out), yes(*near_end)),
                format!("paper out: {}; near its end: {}", yes(*out), yes(*near_end)),
            ),
            DeviceSays::CoverOpen(b) => {
                pick(l, format!("tutup printer terbuka: {}", yes(*b)), format!("cover open: {}", yes(*b)))
            }
            DeviceSays::DrawerSwitch { open: true } => {
                pick(l, "sakelar laci: terbuka", "drawer switch: open").to_owned()
            }
            DeviceSays::DrawerSwitch { open: false } => {
                pick(l, "sakelar laci: tertutup (atau tanpa sakelar)", "drawer switch: closed (or no switch)")
                    .to_owned()
            }
            DeviceSays::NoSerialPorts => {
                pick(l, "Tidak ada port serial.", "No serial ports found.").to_owned()
            }
            DeviceSays::Listening { address } => pick(
                l,
                format!("Mendengarkan di {address}; pindai sesuatu (Ctrl+C untuk berhenti)."),
                format!("Listening on {address}; scan something (Ctrl+C to stop)."),
            ),
        }
    }
}

/// What the counter says once a drawer was asked to open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DrawerSays {
    /// A no-sale was recorded as `receipt`, with what the drawer did.
    NoSaleRecorded { receipt: String, drawer: Result<(), DrawerError> },
    /// The drawer did not open for the cash of a sale or a return just committed.
    DidNotOpen(DrawerError),
    /// A no-sale's drawer opened, then its record could not be written (the disk full, the
    /// shift closed meanwhile): the manager must hear it in plain words.
    OpenedNotRecorded(super::Said),
}

impl Explain for DrawerSays {
    fn explain(&self, l: Locale) -> String {
        match self {
            DrawerSays::NoSaleRecorded { receipt, drawer } => {
                let drawer = match drawer {
                    Ok(()) => DeviceText::DrawerOpened.get(l).to_owned(),
                    Err(DrawerError::NotConfigured) => DeviceText::NoDrawer.get(l).to_owned(),
                    Err(e) => e.explain(l),
                };
                pick(
                    l,
                    format!("Buka laci dicatat: {receipt}. {drawer}"),
                    format!("No-sale recorded as {receipt}. {drawer}"),
                )
            }
            DrawerSays::DidNotOpen(e) => e.explain(l),
            DrawerSays::OpenedNotRecorded(why) => pick(
                l,
                format!("Laci SUDAH TERBUKA, tetapi tidak tercatat: {}. Beri tahu manajer.", why.text(l)),
                format!("The drawer OPENED but was not recorded: {}. Tell the manager.", why.text(l)),
            ),
        }
    }
}

impl Explain for DrawerError {
    fn explain(&self, l: Locale) -> String {
        match self {
            DrawerError::NotConfigured => pick(
                l,
                "Laci kas belum dikonfigurasi ([printer] drawer = \"none\")",
                "No cash drawer is configured ([printer] drawer = \"none\")",
            )
            .to_owned(),
            DrawerError::NoPrinter => pick(
                l,
                "Laci tidak terbuka: laci tersambung ke printer, tetapi printer belum dikonfigurasi (isi [printer] address di kasir.toml, atau beri --printer)",
                "The drawer did not open: it hangs on the printer, and no printer is configured (set [printer] address in kasir.toml, or give --printer)",
            )
            .to_owned(),
            DrawerError::Device(e) => {
                pick(l, "Laci tidak terbuka: ", "The drawer did not open: ").to_owned() + &e.explain(l)
            }
        }
    }
}

impl Explain for PrintError {
    fn explain(&self, l: Locale) -> String {
        match self {
            PrintError::NotConfigured => pick(
                l,
                "Printer belum dikonfigurasi: isi [printer] address di kasir.toml, atau beri --printer",
                "No printer is configured: set [printer] address in kasir.toml, or give --printer",
            )
            .to_owned(),
            PrintError::UnknownReceipt(r) => pick(
                l,
                format!("Tidak ada struk {r} di buku besar ini"),
                format!("No receipt {r} in this ledger"),
            ),
            PrintError::NotASale(r) => pick(
                l,
                format!("{r} bukan penjualan; untuk sekarang hanya struk penjualan yang bisa dicetak"),
                format!("{r} is not a sale; only sale receipts print for now"),
            ),
            PrintError::Device { job, source } => pick(
                l,
                format!("{} (cetakan {job} disimpan dan dicetak saat dicoba lagi)", source.explain(l)),
                format!("{} (job {job} is kept and printed when you try again)", source.explain(l)),
            ),
            PrintError::Address(e) => e.explain(l),
            PrintError::Settings(why) => {
                pick(l, format!("Pengaturan printer: {why}"), format!("Printer settings: {why}"))
            }
            PrintError::Ledger(e) => e.explain(l),
        }
    }
}

impl Explain for DeviceError {
    fn explain(&self, l: Locale) -> String {
        format!("{}: {}", self.device.explain(l), self.fault.explain(l))
    }
}

impl Explain for Device {
    fn explain(&self, l: Locale) -> String {
        let kind = match self.kind {
            DeviceKind::Printer => "printer",
            DeviceKind::Drawer => pick(l, "laci kas", "drawer"),
            DeviceKind::Scanner => pick(l, "pemindai", "scanner"),
            DeviceKind::SerialPorts => pick(l, "port serial", "serial ports"),
        };
        match self.address.as_str() {
            "" => kind.to_owned(),
            address => format!("{kind} {address}"),
        }
    }
}

impl Explain for Fault {
    fn explain(&self, l: Locale) -> String {
        match self {
            Fault::Expected(forms) => pick(l, format!("seharusnya {forms}"), format!("expected {forms}")),
            Fault::NoPort => pick(
                l,
                "tulis juga nomor port-nya, mis. tcp://192.168.1.50:9100",
                "give the port too, e.g. tcp://192.168.1.50:9100",
            )
            .to_owned(),
            Fault::BadBaud(b) => {
                pick(l, format!("'{b}' bukan kecepatan baud"), format!("'{b}' is not a baud rate"))
            }
            Fault::Resolve(why) => {
                pick(l, format!("alamat tidak ditemukan: {why}"), format!("cannot resolve: {why}"))
            }
            Fault::Connect(why) => {
                pick(l, format!("tidak bisa tersambung: {why}"), format!("cannot connect: {why}"))
            }
            Fault::Busy => pick(
                l,
                "tidak bisa dibuka: port sedang dipakai program lain",
                "cannot open: the port is busy (another program has it open)",
            )
            .to_owned(),
            Fault::NoSuchPort => pick(
                l,
                "tidak bisa dibuka: port tidak ada (sudah dicolok?)",
                "cannot open: no such port (is it plugged in?)",
            )
            .to_owned(),
            Fault::Open(why) => pick(l, format!("tidak bisa dibuka: {why}"), format!("cannot open: {why}")),
            Fault::Grab(why) => pick(
                l,
                format!("tidak bisa dipakai khusus untuk Kasir: {why}"),
                format!("cannot take it for Kasir alone: {why}"),
            ),
            Fault::NoAnswer { secs } => pick(
                l,
                format!("tidak ada jawaban dalam {secs} detik"),
                format!("no answer within {secs} s"),
            ),
            Fault::Link(why) => pick(l, format!("sambungan terputus: {why}"), format!("the connection broke: {why}")),
            Fault::PaperOut => pick(l, "kertas habis", "paper out").to_owned(),
            Fault::CoverOpen => pick(l, "tutup printer terbuka", "cover open").to_owned(),
            Fault::Offline => pick(l, "printer tidak siap (offline)", "offline").to_owned(),
            Fault::NotSent(why) => {
                pick(l, format!("cetakan tidak terkirim: {why}"), format!("the job did not go through: {why}"))
            }
            Fault::NotConfirmed(inner) => pick(
                l,
                format!("printer tidak memastikan cetakan diterima: {}", inner.explain(l)),
                format!("the printer did not confirm the job: {}", inner.explain(l)),
            ),
            Fault::PaperRanOut => {
                pick(l, "kertas habis saat mencetak", "paper ran out during the job").to_owned()
            }
            Fault::PulseNotSent(why) => {
                pick(l, format!("sinyal pembuka tidak terkirim: {why}"), format!("the pulse did not go out: {why}"))
            }
            Fault::ReadFailed(why) => pick(l, format!("gagal membaca: {why}"), format!("read failed: {why}")),
            Fault::NoScanner => pick(
                l,
                "pemindai serial belum dikonfigurasi: isi [scanner] address di kasir.toml, atau beri --scanner",
                "no serial scanner is configured: set [scanner] address in kasir.toml, or give --scanner",
            )
            .to_owned(),
            Fault::Setting(why) => why.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every fault, said in both languages, and differently (nothing left in English).
    #[test]
    fn every_device_fault_has_both_languages() {
        let faults = [
            Fault::Expected("serial:/dev/ttyX"),
            Fault::NoPort,
            Fault::BadBaud("x".into()),
            Fault::Resolve("x".into()),
            Fault::Connect("x".into()),
            Fault::Busy,
            Fault::NoSuchPort,
            Fault::Open("x".into()),
            Fault::Grab("x".into()),
            Fault::NoAnswer { secs: 3 },
            Fault::Link("x".into()),
            Fault::PaperOut,
            Fault::CoverOpen,
            Fault::Offline,
            Fault::NotSent("x".into()),
            Fault::NotConfirmed(Box::new(Fault::NoAnswer { secs: 3 })),
            Fault::PaperRanOut,
            Fault::PulseNotSent("x".into()),
            Fault::ReadFailed("x".into()),
            Fault::NoScanner,
        ];
        for f in &faults {
            let (id, en) = (f.explain(Locale::Id), f.explain(Locale::En));
            assert!(!id.is_empty() && id != en, "{f:?}: {id} / {en}");
            assert_eq!(en, f.to_string(), "the English words are the log's words");
        }
        let e = DeviceError::new(DeviceKind::Printer, "tcp://10.0.0.9:9100", Fault::NoAnswer { secs: 3 });
        assert_eq!(e.explain(Locale::Id), "printer tcp://10.0.0.9:9100: tidak ada jawaban dalam 3 detik");
        assert_eq!(e.explain(Locale::En), "printer tcp://10.0.0.9:9100: no answer within 3 s");
        let drawer = [DrawerError::NotConfigured, DrawerError::NoPrinter, DrawerError::Device(e.clone())];
        for d in &drawer {
            assert_ne!(d.explain(Locale::Id), d.explain(Locale::En));
        }
        for t in DeviceText::ALL {
            assert_ne!(t.get(Locale::Id), t.get(Locale::En));
        }
        let print = [
            PrintError::NotConfigured,
            PrintError::UnknownReceipt("S01-T01-000009".into()),
            PrintError::NotASale("S01-T01-000001".into()),
            PrintError::Device { job: 4, source: e },
            PrintError::Settings("x".into()),
        ];
        for p in &print {
            assert_ne!(p.explain(Locale::Id), p.explain(Locale::En), "{p:?}");
        }
    }
}
