//! Metrics against hand-computed examples, and the whole pipeline on a generated CSV:
//! prepare → train → quantize → evaluate → export.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test helpers may panic")]

use bazaar_inference::ModelFile;
use bazaar_model::{
	data::{prepare, read_interactions, Dataset, PrepareOptions, Split},
	evaluate::{evaluate, global_top_frequent, personal_top_frequent, ranking_metrics, top_k_by},
	float_model::{train, TrainOptions},
	int8::{export, load_int8, quantize},
	SplitMix64,
};
use codec::{Decode, Encode};
use std::{fmt::Write as _, fs};

fn close(a: f64, b: f64) -> bool {
	(a - b).abs() < 1e-9
}

#[test]
fn metrics_match_hand_computed_values() {
	// Target {1, 2, 3}; hits at ranks 1 and 3 of a 4-item list.
	let m = ranking_metrics(&[1, 9, 3, 8], &[1, 2, 3], 10);
	assert!(close(m.recall, 2.0 / 3.0));
	let dcg = 1.0 + 1.0 / 4f64.log2();
	let idcg = 1.0 + 1.0 / 3f64.log2() + 1.0 / 4f64.log2();
	assert!(close(m.ndcg, dcg / idcg));
	assert!(close(m.hit, 1.0));
	// No hit.
	let m = ranking_metrics(&[5, 6], &[1], 10);
	assert!(close(m.recall, 0.0) && close(m.ndcg, 0.0) && close(m.hit, 0.0));
	// A hit beyond k does not count; IDCG uses min(|T|, k) = 2 positions.
	let m = ranking_metrics(&[7, 1, 4], &[4, 1, 2, 3], 2);
	assert!(close(m.recall, 0.25));
	assert!(close(m.ndcg, (1.0 / 3f64.log2()) / (1.0 + 1.0 / 3f64.log2())));
	// Perfect list.
	assert!(close(ranking_metrics(&[2, 1], &[1, 2], 10).ndcg, 1.0));
}

#[test]
fn top_frequency_baselines_and_tie_break() {
	assert_eq!(top_k_by([(5, 1.0), (2, 1.0), (9, 3.0)].into_iter(), 2, |_| false), vec![9, 2]);
	assert_eq!(top_k_by([(5, 1.0), (2, 1.0), (9, 3.0)].into_iter(), 3, |i| i == 9), vec![2, 5]);
	let past = vec![vec![4, 7], vec![7], vec![1, 7, 4]];
	assert_eq!(personal_top_frequent(&past, 10), vec![7, 4, 1]);
}

/// A synthetic marketplace: 120 users in 3 taste groups, each group buys from its own items,
/// with personal favourites that repeat.
fn synthetic_csv() -> String {
	let mut rng = SplitMix64::new(1);
	let mut csv = String::from("user,item,timestamp\n");
	for user in 0..120u64 {
		let group = user % 3;
		let favourite = group * 20 + rng.next_u64() % 20;
		for day in 0..(3 + rng.next_u64() % 6) {
			let _ = writeln!(csv, "u{user},item{favourite},{}", 1000 + day);
			for _ in 0..3 {
				let item = group * 20 + rng.next_u64() % 20;
				let _ = writeln!(csv, "u{user},item{item},{}", 1000 + day);
			}
		}
	}
	// A rare item (fewer than 3 baskets) is filtered out.
	csv.push_str("u0,rare,999\n");
	csv
}

#[test]
fn synthetic_pipeline_end_to_end() {
	let dir = std::env::temp_dir().join(format!("bazaar-model-test-{}", std::process::id()));
	fs::create_dir_all(&dir).unwrap();
	let csv = dir.join("interactions.csv");
	fs::write(&csv, synthetic_csv()).unwrap();

	let rows = read_interactions(&csv).unwrap();
	let dataset = prepare(&rows, "test".into(), PrepareOptions::default()).unwrap();
	assert!(!dataset.item_names.contains(&"rare".to_string()));
	assert_eq!(dataset.users.len(), 120);
	assert_eq!(dataset.split(Split::Train).count(), 86);
	assert_eq!(dataset.split(Split::Validation).count(), 10);
	assert_eq!(dataset.split(Split::Test).count(), 24);
	let path = dir.join("prepared.scale");
	dataset.save(&path).unwrap();
	let dataset = Dataset::load(&path).unwrap();
	// The same seed gives the same split.
	assert_eq!(prepare(&rows, "test".into(), PrepareOptions::default()).unwrap(), dataset);

	let options = TrainOptions { dim: 8, epochs: 3, ..TrainOptions::default() };
	let (float_model, report) = train(&dataset, &options).unwrap();
	assert_eq!(report.validation.users, 10);
	let int8 = quantize(&float_model).unwrap();
	assert_eq!(int8.rows.len(), dataset.item_count());

	let results = evaluate(&dataset, Split::Test, Some(&float_model), Some(&int8), 10).unwrap();
	let names: Vec<_> = results.iter().map(|r| r.name.as_str()).collect();
	assert_eq!(names, ["G-TopFreq", "P-TopFreq", "model (f32)", "model (int8)"]);
	let (f32_recall, int8_recall) = (results[2].metrics.recall(), results[3].metrics.recall());
	assert!(f32_recall > results[0].metrics.recall(), "the model learns the taste groups");
	assert!((f32_recall - int8_recall).abs() < 0.05, "int8 {int8_recall} vs f32 {f32_recall}");
	assert!(global_top_frequent(&dataset, 10).len() == 10);

	let out = dir.join("export");
	let digest = export(&int8, Some(&dataset), &out).unwrap();
	let bytes = fs::read(out.join("model.scale")).unwrap();
	assert_eq!(ModelFile::decode(&mut &bytes[..]).unwrap(), int8);
	assert_eq!(bytes, int8.encode());
	assert_eq!(fs::read_to_string(out.join("model.digest")).unwrap().trim(), digest);
	// The digest is the chain's: the hash chain over header and rows, with blake2b-256.
	let chain_digest = int8.digest(blake2b_256);
	assert_eq!(digest, chain_digest.iter().map(|b| format!("{b:02x}")).collect::<String>());
	assert_eq!(load_int8(&out.join("model.scale")).unwrap(), int8);

	// Corrupt input is reported, not a panic.
	fs::write(dir.join("corrupt.scale"), b"\x01\x02").unwrap();
	assert!(load_int8(&dir.join("corrupt.scale")).is_err());
	assert!(Dataset::load(&dir.join("missing.scale")).is_err());
	fs::write(dir.join("bad.csv"), "a,b\n1,2\n").unwrap();
	assert!(read_interactions(&dir.join("bad.csv")).is_err());
	fs::remove_dir_all(&dir).unwrap();
}

/// blake2b-256 (what `sp_io::hashing::blake2_256` computes on chain).
fn blake2b_256(bytes: &[u8]) -> [u8; 32] {
	use blake2::{digest::consts::U32, Blake2b, Digest};
	Blake2b::<U32>::digest(bytes).into()
}
