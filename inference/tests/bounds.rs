//! Integer math at its bounds, ranking order, validation and the challenge checks.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test helpers may panic")]

use bazaar_inference::*;
use codec::{Decode, Encode, MaxEncodedLen};

fn header(dim: u16, repeat_weight: i32, flags: u8) -> ModelHeader {
	ModelHeader {
		format_version: FORMAT_VERSION,
		dim,
		item_count: 0,
		recency_decay_q15: 29_491,
		user_shift: 7,
		repeat_weight,
		flags,
	}
}

fn row(dim: u16, input: i8, output: i8, bias: i32) -> ItemRow {
	ItemRow {
		input: Embedding::new(vec![input; dim.into()]).unwrap(),
		output: Embedding::new(vec![output; dim.into()]).unwrap(),
		bias,
	}
}

fn model(header: ModelHeader, rows: Vec<(ItemId, ItemRow)>) -> ModelFile {
	ModelFile { header: ModelHeader { item_count: rows.len() as u32, ..header }, rows }
}

/// The score in unbounded i128 arithmetic, following the documented formulas: the taste
/// recurrence over the purchases in basket order, the shares over the whole history.
fn reference_score(model: &ModelFile, history: &[Purchase], item: ItemId) -> i128 {
	let h = &model.header;
	let latest = history.iter().map(|p| p.basket).max().unwrap_or(0);
	let mut sums = std::collections::BTreeMap::<ItemId, i128>::new();
	for p in history {
		*sums.entry(p.item).or_default() +=
			i128::from(recency_weight_q15(h.recency_decay_q15, latest - p.basket));
	}
	let total: i128 = sums.values().sum();
	let share = |s: i128| if total == 0 { 0 } else { (s << 15) / total };
	let mut ordered = history.to_vec();
	ordered.sort_by_key(|p| p.basket);
	let (mut taste, mut weight, mut basket) = (vec![0i128; h.dim.into()], 0i128, 0u32);
	for p in &ordered {
		if p.basket > basket {
			let factor = i128::from(recency_weight_q15(h.recency_decay_q15, p.basket - basket));
			taste.iter_mut().for_each(|t| *t = (*t * factor) >> 15);
			weight = (weight * factor) >> 15;
			basket = p.basket;
		}
		weight += 1 << 15;
		if let Some(r) = model.row(p.item) {
			for (t, x) in taste.iter_mut().zip(r.input.values()) {
				*t += i128::from(*x) << 15;
			}
		}
	}
	let u: Vec<i128> = taste
		.into_iter()
		.map(|t| if weight == 0 { 0 } else { ((t << 15) / weight) >> h.user_shift })
		.map(|x| x.clamp(-32767, 32767))
		.collect();
	let r = model.row(item).unwrap();
	let dot: i128 = u.iter().zip(r.output.values()).map(|(u, o)| u * i128::from(*o)).sum();
	let repeat = (share(sums.get(&item).copied().unwrap_or(0)) * i128::from(h.repeat_weight)) >> 15;
	dot + i128::from(r.bias) + repeat
}

fn max_history(items: u32) -> Vec<Purchase> {
	(0..MAX_HISTORY).map(|i| Purchase { item: i % items, basket: i / 4 }).collect()
}

#[test]
fn recency_weight_bounds() {
	assert_eq!(recency_weight_q15(32_768, u32::MAX), Q15_ONE);
	assert_eq!(recency_weight_q15(0, 0), Q15_ONE);
	assert_eq!(recency_weight_q15(0, 1), 0);
	assert_eq!(recency_weight_q15(u16::MAX, 5), Q15_ONE, "decay above 1.0 is capped");
	assert_eq!(recency_weight_q15(16_384, 3), 4_096);
	let mut previous = Q15_ONE;
	for age in 0..300 {
		let weight = recency_weight_q15(29_491, age);
		assert!(weight <= previous);
		previous = weight;
	}
}

