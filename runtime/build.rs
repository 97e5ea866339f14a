//! Builds the runtime WASM blob (and, with `metadata-hash`, embeds the metadata hash so offline
//! signers can verify what they sign through `CheckMetadataHash`). With the environment variable
//! `BAZAAR_UPGRADE_TEST_WASM=1` (set by `scripts/test.sh`) it also builds the blob again with
//! `spec_version` one higher, for the runtime upgrade test. That switch is an environment variable,
//! not a cargo feature, because cargo hashes a crate's features into its symbol names: a feature
//! would make the test build's runtime differ from the dev node's, byte for byte.
//!
//! The blob must be byte-identical for everyone who builds the same commit, so that voters can
//! check the hash an upgrade proposal names (`scripts/runtime-hash.sh`). Panic locations embed
//! source paths, so the paths that differ between machines are remapped to fixed ones: the cargo
//! home (registry sources) and the WASM project in the target directory. The checkout's own path
//! is made fixed by building through `scripts/lib/fixed-path.sh`, because cargo also hashes the
//! absolute path of path dependencies into every symbol name, which no remapping reaches.

#[cfg(feature = "std")]
fn main() {
	let builder = substrate_wasm_builder::WasmBuilder::init_with_defaults();
	#[cfg(feature = "metadata-hash")]
	let builder = builder.enable_metadata_hash("BZR", 12);
	remap_machine_paths(builder).build();

	println!("cargo:rerun-if-env-changed=BAZAAR_UPGRADE_TEST_WASM");
	if std::env::var_os("BAZAAR_UPGRADE_TEST_WASM").is_some_and(|value| value == "1") {
		// The second blob shares the first one's WASM project and dependencies, so it costs one
		// more compile of this crate.
		let builder = substrate_wasm_builder::WasmBuilder::init_with_defaults()
			.enable_feature("spec-version-bump")
			.set_file_name("upgrade_test_wasm.rs");
		#[cfg(feature = "metadata-hash")]
		let builder = builder.enable_metadata_hash("BZR", 12);
		remap_machine_paths(builder).build();
	} else if let Some(out_dir) = std::env::var_os("OUT_DIR") {
		let none = "pub const WASM_BINARY: Option<&[u8]> = None;\n\
			pub const WASM_BINARY_BLOATY: Option<&[u8]> = None;\n";
		let path = std::path::Path::new(&out_dir).join("upgrade_test_wasm.rs");
		if let Err(error) = std::fs::write(&path, none) {
			panic!("could not write {}: {error}", path.display());
		}
	}
}

/// Remaps the cargo home (`$CARGO_HOME`, else `~/.cargo`) to `/cargo` and the WASM project
/// (`<target>/<profile>/wbuild`, where the WASM build's own build scripts write) to `/wbuild`.
#[cfg(feature = "std")]
fn remap_machine_paths(
	mut builder: substrate_wasm_builder::WasmBuilder,
) -> substrate_wasm_builder::WasmBuilder {
	use std::path::PathBuf;
	let cargo_home = std::env::var_os("CARGO_HOME")
		.map(PathBuf::from)
		.or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")));
	if let Some(cargo_home) = cargo_home {
		builder = builder
			.append_to_rust_flags(format!("--remap-path-prefix={}=/cargo", cargo_home.display()));
	}
	// OUT_DIR is `<target>/<profile>/build/<crate>-<hash>/out`; the WASM builder puts its project
	// in `<target>/<profile>/wbuild`.
	let out_dir = std::env::var_os("OUT_DIR").map(PathBuf::from);
	if let Some(profile_dir) = out_dir.as_deref().and_then(|dir| dir.ancestors().nth(3)) {
		builder = builder.append_to_rust_flags(format!(
			"--remap-path-prefix={}=/wbuild",
			profile_dir.join("wbuild").display()
		));
	}
	builder
}

/// The WASM builder is only needed on the native side.
#[cfg(not(feature = "std"))]
fn main() {}
