//! A small sorted map for the payload's maps (attributes, metrics, CustomConfig): they hold one
//! to a few entries, and a `BTreeMap` node keeps room for eleven, so ten thousand campaigns
//! would hold ten times the memory their maps use.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Entries sorted by key, each key once: iterated, compared and serialised as a `BTreeMap` is.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Map<K, V>(Box<[(K, V)]>);

impl<K, V> Default for Map<K, V> {
    fn default() -> Self {
        Map(Box::default())
    }
}

impl<K: Ord, V> Map<K, V> {
    /// Sorted by key; of entries with the same key the last wins, as inserting into a map does.
    fn from_entries(mut entries: Vec<(K, V)>) -> Self {
        entries.reverse();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        entries.dedup_by(|later, first| later.0 == first.0);
        Map(entries.into_boxed_slice())
    }
}

impl<K, V> Map<K, V> {
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&K, &V)> + Clone {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The value for `key`, looked up as the keys' own text.
    pub fn get<Q>(&self, key: &Q) -> Option<&V>
    where
        K: std::borrow::Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.0
            .binary_search_by(|(k, _)| k.borrow().cmp(key))
            .ok()
            .map(|i| &self.0[i].1)
    }
}

impl<K: Ord, V> FromIterator<(K, V)> for Map<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        Map::from_entries(iter.into_iter().collect())
    }
}

impl<K: Ord, V, const N: usize> From<[(K, V); N]> for Map<K, V> {
    fn from(entries: [(K, V); N]) -> Self {
        Map::from_entries(entries.into())
    }
}

impl<'a, K, V> IntoIterator for &'a Map<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (K, V)>, fn(&'a (K, V)) -> (&'a K, &'a V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl<K: Serialize, V: Serialize> Serialize for Map<K, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0.iter() {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, K, V> Deserialize<'de> for Map<K, V>
where
    K: Deserialize<'de> + Ord,
    V: Deserialize<'de>,
{
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Entries<K, V>(PhantomData<(K, V)>);

        impl<'de, K, V> Visitor<'de> for Entries<K, V>
        where
            K: Deserialize<'de> + Ord,
            V: Deserialize<'de>,
        {
            type Value = Map<K, V>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::with_capacity(access.size_hint().unwrap_or(0).min(64));
                while let Some(entry) = access.next_entry()? {
                    entries.push(entry);
                }
                Ok(Map::from_entries(entries))
            }
        }

        d.deserialize_map(Entries(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[test]
    fn reads_compares_and_writes_as_a_btree_map_does() {
        let text = r#"{"b":1,"a":2,"c":3,"a":4}"#;
        let map: Map<String, i32> = serde_json::from_str(text).unwrap();
        let btree: BTreeMap<String, i32> = serde_json::from_str(text).unwrap();
        assert_eq!(
            serde_json::to_string(&map).unwrap(),
            r#"{"a":4,"b":1,"c":3}"#
        );
        assert_eq!(
            serde_json::to_string(&map).unwrap(),
            serde_json::to_string(&btree).unwrap()
        );
        assert!(map.iter().map(|(k, v)| (k.clone(), *v)).eq(btree.clone()));
        assert_eq!(map.get("a"), Some(&4));
        assert_eq!(map.get("z"), None);
        assert_eq!(map.len(), 3);
        assert_eq!(
            map,
            Map::from([("c".into(), 3), ("a".into(), 4), ("b".into(), 1)])
        );
    }

    #[test]
    fn holds_exactly_its_entries() {
        let map: Map<String, i32> = serde_json::from_str(r#"{"only":1}"#).unwrap();
        assert_eq!(map.0.len(), 1);
        let empty: Map<String, i32> = serde_json::from_str("{}").unwrap();
        assert!(empty.is_empty());
    }

    #[test]
    fn not_a_map_is_an_error() {
        assert!(serde_json::from_str::<Map<String, i32>>("[1]").is_err());
    }
}