#[test]
fn extreme_models_match_unbounded_reference() {
	for (input, output, bias) in [
		(127, 127, MAX_ABS_BIAS),
		(-128, -128, MAX_ABS_BIAS),
		(-128, 127, -MAX_ABS_BIAS),
		(127, -128, -MAX_ABS_BIAS),
	] {
		for decay in [0u16, 1, 29_491, 32_768] {
			for shift in [0u8, 7, MAX_USER_SHIFT] {
				let header = ModelHeader {
					recency_decay_q15: decay,
					user_shift: shift,
					..header(MAX_DIM, MAX_REPEAT_WEIGHT, FLAG_ALLOW_REPEAT)
				};
				let rows =
					(0..(MAX_K + 5)).map(|i| (i, row(MAX_DIM, input, output, bias))).collect();
				let model = model(header, rows);
				let table = ScoringTable::new(&model).unwrap();
				for history in [max_history(1), max_history(7), max_history(MAX_HISTORY), vec![]] {
					let user =
						UserProfile::build(&model.header, &history, |id| model.row(id).cloned())
							.unwrap();
					let top = table.top_k(&user, MAX_K).unwrap();
					assert_eq!(top.len(), MAX_K as usize);
					for r in &top {
						assert_eq!(i128::from(r.score), reference_score(&model, &history, r.item));
					}
					for pair in top.windows(2) {
						assert!(ranks_above(&pair[0], &pair[1]));
					}
				}
			}
		}
	}
}

#[test]
fn history_and_k_limits_are_errors() {
	let model = model(header(4, 0, FLAG_ALLOW_REPEAT), vec![(1, row(4, 1, 1, 0))]);
	let too_long = vec![Purchase { item: 1, basket: 0 }; MAX_HISTORY as usize + 1];
	assert_eq!(
		UserProfile::build(&model.header, &too_long, |id| model.row(id).cloned()),
		Err(ModelError::HistoryTooLong)
	);
	let user = UserProfile::build(&model.header, &[], |id| model.row(id).cloned()).unwrap();
	let table = ScoringTable::new(&model).unwrap();
	assert_eq!(table.top_k(&user, 0), Err(ModelError::InvalidK));
	assert_eq!(table.top_k(&user, MAX_K + 1), Err(ModelError::InvalidK));
}

#[test]
fn ties_break_by_lower_item_id_and_repeat_flag_excludes_history() {
	let rows: Vec<_> = [9, 3, 5].iter().map(|&i| (i, row(2, 0, 0, 100))).collect();
	let mut rows = rows;
	rows.sort_by_key(|r| r.0);
	rows.push((12, row(2, 0, 0, 50)));
	let with_repeat = model(header(2, 0, FLAG_ALLOW_REPEAT), rows.clone());
	let history = [Purchase { item: 3, basket: 0 }];
	let user = UserProfile::build(&with_repeat.header, &history, |id| with_repeat.row(id).cloned())
		.unwrap();
	let items = |m: &ModelFile| -> Vec<ItemId> {
		ScoringTable::new(m)
			.unwrap()
			.top_k(&user, 3)
			.unwrap()
			.iter()
			.map(|r| r.item)
			.collect()
	};
	assert_eq!(items(&with_repeat), vec![3, 5, 9]);
	let without_repeat = model(header(2, 0, 0), rows);
	assert_eq!(items(&without_repeat), vec![5, 9, 12]);
}

#[test]
fn repeat_term_uses_recency_weighted_share() {
	// Item 1 bought in the latest basket, item 2 one basket earlier, decay 0.5.
	let header = ModelHeader { recency_decay_q15: 16_384, ..header(1, 1 << 15, FLAG_ALLOW_REPEAT) };
	let model = model(header, vec![(1, row(1, 0, 0, 0)), (2, row(1, 0, 0, 0))]);
	let history = [Purchase { item: 1, basket: 8 }, Purchase { item: 2, basket: 7 }];
	let user = UserProfile::build(&model.header, &history, |id| model.row(id).cloned()).unwrap();
	// Shares 2/3 and 1/3 of 2^15 (floored): 21845 and 10922.
	assert_eq!(user.share_of(1), 21_845);
	assert_eq!(user.share_of(2), 10_922);
	let top = ScoringTable::new(&model).unwrap().top_k(&user, 2).unwrap();
	assert_eq!(
		top,
		vec![Recommendation { item: 1, score: 21_845 }, Recommendation { item: 2, score: 10_922 }]
	);
}

