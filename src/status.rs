//! Typed status columns. `status_enum!` declares an enum stored as text with its SQL
//! conversions, its Fluent label id and its CSS class, so no status is matched as a string
//! and an unknown value in the database is an error, not a silent default.

/// Declares a status enum: `Variant = "stored text" => "fluent-label-id"`.
///
/// ```ignore
/// status_enum! {
///     /// Where an invoice stands.
///     pub enum InvoiceStatus {
///         Due = "due" => "invoice-status-due",
///         Paid = "paid" => "invoice-status-paid",
///     }
/// }
/// ```
#[macro_export]
macro_rules! status_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal => $label:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every status, in declaration order (filters and legends list them so).
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The text stored in the database and used in query strings.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(s: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s)
            }

            /// The Fluent id of the status' label.
            pub fn label_key(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// The badge's CSS class (`status-badge <text>`).
            pub fn css_class(self) -> &'static str {
                self.as_str()
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> ::rusqlite::Result<::rusqlite::types::ToSqlOutput<'_>> {
                Ok(::rusqlite::types::ToSqlOutput::from(self.as_str()))
            }
        }

        impl ::rusqlite::types::FromSql for $name {
            fn column_result(
                value: ::rusqlite::types::ValueRef<'_>,
            ) -> ::rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                $name::parse(text).ok_or_else(|| {
                    ::rusqlite::types::FromSqlError::Other(
                        format!(concat!("unknown ", stringify!($name), " {:?}"), text).into(),
                    )
                })
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    status_enum! {
        /// A status for the tests.
        enum Sample {
            Open = "open" => "sample-open",
            InFlight = "in_flight" => "sample-in-flight",
        }
    }

    #[test]
    fn a_status_round_trips_through_sqlite_and_refuses_unknown_text() {
        let conn = Connection::open_in_memory().unwrap();
        let back: Sample = conn
            .query_row("SELECT ?1", [Sample::InFlight], |r| r.get(0))
            .unwrap();
        assert_eq!(back, Sample::InFlight);
        assert_eq!(back.as_str(), "in_flight");
        assert_eq!(back.label_key(), "sample-in-flight");
        let unknown = conn.query_row("SELECT 'lost'", [], |r| r.get::<_, Sample>(0));
        assert!(unknown.is_err());
        assert_eq!(Sample::parse("open"), Some(Sample::Open));
        assert_eq!(Sample::ALL.len(), 2);
        assert_eq!(Sample::Open.css_class(), "open");
    }
}
