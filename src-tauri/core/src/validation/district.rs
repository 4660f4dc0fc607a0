//! The 18 districts of Hong Kong.

use super::ValueError;
use crate::coded::coded_enum;
use crate::issue::ErrorCode;

coded_enum! {
    /// The three regions the districts group into.
    pub enum Region {
        HongKongIsland = "hong_kong_island",
        Kowloon = "kowloon",
        NewTerritories = "new_territories",
    }
}

coded_enum! {
    /// A district of Hong Kong, by its stable code; the UI owns the English and Chinese names.
    pub enum District {
        CentralAndWestern = "central_and_western",
        WanChai = "wan_chai",
        Eastern = "eastern",
        Southern = "southern",
        YauTsimMong = "yau_tsim_mong",
        ShamShuiPo = "sham_shui_po",
        KowloonCity = "kowloon_city",
        WongTaiSin = "wong_tai_sin",
        KwunTong = "kwun_tong",
        KwaiTsing = "kwai_tsing",
        TsuenWan = "tsuen_wan",
        TuenMun = "tuen_mun",
        YuenLong = "yuen_long",
        North = "north",
        TaiPo = "tai_po",
        ShaTin = "sha_tin",
        SaiKung = "sai_kung",
        Islands = "islands",
    }
}

impl District {
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        District::from_code(raw.trim()).ok_or_else(|| ValueError::new(ErrorCode::DistrictUnknown))
    }

    pub fn region(self) -> Region {
        use District::*;
        match self {
            CentralAndWestern | WanChai | Eastern | Southern => Region::HongKongIsland,
            YauTsimMong | ShamShuiPo | KowloonCity | WongTaiSin | KwunTong => Region::Kowloon,
            KwaiTsing | TsuenWan | TuenMun | YuenLong | North | TaiPo | ShaTin | SaiKung
            | Islands => Region::NewTerritories,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_eighteen_districts_in_three_regions() {
        assert_eq!(District::ALL.len(), 18);
        let count = |r| District::ALL.iter().filter(|d| d.region() == r).count();
        assert_eq!(
            (
                count(Region::HongKongIsland),
                count(Region::Kowloon),
                count(Region::NewTerritories)
            ),
            (4, 5, 9)
        );
    }

    #[test]
    fn parses_codes_and_rejects_names() {
        assert_eq!(District::parse("sha_tin"), Ok(District::ShaTin));
        assert_eq!(
            District::parse("Sha Tin").map_err(|e| e.code),
            Err(ErrorCode::DistrictUnknown)
        );
        assert_eq!(
            District::parse("").map_err(|e| e.code),
            Err(ErrorCode::DistrictUnknown)
        );
    }
}
