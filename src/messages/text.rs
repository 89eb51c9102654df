//! Screen labels and fixed notices: Indonesian first, then English.

use super::catalogue;

catalogue! {
    /// A fixed text on a screen.
    Text {
        FinishOrParkFirst => "Selesaikan atau parkir transaksi ini dulu", "Finish or park this sale first";
        FinishOrParkBeforeLogout =>
            "Selesaikan atau parkir transaksi ini sebelum keluar", "Finish or park this sale before logging out";
    }
}
