//! The Graph (OData EDM) primitive types.

/// A primitive type, recognised case-insensitively, with or without `Edm.`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Primitive {
    String,
    Boolean,
    Byte,
    SByte,
    Int16,
    Int32,
    Int64,
    Single,
    Double,
    Decimal,
    DateTimeOffset,
    Date,
    TimeOfDay,
    Duration,
    Guid,
    Binary,
    Stream,
    Json,
}

impl Primitive {
    pub fn parse(name: &str) -> Option<Self> {
        let name = name.trim();
        let bare = match name.get(..4) {
            Some(prefix) if prefix.eq_ignore_ascii_case("edm.") => &name[4..],
            _ => name,
        };
        Some(match bare.to_ascii_lowercase().as_str() {
            // A URL is a string on the wire.
            "string" | "url" | "uri" => Primitive::String,
            "boolean" | "bool" => Primitive::Boolean,
            "byte" => Primitive::Byte,
            "sbyte" => Primitive::SByte,
            "int16" => Primitive::Int16,
            // `int` and `integer` are how some pages spell Int32.
            "int32" | "int" | "integer" => Primitive::Int32,
            "int64" => Primitive::Int64,
            "single" => Primitive::Single,
            // Workbook pages write `number` or `numeric` for Excel's doubles.
            "double" | "number" | "numeric" => Primitive::Double,
            "decimal" => Primitive::Decimal,
            "datetimeoffset" | "datetime" | "timestamp" => Primitive::DateTimeOffset,
            "date" => Primitive::Date,
            "timeofday" => Primitive::TimeOfDay,
            "duration" => Primitive::Duration,
            "guid" => Primitive::Guid,
            "binary" => Primitive::Binary,
            "stream" => Primitive::Stream,
            "json" => Primitive::Json,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Primitive;

    #[test]
    fn primitives_are_case_insensitive_with_or_without_edm() {
        assert_eq!(Primitive::parse("Edm.Int32"), Some(Primitive::Int32));
        assert_eq!(Primitive::parse("edm.string"), Some(Primitive::String));
        assert_eq!(
            Primitive::parse("DateTimeOffset"),
            Some(Primitive::DateTimeOffset)
        );
        assert_eq!(Primitive::parse("user"), None);
        assert_eq!(Primitive::parse("int"), Some(Primitive::Int32));
        assert_eq!(
            Primitive::parse("DateTime"),
            Some(Primitive::DateTimeOffset)
        );
    }
}
