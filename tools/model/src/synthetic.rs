//! A small synthetic shop, for the dev chain's model.
//!
//! The shop has the shape of the dev chain's demo catalog (`DEMO_CATALOG` in the runtime's
//! genesis presets): [`ITEMS`] listings, [`PER_CATEGORY`] consecutive ones per category, created
//! at genesis in order (listing id = position). [`interactions`] makes up shoppers who mostly
//! buy within one favourite category (its more popular items more often), so a model trained on
//! them learns the categories. Item ids in the CSV are two-digit listing ids, so `prepare`
//! (which numbers items in string order) gives every listing its own id as model item id.

use crate::SplitMix64;
use std::fmt::Write as _;

/// Listings in the demo catalog.
pub const ITEMS: u64 = 12;

/// Listings per category (consecutive ids).
pub const PER_CATEGORY: u64 = 4;

/// A CSV `user,item,timestamp` of `users` shoppers, determined by `seed`. Each shopper has 4 to
/// 8 baskets, one a day, of 1 to 3 distinct items; an item is from the favourite category with
/// probability 0.8, and within a category the first items sell more (weights 4:3:2:1).
pub fn interactions(users: u32, seed: u64) -> String {
	let mut rng = SplitMix64::new(seed);
	let categories = ITEMS / PER_CATEGORY;
	let mut csv = String::from("user,item,timestamp\n");
	for user in 0..users {
		let favourite = rng.next_u64() % categories;
		let baskets = 4 + rng.next_u64() % 5;
		for day in 0..baskets {
			let size = 1 + rng.next_u64() % 3;
			let mut basket: Vec<u64> = Vec::new();
			while (basket.len() as u64) < size {
				let category =
					if rng.next_f32() < 0.8 { favourite } else { rng.next_u64() % categories };
				// Weights 4, 3, 2, 1 over the category's items: draw from 0..10.
				let draw = rng.next_u64() % 10;
				let within = match draw {
					0..=3 => 0,
					4..=6 => 1,
					7..=8 => 2,
					_ => 3,
				};
				let item = category * PER_CATEGORY + within;
				if !basket.contains(&item) {
					basket.push(item);
				}
			}
			for item in basket {
				let _ = writeln!(csv, "u{user:04},{item:02},{}", 1_700_000_000 + day * 86_400);
			}
		}
	}
	csv
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn shoppers_favour_one_category_and_the_output_is_deterministic() {
		let csv = interactions(50, 7);
		assert_eq!(csv, interactions(50, 7));
		assert_ne!(csv, interactions(50, 8));
		let rows: Vec<(&str, u64)> = csv
			.lines()
			.skip(1)
			.map(|line| {
				let mut fields = line.split(',');
				(fields.next().unwrap(), fields.next().unwrap().parse().unwrap())
			})
			.collect();
		assert!(rows.iter().all(|(_, item)| *item < ITEMS));
		// Most of a shopper's purchases are in one category.
		let first_user: Vec<u64> =
			rows.iter().filter(|(u, _)| *u == "u0000").map(|(_, i)| i / 4).collect();
		let top = (0..3).map(|c| first_user.iter().filter(|x| **x == c).count()).max().unwrap();
		assert!(top * 2 > first_user.len());
	}
}
