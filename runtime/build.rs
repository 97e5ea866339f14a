//! Builds the runtime WASM blob (and, with `metadata-hash`, embeds the metadata hash so offline
//! signers can verify what they sign through `CheckMetadataHash`).

#[cfg(all(feature = "std", not(feature = "metadata-hash")))]
fn main() {
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}

#[cfg(all(feature = "std", feature = "metadata-hash"))]
fn main() {
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_metadata_hash("BZR", 12)
		.build();
}

/// The WASM builder is only needed on the native side.
#[cfg(not(feature = "std"))]
fn main() {}
