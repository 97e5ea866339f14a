//! Writes the hand-written seed inputs into a corpus directory (default `tests/fuzz/corpus`),
//! one file per seed, named `seed-<name>`, and the call dictionary next to it
//! (`tests/fuzz/calls.dict`). With `--stats <dir>...` it instead replays every input in the
//! directories and prints what the calls did (the table in `tests/fuzz/README.md`).

// A command-line tool: failing loudly is the right response to a bad directory.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::{fs, path::PathBuf};

fn main() {
	let args: Vec<String> = std::env::args().skip(1).collect();
	if args.first().map(String::as_str) == Some("--stats") {
		let mut inputs = 0usize;
		for dir in &args[1..] {
			for entry in fs::read_dir(dir).expect("the corpus directory is readable") {
				let data = fs::read(entry.expect("a directory entry").path()).expect("readable");
				bazaar_runtime_fuzzer::run(&data);
				inputs += 1;
			}
		}
		println!("{inputs} inputs replayed\n");
		print!("{}", bazaar_runtime_fuzzer::stats::table());
		return;
	}
	let dir = PathBuf::from(args.first().map_or("tests/fuzz/corpus", String::as_str));
	fs::create_dir_all(&dir).expect("the corpus directory can be created");
	for (name, data) in bazaar_runtime_fuzzer::seeds::seeds() {
		fs::write(dir.join(format!("seed-{name}")), data).expect("the seed is written");
	}
	let dictionary = dir.parent().unwrap_or(&dir).join("calls.dict");
	fs::write(&dictionary, bazaar_runtime_fuzzer::seeds::dictionary()).expect("dictionary written");
	println!("seeds written to {}, dictionary to {}", dir.display(), dictionary.display());
}