#[test]
fn validation_rejects_out_of_bound_models() {
	let ok = header(4, 0, 0);
	assert_eq!(ok.validate(), Ok(()));
	let cases = [
		(ModelHeader { format_version: 2, ..ok.clone() }, ModelError::UnsupportedFormatVersion),
		(ModelHeader { dim: 0, ..ok.clone() }, ModelError::InvalidDimension),
		(ModelHeader { dim: MAX_DIM + 1, ..ok.clone() }, ModelError::InvalidDimension),
		(ModelHeader { recency_decay_q15: 32_769, ..ok.clone() }, ModelError::InvalidRecencyDecay),
		(ModelHeader { repeat_weight: -1, ..ok.clone() }, ModelError::InvalidRepeatWeight),
		(
			ModelHeader { repeat_weight: MAX_REPEAT_WEIGHT + 1, ..ok.clone() },
			ModelError::InvalidRepeatWeight,
		),
		(
			ModelHeader { user_shift: MAX_USER_SHIFT + 1, ..ok.clone() },
			ModelError::InvalidUserShift,
		),
		(ModelHeader { flags: 2, ..ok.clone() }, ModelError::UnknownFlags),
	];
	for (header, error) in cases {
		assert_eq!(header.validate(), Err(error));
	}
	assert_eq!(row(3, 0, 0, 0).validate(&ok), Err(ModelError::DimensionMismatch));
	assert_eq!(row(4, 0, 0, MAX_ABS_BIAS + 1).validate(&ok), Err(ModelError::BiasOutOfRange));
	let unsorted = model(ok.clone(), vec![(2, row(4, 0, 0, 0)), (1, row(4, 0, 0, 0))]);
	assert_eq!(unsorted.validate(), Err(ModelError::RowsNotSorted));
	let miscounted = ModelFile { header: ModelHeader { item_count: 5, ..ok }, rows: vec![] };
	assert_eq!(miscounted.validate(), Err(ModelError::ItemCountMismatch));
}

#[test]
fn encoding_is_bounded() {
	let full = row(MAX_DIM, -128, 127, MAX_ABS_BIAS);
	assert_eq!(full.encode().len(), ItemRow::max_encoded_len());
	let too_long = (vec![0i8; usize::from(MAX_DIM) + 1], vec![0i8; 1], 0i32).encode();
	assert!(ItemRow::decode(&mut &too_long[..]).is_err());
	assert_eq!(ItemRow::decode(&mut &full.encode()[..]).unwrap(), full);
}

#[test]
fn challenge_checks() {
	let rows = (0..20u32)
		.map(|i| (i, row(4, (i % 7) as i8 - 3, (i % 5) as i8 - 2, i as i32 * 10)))
		.collect();
	let model = model(header(4, 5_000, FLAG_ALLOW_REPEAT), rows);
	let history = [Purchase { item: 3, basket: 0 }, Purchase { item: 11, basket: 1 }];
	let row_of = |id| model.row(id).cloned();
	let user = UserProfile::build(&model.header, &history, row_of).unwrap();
	let top = ScoringTable::new(&model).unwrap().top_k(&user, 5).unwrap();
	let h = &model.header;
	for r in &top {
		assert_eq!(
			check_claimed_score(h, &user, r.item, model.row(r.item), r.score),
			Ok(ChallengeVerdict::ClaimStands)
		);
		assert_eq!(
			check_claimed_score(h, &user, r.item, model.row(r.item), r.score + 1),
			Ok(ChallengeVerdict::FraudProven)
		);
	}
	assert_eq!(check_claimed_score(h, &user, 99, None, 0), Ok(ChallengeVerdict::FraudProven));
	let kth = top[4];
	for candidate in 0..20 {
		if top.iter().any(|r| r.item == candidate) {
			continue;
		}
		let row = model.row(candidate);
		assert_eq!(
			check_missed_item(h, &user, candidate, row, kth),
			Ok(ChallengeVerdict::ClaimStands)
		);
		// An attester that put the 4th-best item last with an inflated list is caught.
		let honest_score = score_item(h, &user, candidate, row.unwrap()).unwrap();
		let lower = Recommendation { item: kth.item, score: honest_score - 1 };
		assert_eq!(
			check_missed_item(h, &user, candidate, row, lower),
			Ok(ChallengeVerdict::FraudProven)
		);
		let tie = Recommendation { item: candidate + 1, score: honest_score };
		assert_eq!(
			check_missed_item(h, &user, candidate, row, tie),
			Ok(ChallengeVerdict::FraudProven)
		);
	}
	assert_eq!(check_missed_item(h, &user, 99, None, kth), Err(ModelError::UnknownItem));
}

