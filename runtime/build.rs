//! Builds the runtime WASM blob (and, with `metadata-hash`, embeds the metadata hash so offline
//! signers can verify what they sign through `CheckMetadataHash`). With `upgrade-test-wasm` it
//! also builds the blob again with `spec_version` one higher, for the runtime upgrade test.

#[cfg(all(feature = "std", not(feature = "metadata-hash")))]
fn main() {
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
	build_upgrade_test_wasm();
}

#[cfg(all(feature = "std", feature = "metadata-hash"))]
fn main() {
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_metadata_hash("BZR", 12)
		.build();
	build_upgrade_test_wasm();
}

/// The second blob shares the first one's WASM project and dependencies, so it costs one more
/// compile of this crate. Cargo sets `CARGO_FEATURE_*` for a build script's own features.
#[cfg(feature = "std")]
fn build_upgrade_test_wasm() {
	if std::env::var_os("CARGO_FEATURE_UPGRADE_TEST_WASM").is_some() {
		substrate_wasm_builder::WasmBuilder::init_with_defaults()
			.enable_feature("spec-version-bump")
			.set_file_name("upgrade_test_wasm.rs")
			.build();
	}
}

/// The WASM builder is only needed on the native side.
#[cfg(not(feature = "std"))]
fn main() {}
