//! What comes back and what it is worth, as typed so far: the lines and quantities against
//! the receipt, the goods scanned, and the refund the core computes for them, so the figure
//! on screen is the one the ledger will record.

use kasir_core::returns::{self, ReturnRequest};
use kasir_core::{Cart, Quantity, TenderKind};

use super::State;
use crate::app::config::RefundRule;
use crate::gui::Context;
use crate::messages::screens::ScreenSays;
use crate::messages::{Explain, Said};

impl State {
    /// The lines and quantities typed, as requests (blank fields left out).
    pub(super) fn requests(&self) -> Result<Vec<ReturnRequest>, Said> {
        let Some(o) = &self.original else { return Ok(vec![]) };
        o.sale
            .lines
            .iter()
            .zip(&self.quantities)
            .filter(|(_, typed)| !typed.trim().is_empty())
            .map(|(line, typed)| {
                let quantity = Quantity::parse(typed).map_err(|e| concerning(&line.name, e))?;
                Ok(ReturnRequest { line_no: line.line_no, quantity })
            })
            .collect()
    }

    /// The scanned goods as a cart, priced as today.
    pub(super) fn goods_cart(&self, ctx: &Context) -> Result<Cart, Said> {
        let c = &ctx.config;
        let mut cart = Cart::with_ceilings(c.currency(), c.tax.mode, c.limits().ceilings);
        for (product, typed) in &self.items {
            let quantity = Quantity::parse(typed).map_err(|e| concerning(&product.name, e))?;
            cart.add_separate(product.clone(), quantity, None).map_err(Said::from)?;
        }
        Ok(cart)
    }

    /// What the customer gets back for what is typed, as the core computes it.
    pub(super) fn preview(&self, ctx: &Context) -> Result<i64, Said> {
        if self.no_receipt {
            let cart = self.goods_cart(ctx)?;
            return Ok(returns::lines_from_cart(&cart, &cart.totals()).iter().map(|l| l.gross).sum());
        }
        let Some(o) = &self.original else { return Ok(0) };
        let requests = self.requests()?;
        if requests.is_empty() {
            return Ok(0);
        }
        let lines =
            returns::lines_from_sale(&o.sale, &o.receipt, &o.already, &requests).map_err(Said::from)?;
        Ok(lines.iter().map(|l| l.gross).sum())
    }

    /// In an exchange: the new goods' total and what is left to settle (positive: the customer
    /// pays it; negative: it goes back to them).
    pub(super) fn difference(&self, ctx: &Context) -> Result<(i64, i64), Said> {
        let credit = self.preview(ctx)?;
        let new = self.goods_cart(ctx)?.totals().total.minor();
        Ok((new, new - credit))
    }

    /// Tenders the store allows for this refund.
    pub(super) fn refund_kinds(&self, ctx: &Context) -> Vec<TenderKind> {
        let Some(o) = self.original.as_ref().filter(|_| !self.no_receipt) else {
            return vec![TenderKind::Cash];
        };
        match ctx.config.returns.refund_to {
            RefundRule::Cash => vec![TenderKind::Cash],
            RefundRule::Original => {
                let mut kinds: Vec<TenderKind> = o.sale.tenders.iter().map(|t| t.kind).collect();
                kinds.sort();
                kinds.dedup();
                kinds
            }
            RefundRule::Any => TenderKind::ALL.to_vec(),
        }
    }
}

/// A problem with one line or product, named as on screen.
fn concerning(subject: &str, e: impl Explain + Send + Sync + 'static) -> Said {
    Said::new(ScreenSays::Concerning { subject: subject.to_owned(), said: Said::new(e) })
}
