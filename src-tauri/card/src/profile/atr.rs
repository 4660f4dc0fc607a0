//! The historical bytes of an Answer To Reset (ISO 7816-3 §8.2), which name the kind of card.

/// The historical bytes, or `None` when the ATR is too short for what its format bytes announce.
pub fn historical_bytes(atr: &[u8]) -> Option<&[u8]> {
    let (&format, mut rest) = atr.get(1..)?.split_first()?;
    let count = usize::from(format & 0x0F);
    let mut indicator = format;
    loop {
        // Bits 5 to 8 of T0 / TDi say which of TAi+1, TBi+1, TCi+1, TDi+1 follow.
        let present = usize::try_from((indicator >> 4).count_ones()).ok()?;
        let interface = rest.get(..present)?;
        rest = &rest[present..];
        if indicator & 0x80 == 0 {
            break;
        }
        indicator = *interface.last()?;
    }
    rest.get(..count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_test_cards_historical_bytes() {
        // As pcscd reports the virtual test card.
        let atr = [
            0x3B, 0x88, 0x81, 0x01, 0x45, 0x48, 0x52, 0x44, 0x45, 0x53, 0x4B, 0x31, 0x7F,
        ];
        assert_eq!(historical_bytes(&atr), Some(&b"EHRDESK1"[..]));
    }

    #[test]
    fn short_atrs_have_none() {
        assert_eq!(historical_bytes(&[]), None);
        assert_eq!(historical_bytes(&[0x3B]), None);
        assert_eq!(historical_bytes(&[0x3B, 0x88, 0x81]), None);
        assert_eq!(historical_bytes(&[0x3B, 0x02, 0x41]), None);
        assert_eq!(historical_bytes(&[0x3B, 0x00]), Some(&[][..]));
    }
}
