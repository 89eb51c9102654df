//! USB barcode scanners that present themselves as keyboards, read straight from their Linux
//! input device (`/dev/input/by-id/…-event-kbd`) instead of through the focused window. With
//! `exclusive`, the device is grabbed: its keystrokes reach only Kasir, never the text field
//! that happens to have focus. The key codes are turned into text here (a scanner sends
//! plain ASCII: digits, letters with shift, a few marks) and Enter ends a scan.

/// Linux input key codes (input-event-codes.h) to the character a US keyboard layout gives,
/// without and with shift.
fn character(code: u16, shift: bool) -> Option<char> {
    const ROW_DIGITS: &[u8; 10] = b"1234567890";
    const SHIFTED_DIGITS: &[u8; 10] = b"!@#$%^&*()";
    let letters = |c: u8| Some(if shift { c.to_ascii_uppercase() } else { c } as char);
    match code {
        2..=11 => {
            let i = usize::from(code - 2);
            Some(if shift { SHIFTED_DIGITS[i] } else { ROW_DIGITS[i] } as char)
        }
        16..=25 => letters(b"qwertyuiop"[usize::from(code - 16)]),
        30..=38 => letters(b"asdfghjkl"[usize::from(code - 30)]),
        44..=50 => letters(b"zxcvbnm"[usize::from(code - 44)]),
        12 => Some(if shift { '_' } else { '-' }),
        13 => Some(if shift { '+' } else { '=' }),
        51 => Some(if shift { '<' } else { ',' }),
        52 => Some(if shift { '>' } else { '.' }),
        53 => Some(if shift { '?' } else { '/' }),
        57 => Some(' '),
        // The keypad: digits whatever shift says.
        71..=73 => Some((b'7' + (code - 71) as u8) as char),
        75..=77 => Some((b'4' + (code - 75) as u8) as char),
        79..=81 => Some((b'1' + (code - 79) as u8) as char),
        82 => Some('0'),
        _ => None,
    }
}

const KEY_ENTER: u16 = 28;
const KEY_KPENTER: u16 = 96;
const KEY_LEFTSHIFT: u16 = 42;
const KEY_RIGHTSHIFT: u16 = 54;

/// Turns key events into scans.
#[derive(Debug, Default)]
pub struct KeyDecoder {
    shift: bool,
    text: String,
}

impl KeyDecoder {
    /// One key event (`value`: 1 pressed, 0 released, 2 held); a finished scan when Enter
    /// is pressed after some text.
    pub fn key(&mut self, code: u16, value: i32) -> Option<String> {
        match (code, value) {
            (KEY_LEFTSHIFT | KEY_RIGHTSHIFT, v) => {
                self.shift = v != 0;
                None
            }
            (KEY_ENTER | KEY_KPENTER, 1) => {
                let scan = std::mem::take(&mut self.text);
                (!scan.is_empty()).then_some(scan)
            }
            (_, 1) => {
                if let Some(c) = character(code, self.shift) {
                    self.text.push(c);
                }
                None
            }
            _ => None,
        }
    }
}

#[cfg(target_os = "linux")]
mod device {
    use super::KeyDecoder;
    use crate::{DeviceError, DeviceKind, Fault};

    /// A scanner's input device.
    pub struct HidScanner {
        device: evdev::Device,
        name: String,
        decoder: KeyDecoder,
        pending: std::collections::VecDeque<String>,
    }

    impl HidScanner {
        /// Opens `path` (`/dev/input/eventN` or a `/dev/input/by-id/…` link); with
        /// `exclusive`, grabs it so no window sees its keystrokes.
        pub fn open(path: &str, exclusive: bool) -> Result<HidScanner, DeviceError> {
            let name = format!("hid:{path}");
            let fail = |fault: Fault| DeviceError::new(DeviceKind::Scanner, name.clone(), fault);
            let mut device = evdev::Device::open(path).map_err(|e| fail(Fault::Open(e.to_string())))?;
            if exclusive {
                device.grab().map_err(|e| fail(Fault::Grab(e.to_string())))?;
            }
            Ok(HidScanner { device, name, decoder: KeyDecoder::default(), pending: Default::default() })
        }

        /// The next scan (blocks until one comes).
        pub fn next_scan(&mut self) -> Result<String, DeviceError> {
            loop {
                if let Some(scan) = self.pending.pop_front() {
                    return Ok(scan);
                }
                let events = self.device.fetch_events().map_err(|e| {
                    DeviceError::new(DeviceKind::Scanner, self.name.clone(), Fault::ReadFailed(e.to_string()))
                })?;
                for e in events {
                    if e.event_type() == evdev::EventType::KEY
                        && let Some(scan) = self.decoder.key(e.code(), e.value())
                    {
                        self.pending.push_back(scan);
                    }
                }
            }
        }
    }
}

#[cfg(target_os = "linux")]
pub use device::HidScanner;

#[cfg(test)]
mod tests {
    use super::*;

    /// Press and release of each key, as a scanner sends them.
    fn type_keys(d: &mut KeyDecoder, keys: &[(u16, bool)]) -> Vec<String> {
        let mut scans = Vec::new();
        for &(code, shifted) in keys {
            if shifted {
                d.key(KEY_LEFTSHIFT, 1);
            }
            scans.extend(d.key(code, 1));
            d.key(code, 0);
            if shifted {
                d.key(KEY_LEFTSHIFT, 0);
            }
        }
        scans
    }

    #[test]
    fn key_codes_become_the_scanned_text() {
        let mut d = KeyDecoder::default();
        // 8 9 9 1 Enter, then S 0 1 - T 0 1 Enter (a receipt barcode), keypad 7 Enter.
        let keys = [
            (9, false),
            (10, false),
            (10, false),
            (2, false),
            (KEY_ENTER, false),
            (31, true),
            (11, false),
            (2, false),
            (12, false),
            (20, true),
            (11, false),
            (2, false),
            (KEY_ENTER, false),
            (71, false),
            (KEY_KPENTER, false),
        ];
        assert_eq!(type_keys(&mut d, &keys), ["8991", "S01-T01", "7"]);
        // Enter on nothing is no scan; held keys do not repeat characters.
        assert_eq!(d.key(KEY_ENTER, 1), None);
        d.key(9, 1);
        d.key(9, 2);
        d.key(9, 0);
        assert_eq!(d.key(KEY_ENTER, 1).as_deref(), Some("8"));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_missing_device_is_named() {
        let e = HidScanner::open("/dev/input/by-id/no-such-scanner", true).err().unwrap();
        assert!(
            e.to_string().starts_with("scanner hid:/dev/input/by-id/no-such-scanner: cannot open"),
            "{e}"
        );
    }
}