#[test]
fn taste_recorded_one_purchase_at_a_time_equals_the_replayed_history() {
	let rows = (0..30u32)
		.map(|i| (i, row(MAX_DIM, (i as i8).wrapping_mul(37), 1, 0)))
		.collect::<Vec<_>>();
	for decay in [0u16, 1, 20_000, 29_491, 32_768] {
		let model =
			model(ModelHeader { recency_decay_q15: decay, ..header(MAX_DIM, 0, 0) }, rows.clone());
		let h = &model.header;
		// Several purchases per basket, gaps between baskets, an item without a row (99).
		let history: Vec<Purchase> = (0..MAX_HISTORY)
			.map(|i| Purchase {
				item: if i % 17 == 0 { 99 } else { i % 30 },
				basket: i / 3 + i / 50,
			})
			.collect();
		let mut taste = TasteVector::new(h);
		for (n, p) in history.iter().enumerate() {
			taste.record(h, p.basket, model.row(p.item)).unwrap();
			let replayed =
				TasteVector::replay(h, &history[..=n], |id| model.row(id).cloned()).unwrap();
			assert_eq!(taste, replayed, "after purchase {n} with decay {decay}");
		}
		let from_taste = UserProfile::new(h, &history, &taste).unwrap();
		let built = UserProfile::build(h, &history, |id| model.row(id).cloned()).unwrap();
		assert_eq!(from_taste, built);
		let top = ScoringTable::new(&model).unwrap().top_k(&from_taste, 10).unwrap();
		for r in &top {
			assert_eq!(i128::from(r.score), reference_score(&model, &history, r.item));
		}
	}
}

#[test]
fn taste_errors_and_encoding_bounds() {
	let h = header(4, 0, 0);
	let mut taste = TasteVector::new(&h);
	let before = taste.clone();
	assert_eq!(taste.record(&h, 1, Some(&row(3, 1, 1, 0))), Err(ModelError::DimensionMismatch));
	assert_eq!(
		taste.record(&h, 1, Some(&row(4, 1, 1, MAX_ABS_BIAS + 1))),
		Err(ModelError::BiasOutOfRange)
	);
	assert_eq!(taste, before, "a refused purchase changes nothing");
	let wider = ModelHeader { dim: 5, ..h.clone() };
	assert_eq!(taste.record(&wider, 1, None), Err(ModelError::DimensionMismatch));
	assert_eq!(UserProfile::new(&wider, &[], &taste), Err(ModelError::DimensionMismatch));
	assert_eq!(taste.user_vector(&h), vec![0; 4], "no purchase, no taste");
	let too_long = vec![Purchase { item: 0, basket: 0 }; MAX_HISTORY as usize + 1];
	assert_eq!(TasteVector::replay(&h, &too_long, |_| None), Err(ModelError::HistoryTooLong));

	let full_header = header(MAX_DIM, 0, 0);
	let mut full = TasteVector::new(&full_header);
	full.record(&full_header, u32::MAX, Some(&row(MAX_DIM, -128, 0, 0))).unwrap();
	assert_eq!(full.encode().len(), TasteVector::max_encoded_len());
	assert_eq!(TasteVector::decode(&mut &full.encode()[..]).unwrap(), full);
	let too_wide = (0u32, 0u64, vec![0i64; usize::from(MAX_DIM) + 1]).encode();
	assert!(TasteVector::decode(&mut &too_wide[..]).is_err());
	// A user who bought only the extreme row has exactly its value, before the shift.
	let unshifted = ModelHeader { user_shift: 0, ..full_header };
	assert_eq!(full.user_vector(&unshifted), vec![-32767; MAX_DIM.into()]);
}

/// A stand-in for blake2b-256: any function of all the bytes will do for these properties.
fn toy_hash(bytes: &[u8]) -> [u8; 32] {
	let mut out = [0u8; 32];
	let mut state: u64 = 0xcbf2_9ce4_8422_2325;
	for (i, b) in bytes.iter().enumerate() {
		state = (state ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
		out[i % 32] ^= (state >> 24) as u8;
	}
	out[..8].copy_from_slice(&state.to_le_bytes());
	out
}

#[test]
fn digest_chains_the_header_and_rows_in_order() {
	let rows: Vec<_> = (0..5).map(|id| (id, row(4, id as i8, 1, 10 * id as i32))).collect();
	let file = model(header(4, 0, 0), rows.clone());

	// Batch by batch, as the chain checks an upload, gives the digest of the whole file.
	let mut digest = header_digest(&file.header, toy_hash);
	for (id, row) in &rows {
		digest = extend_digest(&digest, *id, row, toy_hash);
	}
	assert_eq!(digest, file.digest(toy_hash));

	// Any change of a row, of the header or of the order gives another digest.
	let mut changed = file.clone();
	changed.rows[3].1.bias += 1;
	assert_ne!(changed.digest(toy_hash), file.digest(toy_hash));
	let mut reordered = file.clone();
	reordered.rows.swap(1, 2);
	assert_ne!(reordered.digest(toy_hash), file.digest(toy_hash));
	let mut other_header = file.clone();
	other_header.header.user_shift += 1;
	assert_ne!(other_header.digest(toy_hash), file.digest(toy_hash));
}
