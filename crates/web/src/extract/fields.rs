//! Forms as the pages send them, read into a `#[derive(Deserialize)]` struct.
//!
//! HTML forms repeat a field for checkbox lists, multi-selects and ranked lists, which
//! `serde_urlencoded` refuses as a duplicate. Here the pairs are grouped by name first: a field
//! typed as a sequence (`Vec<_>`) takes every value in the order sent, any other field the first
//! one (a page that sends a hidden default before a checkbox means the first), and an `Option`
//! is `None` only when the field is absent. Values are taken as sent, not trimmed: a password
//! keeps its spaces, and a handler trims what it means to. Numbers and booleans parse from the
//! text; one that does not is a 400 naming the value, as a malformed form has always been.

use serde::de::value::{Error, MapDeserializer, SeqDeserializer};
use serde::de::{self, DeserializeOwned, Deserializer, IntoDeserializer, Visitor};
use serde::forward_to_deserialize_any;

/// Reads `pairs` into `T`.
pub fn from_pairs<T: DeserializeOwned>(pairs: Vec<(String, String)>) -> Result<T, Error> {
    let mut grouped: Vec<(String, Vec<String>)> = Vec::new();
    for (name, value) in pairs {
        match grouped.iter_mut().find(|(known, _)| *known == name) {
            Some((_, values)) => values.push(value),
            None => grouped.push((name, vec![value])),
        }
    }
    T::deserialize(MapDeserializer::new(grouped.into_iter().map(|(name, values)| (name, Values(values)))))
}

/// Every value a field was sent with.
struct Values(Vec<String>);

impl<'de> IntoDeserializer<'de, Error> for Values {
    type Deserializer = Values;

    fn into_deserializer(self) -> Values {
        self
    }
}

impl Values {
    fn first(self) -> Value {
        Value(self.0.into_iter().next().unwrap_or_default())
    }
}

macro_rules! from_first {
    ($($method:ident)*) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            self.first().$method(visitor)
        })*
    };
}

impl<'de> Deserializer<'de> for Values {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.first().deserialize_any(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_seq(SeqDeserializer::new(self.0.into_iter().map(Value)))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.first().deserialize_enum(name, variants, visitor)
    }

    from_first! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_u8
        deserialize_u16 deserialize_u32 deserialize_u64 deserialize_f32 deserialize_f64 deserialize_char
        deserialize_str deserialize_string deserialize_identifier deserialize_ignored_any
        deserialize_bytes deserialize_byte_buf deserialize_unit
    }

    forward_to_deserialize_any! { unit_struct tuple tuple_struct map struct }
}

/// One value of a field.
struct Value(String);

impl<'de> IntoDeserializer<'de, Error> for Value {
    type Deserializer = Value;

    fn into_deserializer(self) -> Value {
        self
    }
}

macro_rules! parsed {
    ($($method:ident => $visit:ident,)*) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            match self.0.trim().parse() {
                Ok(value) => visitor.$visit(value),
                Err(_) => Err(de::Error::invalid_value(de::Unexpected::Str(&self.0), &visitor)),
            }
        })*
    };
}

impl<'de> Deserializer<'de> for Value {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_string(self.0)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_enum(self.0.into_deserializer())
    }

    parsed! {
        deserialize_bool => visit_bool,
        deserialize_i8 => visit_i8,
        deserialize_i16 => visit_i16,
        deserialize_i32 => visit_i32,
        deserialize_i64 => visit_i64,
        deserialize_u8 => visit_u8,
        deserialize_u16 => visit_u16,
        deserialize_u32 => visit_u32,
        deserialize_u64 => visit_u64,
        deserialize_f32 => visit_f32,
        deserialize_f64 => visit_f64,
    }

    forward_to_deserialize_any! {
        char str string bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Settings {
        title: String,
        #[serde(default)]
        source: Vec<String>,
        minutes: Option<String>,
        anonymous: Option<String>,
        table: Option<u32>,
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(name, value)| ((*name).to_owned(), (*value).to_owned())).collect()
    }

    #[test]
    fn a_repeated_field_is_a_list_in_order_and_a_single_field_takes_its_first_value() {
        let settings: Settings = from_pairs(pairs(&[
            ("_csrf", "token"),
            ("title", " Ideas "),
            ("source", "b"),
            ("anonymous", "off"),
            ("source", "a"),
            ("anonymous", "on"),
            ("table", " 3 "),
        ]))
        .unwrap();
        assert_eq!(
            settings,
            Settings {
                title: " Ideas ".into(),
                source: vec!["b".into(), "a".into()],
                minutes: None,
                anonymous: Some("off".into()),
                table: Some(3),
            }
        );
    }

    #[test]
    fn a_missing_or_malformed_field_is_refused_with_its_name() {
        let missing = from_pairs::<Settings>(pairs(&[("source", "a")])).unwrap_err();
        assert!(missing.to_string().contains("title"), "{missing}");
        let malformed = from_pairs::<Settings>(pairs(&[("title", "t"), ("table", "three")])).unwrap_err();
        assert!(malformed.to_string().contains("three"), "{malformed}");
    }
}
