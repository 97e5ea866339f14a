//! A runtime upgrade as governance performs it, with a real second WASM (this runtime built with
//! `spec_version` one higher): a root referendum authorizes the code hash, anyone applies the
//! code, the parachain schedules it, and once the relay chain's go-ahead applies it the new code
//! runs on the old state: the version changed, the state is preserved.

// Test code: a failed `unwrap` is a failed test (clippy does not treat `tests/` helpers as tests).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use bazaar_runtime::{OriginCaller, Runtime, RuntimeCall, System, VERSION};
use bazaar_runtime_tests::*;
use codec::{Decode, Encode};
use frame_support::{assert_noop, assert_ok};
use sc_executor::WasmExecutor;
use sp_core::traits::{
	CallContext, CodeExecutor, ReadRuntimeVersionExt, RuntimeCode, WrappedRuntimeCode,
};
use sp_keyring::Sr25519Keyring::*;
use sp_version::RuntimeVersion;

type Executor = WasmExecutor<(
	sp_io::SubstrateHostFunctions,
	cumulus_primitives_proof_size_hostfunction::storage_proof_size::HostFunctions,
)>;

fn executor() -> Executor {
	WasmExecutor::builder().with_allow_missing_host_functions(true).build()
}

fn upgraded_code() -> Vec<u8> {
	bazaar_runtime::upgrade_test_wasm::WASM_BINARY
		.expect(
			"the upgrade test WASM is built: set BAZAAR_UPGRADE_TEST_WASM=1 (scripts/test.sh does)",
		)
		.to_vec()
}

/// Calls the runtime API function `method` of `code` on the test state. One executor serves a
/// test: it caches each code's compiled module, which takes seconds to build.
fn call(
	executor: &Executor,
	ext: &mut sp_io::TestExternalities,
	code: &[u8],
	method: &str,
	data: &[u8],
) -> Vec<u8> {
	let fetcher = WrappedRuntimeCode(code.into());
	let runtime_code = RuntimeCode {
		code_fetcher: &fetcher,
		hash: sp_io::hashing::blake2_256(code).to_vec(),
		heap_pages: None,
	};
	let (result, _) =
		executor.call(&mut ext.ext(), &runtime_code, method, data, CallContext::Offchain);
	result.unwrap_or_else(|e| panic!("{method} failed: {e}"))
}

fn version_of(
	executor: &Executor,
	ext: &mut sp_io::TestExternalities,
	code: &[u8],
) -> RuntimeVersion {
	RuntimeVersion::decode(&mut &call(executor, ext, code, "Core_version", &[])[..]).unwrap()
}

/// What the relay chain's validation data gives a parachain and a code upgrade needs: the
/// validation data itself and the host configuration (a 3 MiB code limit).
fn relay_chain_context() {
	use cumulus_primitives_core::{
		relay_chain::AsyncBackingParams, AbridgedHostConfiguration, PersistedValidationData,
	};
	cumulus_pallet_parachain_system::ValidationData::<Runtime>::put(PersistedValidationData {
		relay_parent_number: 1,
		max_pov_size: 5 * 1024 * 1024,
		..Default::default()
	});
	cumulus_pallet_parachain_system::HostConfiguration::<Runtime>::put(AbridgedHostConfiguration {
		max_code_size: 3 * 1024 * 1024,
		max_head_data_size: 32 * 1024,
		max_upward_queue_count: 8,
		max_upward_queue_size: 1024 * 1024,
		max_upward_message_size: 4 * 1024,
		max_upward_message_num_per_candidate: 2,
		hrmp_max_message_num_per_candidate: 2,
		validation_upgrade_cooldown: 2,
		validation_upgrade_delay: 2,
		async_backing_params: AsyncBackingParams {
			allowed_ancestry_len: 0,
			max_candidate_depth: 0,
		},
	});
}

