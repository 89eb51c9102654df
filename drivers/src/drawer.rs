//! A cash drawer on a serial port of its own (not on the printer's drawer port). Such
//! drawers open on a pulse: the driver raises DTR for a moment and sends a byte (BEL), which
//! covers both kinds sold (signal-triggered and character-triggered).

use std::io::Write;
use std::time::Duration;

use crate::printer::serial_path;
use crate::{DeviceError, DeviceKind, Fault};

/// Opens the drawer at `serial:/dev/ttyS1` (or `@BAUD`).
pub fn kick_serial(address: &str) -> Result<(), DeviceError> {
    let fail = |fault: Fault| DeviceError::new(DeviceKind::Drawer, address, fault);
    let rest = address.strip_prefix("serial:").ok_or_else(|| fail(Fault::Expected("serial:/dev/ttyX")))?;
    let (path, baud) = serial_path(rest, 9600).map_err(fail)?;
    let mut port = serialport::new(&path, baud)
        .timeout(Duration::from_secs(2))
        .open()
        .map_err(|e| fail(crate::printer::open_error(&e)))?;
    let _ = port.write_data_terminal_ready(true);
    port.write_all(&[0x07])
        .and_then(|()| port.flush())
        .map_err(|e| fail(Fault::PulseNotSent(e.to_string())))?;
    std::thread::sleep(Duration::from_millis(100));
    let _ = port.write_data_terminal_ready(false);
    Ok(())
}
