//! GDELT event exports: tab-separated, no header row, 57 columns (1.0
//! daily files), 58 (1.0 with SOURCEURL, from April 2013) or 61 (2.0).
//! Recognised by their shape and read with a built-in column map, so that
//! an analyst's download opens as it is.

/// GDELT 2.0's 61 columns, in order (the event table codebook).
const V2: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// The header GDELT leaves out, for a headerless tab-separated table of
/// `columns` fields whose first row looks like a GDELT event (a numeric id,
/// then an 8-digit SQLDATE and a 6-digit MonthYear). `None` otherwise.
pub fn headers_for(first_row: &[&str]) -> Option<Vec<String>> {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let shaped = first_row.len() >= 3
        && !first_row[0].is_empty()
        && first_row[0].bytes().all(|b| b.is_ascii_digit())
        && digits(first_row[1], 8)
        && digits(first_row[2], 6);
    if !shaped {
        return None;
    }
    let names: Vec<&str> = match first_row.len() {
        61 => V2.to_vec(),
        // 1.0: no ADM2 codes; SOURCEURL from April 2013 on.
        57 | 58 => V2
            .iter()
            .copied()
            .filter(|n| !n.ends_with("ADM2Code"))
            .take(first_row.len())
            .collect(),
        _ => return None,
    };
    Some(names.into_iter().map(str::to_string).collect())
}

/// The column map for GDELT's names (`--map` syntax).
pub const MAP: &str = "id=GLOBALEVENTID,start=SQLDATE,actors=Actor1Name+Actor2Name,category=EventRootCode,location=ActionGeo_FullName,url=SOURCEURL,latitude=ActionGeo_Lat,longitude=ActionGeo_Long,numbers=GoldsteinScale+NumMentions+NumSources+NumArticles+AvgTone";

/// CAMEO's twenty root event codes, as GDELT's codebook names them.
pub fn cameo_root(code: &str) -> Option<&'static str> {
    Some(match code.trim() {
        "01" => "Make public statement",
        "02" => "Appeal",
        "03" => "Express intent to cooperate",
        "04" => "Consult",
        "05" => "Engage in diplomatic cooperation",
        "06" => "Engage in material cooperation",
        "07" => "Provide aid",
        "08" => "Yield",
        "09" => "Investigate",
        "10" => "Demand",
        "11" => "Disapprove",
        "12" => "Reject",
        "13" => "Threaten",
        "14" => "Protest",
        "15" => "Exhibit force posture",
        "16" => "Reduce relations",
        "17" => "Coerce",
        "18" => "Assault",
        "19" => "Fight",
        "20" => "Use unconventional mass violence",
        _ => return None,
    })
}

/// A title for an event that has none: who did what to whom.
pub fn title(actor1: &str, root_code: &str, actor2: &str) -> String {
    let what =
        cameo_root(root_code).map_or_else(|| format!("CAMEO {}", root_code.trim()), str::to_string);
    let who = |s: &str| {
        let s = s.trim();
        if s.is_empty() {
            None
        } else {
            Some(s.to_string())
        }
    };
    match (who(actor1), who(actor2)) {
        (Some(a), Some(b)) => format!("{a}: {what} ({b})"),
        (Some(a), None) => format!("{a}: {what}"),
        (None, Some(b)) => format!("{what} ({b})"),
        (None, None) => what,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognised_by_shape_in_every_version() {
        let mut row = vec!["881990832", "20181024", "201810", "2018", "2018.8055"];
        row.resize(61, "");
        let h = headers_for(&row).unwrap();
        assert_eq!(h.len(), 61);
        assert_eq!(h[60], "SOURCEURL");
        row.truncate(58);
        let h = headers_for(&row).unwrap();
        assert_eq!(
            (h.len(), h[57].as_str(), h[56].as_str()),
            (58, "SOURCEURL", "DATEADDED")
        );
        row.truncate(57);
        assert_eq!(headers_for(&row).unwrap()[56], "DATEADDED");
        row.truncate(40);
        assert!(headers_for(&row).is_none());
        let mut other = vec!["id", "20181024", "201810"];
        other.resize(61, "");
        assert!(headers_for(&other).is_none());
    }

    #[test]
    fn titles_say_who_did_what() {
        assert_eq!(title("RUSSIA", "04", "SYRIA"), "RUSSIA: Consult (SYRIA)");
        assert_eq!(title("", "19", ""), "Fight");
        assert_eq!(title("POLICE", "99", ""), "POLICE: CAMEO 99");
    }
}