#[test]
fn a_root_referendum_upgrades_the_runtime_and_the_state_survives() {
	let executor = executor();
	let mut ext = dev_chain();
	ext.register_extension(ReadRuntimeVersionExt::new(executor.clone()));
	let new_code = upgraded_code();
	let old_code = bazaar_runtime::WASM_BINARY.unwrap().to_vec();
	assert_eq!(version_of(&executor, &mut ext, &old_code).spec_version, VERSION.spec_version);
	assert_eq!(version_of(&executor, &mut ext, &new_code).spec_version, VERSION.spec_version + 1);

	let listing = ext.execute_with(|| {
		relay_chain_context();
		let listing = list(Bob, PRICE, 7);

		// A referendum on the root track authorizes the new code's hash...
		let code_hash = sp_core::H256(sp_io::hashing::blake2_256(&new_code));
		let authorize = RuntimeCall::System(frame_system::Call::authorize_upgrade { code_hash });
		let (_, verdict) = run_referendum(
			OriginCaller::system(frame_system::RawOrigin::Root),
			authorize,
			&[Alice, Bob, Charlie, Dave, Eve],
			&[],
		);
		assert_eq!(verdict, Verdict::Approved);
		assert!(System::events().iter().any(|r| r.event ==
			bazaar_runtime::RuntimeEvent::System(frame_system::Event::UpgradeAuthorized {
				code_hash,
				check_version: true,
			})));

		// ...then anyone uploads it; code that is not the authorized one is refused.
		assert_noop!(
			System::apply_authorized_upgrade(signed(Ferdie), vec![0u8; 64]),
			frame_system::Error::<Runtime>::Unauthorized
		);
		assert_ok!(System::apply_authorized_upgrade(signed(Ferdie), new_code.clone()));
		assert_eq!(
			cumulus_pallet_parachain_system::PendingValidationCode::<Runtime>::get(),
			new_code
		);

		// The relay chain's go-ahead makes the parachain system store the pending code as the
		// runtime (on the dev node the e2e test drives the real signal).
		frame_system::Pallet::<Runtime>::update_code_in_storage(&new_code);
		listing
	});

	let code = ext
		.execute_with(|| sp_io::storage::get(sp_core::storage::well_known_keys::CODE))
		.expect("the chain has code")
		.to_vec();
	assert_eq!(code, new_code, "the new code is the runtime now");
	assert_eq!(version_of(&executor, &mut ext, &code).spec_version, VERSION.spec_version + 1);

	// The new code reads the listing the old one created.
	let details = call(&executor, &mut ext, &code, "ListingsApi_listing", &listing.encode());
	let details: Option<
		pallet_listings::ListingDetails<bazaar_runtime::AccountId, PaymentAsset, u128, u32>,
	> = Decode::decode(&mut &details[..]).unwrap();
	let details = details.expect("the listing survived the upgrade");
	assert_eq!((details.seller, details.unit_price, details.stock), (account(Bob), PRICE, 7));
}

#[test]
fn code_with_the_same_spec_version_is_not_applied() {
	let mut ext = dev_chain();
	ext.register_extension(ReadRuntimeVersionExt::new(executor()));
	let same = bazaar_runtime::WASM_BINARY.unwrap().to_vec();
	ext.execute_with(|| {
		relay_chain_context();
		let code_hash = sp_core::H256(sp_io::hashing::blake2_256(&same));
		assert_ok!(System::authorize_upgrade(frame_system::RawOrigin::Root.into(), code_hash));
		// Not the caller's fault: the call succeeds, the upgrade is rejected with an event.
		assert_ok!(System::apply_authorized_upgrade(signed(Ferdie), same));
		assert!(!cumulus_pallet_parachain_system::PendingValidationCode::<Runtime>::exists());
		assert!(System::events().iter().any(|r| matches!(
			r.event,
			bazaar_runtime::RuntimeEvent::System(
				frame_system::Event::RejectedInvalidAuthorizedUpgrade { .. }
			)
		)));
	});
}

#[test]
fn a_signed_account_cannot_authorize_an_upgrade() {
	dev_chain().execute_with(|| {
		assert_noop!(
			System::authorize_upgrade(signed(Alice), Default::default()),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}
