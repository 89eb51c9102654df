//! The one `Storage` implementation shape both engines share: every call is handed to the
//! function of the same name in the engine's module for that concern (`stores`, `enrolment`,
//! `ingest`, `catalogue`, `stock`, `reports`, `security`, `users`), which takes the engine.

/// `impl Storage for $engine`, delegating each call to `concern::call(self, …)` as resolved
/// where the macro is used.
macro_rules! impl_storage {
    ($engine:ty) => {
        #[async_trait::async_trait]
        impl $crate::storage::Storage for $engine {
            async fn add_store(&self, code: &str, name: &str) -> Result<(), $crate::storage::StorageError> {
                stores::add_store(self, code, name).await
            }

            async fn add_terminal(
                &self,
                store: &str,
                terminal: &str,
                token_hash: &str,
            ) -> Result<(), $crate::storage::StorageError> {
                stores::add_terminal(self, store, terminal, token_hash).await
            }

            async fn credentials(
                &self,
                store: &str,
                terminal: &str,
            ) -> Result<Option<$crate::storage::TerminalCredentials>, $crate::storage::StorageError> {
                stores::credentials(self, store, terminal).await
            }

            async fn upgrade_token_hash(
                &self,
                origin: &kasir_core::chain::Origin,
                legacy_hash: &str,
                token_hash: &str,
            ) -> Result<bool, $crate::storage::StorageError> {
                stores::upgrade_token_hash(self, origin, legacy_hash, token_hash).await
            }

            async fn set_pending_token(
                &self,
                origin: &kasir_core::chain::Origin,
                token_hash: &str,
            ) -> Result<bool, $crate::storage::StorageError> {
                stores::set_pending_token(self, origin, token_hash).await
            }

            async fn promote_pending_token(
                &self,
                origin: &kasir_core::chain::Origin,
                token_hash: &str,
            ) -> Result<bool, $crate::storage::StorageError> {
                stores::promote_pending_token(self, origin, token_hash).await
            }

            async fn revoke_terminal(
                &self,
                store: &str,
                terminal: &str,
            ) -> Result<(), $crate::storage::StorageError> {
                stores::revoke_terminal(self, store, terminal).await
            }

            async fn rotate_token(
                &self,
                store: &str,
                terminal: &str,
            ) -> Result<(), $crate::storage::StorageError> {
                stores::rotate_token(self, store, terminal).await
            }

            async fn replace_token(
                &self,
                store: &str,
                terminal: &str,
                token_hash: &str,
            ) -> Result<(), $crate::storage::StorageError> {
                stores::replace_token(self, store, terminal, token_hash).await
            }

            async fn record_auth_failures(
                &self,
                failures: &[$crate::storage::AuthFailures],
            ) -> Result<(), $crate::storage::StorageError> {
                stores::record_auth_failures(self, failures).await
            }

            async fn auth_failures(
                &self,
                store: Option<&str>,
                since: Option<chrono::DateTime<chrono::Utc>>,
            ) -> Result<Vec<$crate::storage::AuthFailures>, $crate::storage::StorageError> {
                stores::auth_failures(self, store, since).await
            }

            async fn ingest_from(
                &self,
                origin: &kasir_core::chain::Origin,
                batch: Vec<$crate::storage::Incoming>,
                ledger_seq: Option<u64>,
                seen: Option<$crate::storage::SeenTip>,
            ) -> Result<$crate::storage::IngestOutcome, $crate::storage::StorageError> {
                // Whoever calls (the API, a test, a tool), what head office derives from a
                // document must store whatever text the terminal sealed; the canonical text
                // is kept as it came.
                let mut batch = batch;
                batch.iter_mut().for_each(|i| $crate::text::storable_document(&mut i.document));
                ingest::ingest(self, origin, batch, ledger_seq, seen).await
            }

            async fn changes(
                &self,
                store: &str,
                since: u64,
                limit: u32,
            ) -> Result<kasir_core::wire::ChangePage, $crate::storage::StorageError> {
                ingest::changes(self, store, since, limit).await
            }

            async fn put_products(
                &self,
                products: &[kasir_core::wire::ProductRecord],
            ) -> Result<(), $crate::storage::StorageError> {
                catalogue::put_products(self, products).await
            }

            async fn products(
                &self,
                search: &str,
                offset: u32,
                limit: u32,
            ) -> Result<(Vec<kasir_core::wire::ProductRecord>, u64), $crate::storage::StorageError> {
                catalogue::products(self, search, offset, limit).await
            }

            async fn product(
                &self,
                sku: &str,
            ) -> Result<Option<kasir_core::wire::ProductRecord>, $crate::storage::StorageError> {
                catalogue::product(self, sku).await
            }

            async fn quick_keys(
                &self,
            ) -> Result<Vec<kasir_core::wire::QuickKeyRecord>, $crate::storage::StorageError> {
                catalogue::quick_keys(self).await
            }

            async fn tax_classes(
                &self,
            ) -> Result<Vec<kasir_core::wire::TaxClassRecord>, $crate::storage::StorageError> {
                catalogue::tax_classes(self).await
            }

            async fn put_tax_class(
                &self,
                t: &kasir_core::wire::TaxClassRecord,
            ) -> Result<(), $crate::storage::StorageError> {
                catalogue::put_tax_class(self, t).await
            }

            async fn put_quick_keys(
                &self,
                keys: &[kasir_core::wire::QuickKeyRecord],
            ) -> Result<(), $crate::storage::StorageError> {
                catalogue::put_quick_keys(self, keys).await
            }

            async fn record_stock(
                &self,
                e: &$crate::storage::StockEntry,
            ) -> Result<i64, $crate::storage::StorageError> {
                stock::record_stock(self, e).await
            }

            async fn stock(&self, store: &str) -> Result<Vec<(String, i64)>, $crate::storage::StorageError> {
                stock::stock(self, store).await
            }

            async fn set_reorder_level(
                &self,
                store: &str,
                sku: &str,
                level_milli: i64,
            ) -> Result<(), $crate::storage::StorageError> {
                stock::set_reorder_level(self, store, sku, level_milli).await
            }

            async fn stock_overview(
                &self,
                store: &str,
            ) -> Result<Vec<$crate::storage::StockRow>, $crate::storage::StorageError> {
                stock::stock_overview(self, store).await
            }

            async fn low_stock(
                &self,
                stores: Option<&[String]>,
            ) -> Result<Vec<$crate::storage::StockRow>, $crate::storage::StorageError> {
                stock::low_stock(self, stores).await
            }

            async fn send_transfer(
                &self,
                from: &str,
                to: &str,
                lines: &[(String, i64)],
                note: &str,
                by_user: &str,
            ) -> Result<i64, $crate::storage::StorageError> {
                stock::send_transfer(self, from, to, lines, note, by_user).await
            }

            async fn receive_transfer(
                &self,
                id: i64,
                by_user: &str,
            ) -> Result<$crate::storage::TransferReceipt, $crate::storage::StorageError> {
                stock::receive_transfer(self, id, by_user).await
            }

            async fn transfer(
                &self,
                id: i64,
            ) -> Result<Option<$crate::storage::Transfer>, $crate::storage::StorageError> {
                stock::transfer(self, id).await
            }

            async fn transfers(
                &self,
                stores: Option<&[String]>,
            ) -> Result<Vec<$crate::storage::Transfer>, $crate::storage::StorageError> {
                stock::transfers(self, stores).await
            }

            async fn sales_report(
                &self,
                q: &$crate::storage::ReportQuery,
            ) -> Result<Vec<$crate::storage::ReportRow>, $crate::storage::StorageError> {
                reports::sales_report(self, q).await
            }

            async fn terminals(
                &self,
            ) -> Result<Vec<$crate::storage::TerminalStatus>, $crate::storage::StorageError> {
                reports::terminals(self).await
            }

            async fn rejected(
                &self,
            ) -> Result<Vec<$crate::storage::RejectedDocument>, $crate::storage::StorageError> {
                reports::rejected(self).await
            }

            async fn record_security_events(
                &self,
                origin: &kasir_core::chain::Origin,
                events: &[$crate::storage::NewSecurityEvent],
            ) -> Result<kasir_core::wire::SecurityEventAck, $crate::storage::StorageError> {
                security::record_security_events(self, origin, events).await
            }

            async fn security_events(
                &self,
                store: Option<&str>,
                since: Option<chrono::DateTime<chrono::Utc>>,
            ) -> Result<Vec<$crate::storage::StoredSecurityEvent>, $crate::storage::StorageError> {
                security::security_events(self, store, since).await
            }

            async fn sale_for_return(
                &self,
                store: &str,
                receipt: &str,
            ) -> Result<Option<kasir_core::wire::SaleLookup>, $crate::storage::StorageError> {
                reports::sale_for_return(self, store, receipt).await
            }

            async fn add_user(
                &self,
                user: &$crate::storage::NewUser,
            ) -> Result<(), $crate::storage::StorageError> {
                users::add_user(self, user).await
            }

            async fn set_user_stores(
                &self,
                code: &str,
                stores: &[String],
            ) -> Result<(), $crate::storage::StorageError> {
                users::set_user_stores(self, code, stores).await
            }

            async fn deactivate_user(&self, code: &str) -> Result<(), $crate::storage::StorageError> {
                users::deactivate_user(self, code).await
            }

            async fn set_user_pin(
                &self,
                code: &str,
                pin_hash: &str,
            ) -> Result<(), $crate::storage::StorageError> {
                users::set_user_pin(self, code, pin_hash).await
            }

            async fn users(
                &self,
                store: Option<&str>,
            ) -> Result<Vec<$crate::storage::UserSummary>, $crate::storage::StorageError> {
                users::users(self, store).await
            }

            async fn store(
                &self,
                code: &str,
            ) -> Result<Option<kasir_core::wire::StoreIdentity>, $crate::storage::StorageError> {
                stores::store(self, code).await
            }

            async fn set_store(
                &self,
                code: &str,
                change: &$crate::storage::StoreChange,
            ) -> Result<(), $crate::storage::StorageError> {
                stores::set_store(self, code, change).await
            }

            async fn issue_enrolment_code(
                &self,
                store: &str,
                terminal: &str,
                code_hash: &str,
                expires_at: chrono::DateTime<chrono::Utc>,
            ) -> Result<(), $crate::storage::StorageError> {
                enrolment::issue_enrolment_code(self, store, terminal, code_hash, expires_at).await
            }

            async fn enrolment_terminal(
                &self,
                code_hash: &str,
            ) -> Result<kasir_core::chain::Origin, $crate::storage::StorageError> {
                enrolment::enrolment_terminal(self, code_hash).await
            }

            async fn enrol(
                &self,
                code_hash: &str,
                origin: &kasir_core::chain::Origin,
                token_hash: &str,
            ) -> Result<kasir_core::wire::StoreIdentity, $crate::storage::StorageError> {
                enrolment::enrol(self, code_hash, origin, token_hash).await
            }
        }
    };
}

pub(crate) use impl_storage;
