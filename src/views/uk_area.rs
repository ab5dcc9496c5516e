//! Whether a position lies inside the United Kingdom, from a coarse table of boxes.
//!
//! The UK regulations extend to England and Wales, Scotland and Northern Ireland. Eight boxes of
//! latitude and longitude cover them: seven for Great Britain, cut so that they leave out
//! Ireland, France, the Isle of Man and the Channel Islands (Crown Dependencies, outside the
//! regulations), and one for Northern Ireland. Known coarseness: the Northern Ireland box also
//! holds the Irish border counties (Donegal, Louth, Monaghan, Cavan, Leitrim) and the box of
//! northern Scotland holds Inishtrahull, an uninhabited Irish island. The table catches what a
//! data check needs to catch — swapped latitude and longitude, positions in another country,
//! `0, 0` — not positions a few kilometres across the Irish border.
//!
//! Hand-written because no maintained crate offers UK boundaries small enough for WebAssembly;
//! the boxes are checked against the positions of towns at the coasts and borders in the tests.

/// One box: south, north latitude; west, east longitude (degrees, WGS 84), with its name.
pub struct Area {
    pub name: &'static str,
    pub south: f64,
    pub north: f64,
    pub west: f64,
    pub east: f64,
}

const fn area(name: &'static str, south: f64, north: f64, west: f64, east: f64) -> Area {
    Area {
        name,
        south,
        north,
        west,
        east,
    }
}

/// The boxes that make up the UK.
pub const UK_AREAS: [Area; 9] = [
    area("Isles of Scilly and the Lizard", 49.85, 49.95, -6.5, -4.9),
    area("Southern England and Cornwall", 49.95, 51.7, -6.5, 1.0),
    area("Kent coast", 51.0, 51.7, 1.0, 1.8),
    area(
        "Wales, the Midlands and East Anglia",
        51.7,
        53.45,
        -5.45,
        1.8,
    ),
    area("Northern England", 53.45, 54.6, -3.7, 0.3),
    area(
        "Cumbria, the North East and Galloway",
        54.6,
        55.3,
        -5.25,
        -0.5,
    ),
    area("Kintyre and the Borders", 55.3, 55.4, -6.0, -1.5),
    area("Scotland", 55.4, 58.7, -7.8, -1.5),
    area("Orkney and Shetland", 58.7, 60.9, -3.6, -0.6),
];

/// Northern Ireland (coarse: includes the Irish border counties).
pub const NORTHERN_IRELAND: Area = area("Northern Ireland", 54.0, 55.35, -8.2, -5.4);

impl Area {
    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        (self.south..=self.north).contains(&lat) && (self.west..=self.east).contains(&lon)
    }
}

/// The box of the UK that holds the position, if any.
pub fn uk_area(lat: f64, lon: f64) -> Option<&'static Area> {
    UK_AREAS
        .iter()
        .chain(std::iter::once(&NORTHERN_IRELAND))
        .find(|a| a.contains(lat, lon))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn towns_at_the_edges_of_the_uk_are_inside() {
        let inside = [
            ("London", 51.5074, -0.1278),
            ("Penzance", 50.1186, -5.5371),
            ("St Mary's, Scilly", 49.9146, -6.3117),
            ("Lizard", 49.9600, -5.2000),
            ("Dover", 51.1279, 1.3134),
            ("Margate", 51.3813, 1.3862),
            ("Lowestoft", 52.4811, 1.7500),
            ("St Davids", 51.8812, -5.2660),
            ("Holyhead", 53.3094, -4.6330),
            ("Liverpool", 53.4084, -2.9916),
            ("Whitehaven", 54.5489, -3.5870),
            ("Scarborough", 54.2831, -0.3998),
            ("Newcastle", 54.9783, -1.6178),
            ("Stranraer", 54.9030, -5.0240),
            ("Campbeltown", 55.4250, -5.6050),
            ("Glasgow", 55.8642, -4.2518),
            ("Stornoway", 58.2090, -6.3860),
            ("Peterhead", 57.5050, -1.7960),
            ("Kirkwall", 58.9810, -2.9600),
            ("Lerwick", 60.1550, -1.1450),
            ("Belfast", 54.5973, -5.9301),
            ("Derry", 54.9966, -7.3086),
            ("Enniskillen", 54.3438, -7.6315),
            ("Newry", 54.1751, -6.3402),
        ];
        for (name, lat, lon) in inside {
            assert!(uk_area(lat, lon).is_some(), "{name} should be inside");
        }
    }

    #[test]
    fn neighbours_are_outside() {
        let outside = [
            ("Dublin", 53.3498, -6.2603),
            ("Wexford", 52.3369, -6.4633),
            ("Cork", 51.8985, -8.4756),
            ("Douglas, Isle of Man", 54.1523, -4.4861),
            ("St Helier, Jersey", 49.1868, -2.1080),
            ("St Peter Port, Guernsey", 49.4550, -2.5360),
            ("Calais", 50.9513, 1.8587),
            ("Boulogne", 50.7264, 1.6147),
            ("Dieppe", 49.9229, 1.0775),
            ("Saint-Valery-en-Caux", 49.8700, 0.7100),
            ("Dunkirk", 51.0344, 2.3768),
            ("Malin Head", 55.3800, -7.3700),
            ("Galway", 53.2707, -9.0568),
            ("Sligo", 54.2766, -8.4761),
            ("Brussels", 50.8503, 4.3517),
            ("Null Island", 0.0, 0.0),
            (
                "London with latitude and longitude swapped",
                -0.1278,
                51.5074,
            ),
        ];
        for (name, lat, lon) in outside {
            assert!(uk_area(lat, lon).is_none(), "{name} should be outside");
        }
    }
}
