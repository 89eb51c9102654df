//! What happens at the counter, whichever way it comes in (the screen or a script): a sale,
//! a return, an exchange, a parked cart, the shift's cash, and the receipt's text. Each is a
//! plain flow over the store; none of them writes SQL.

pub mod checkout;
pub mod exchange;
pub mod receipt;
pub mod returns;
pub mod shift;
