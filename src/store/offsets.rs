//! A list of file offsets packed as variable-length deltas: the spill file keeps one per
//! observation, and a delta between neighbouring observations of a rule fits in two or
//! three bytes where a plain `u64` takes eight.

/// Offsets in the order they were pushed, each stored as the zig-zag LEB128 encoding of its
/// difference from the one before (so any order packs, increasing ones best).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Offsets {
    bytes: Vec<u8>,
    len: usize,
    last: u64,
}

impl Offsets {
    /// The offsets of `items`, in order.
    pub fn from_slice(items: &[u64]) -> Self {
        let mut packed = Offsets::default();
        for &offset in items {
            packed.push(offset);
        }
        packed.bytes.shrink_to_fit();
        packed
    }

    /// Appends one offset.
    pub fn push(&mut self, offset: u64) {
        let delta = offset.wrapping_sub(self.last) as i64;
        let mut zigzag = ((delta << 1) ^ (delta >> 63)) as u64;
        loop {
            let byte = (zigzag & 0x7f) as u8;
            zigzag >>= 7;
            if zigzag == 0 {
                self.bytes.push(byte);
                break;
            }
            self.bytes.push(byte | 0x80);
        }
        self.last = offset;
        self.len += 1;
    }

    /// How many offsets there are.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Releases the spare capacity left by growing.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.bytes.shrink_to_fit();
    }

    /// The offsets, in order.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            bytes: &self.bytes,
            last: 0,
        }
    }
}

/// The offsets of an [`Offsets`], decoded one at a time.
#[derive(Clone, Debug)]
pub(crate) struct Iter<'a> {
    bytes: &'a [u8],
    last: u64,
}

impl Iterator for Iter<'_> {
    type Item = u64;

    fn next(&mut self) -> Option<u64> {
        let mut zigzag = 0u64;
        let mut shift = 0;
        loop {
            let (&byte, rest) = self.bytes.split_first()?;
            self.bytes = rest;
            zigzag |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                break;
            }
            shift += 7;
        }
        let delta = ((zigzag >> 1) as i64) ^ -((zigzag & 1) as i64);
        self.last = self.last.wrapping_add(delta as u64);
        Some(self.last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn increasing_offsets_take_a_few_bytes_each() {
        let items: Vec<u64> = (0..1000).map(|i| i * 30_000).collect();
        let packed = Offsets::from_slice(&items);
        assert_eq!(packed.iter().collect::<Vec<_>>(), items);
        assert_eq!(packed.len(), 1000);
        assert!(
            packed.bytes.len() <= 3 * 1000,
            "{} bytes",
            packed.bytes.len()
        );
    }

    proptest! {
        #[test]
        fn any_order_round_trips(items in proptest::collection::vec(any::<u64>(), 0..200)) {
            let packed = Offsets::from_slice(&items);
            prop_assert_eq!(packed.iter().collect::<Vec<_>>(), items.clone());
            prop_assert_eq!(packed.len(), items.len());
        }
    }
}
